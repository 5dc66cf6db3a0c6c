package dev.rapport.authenticity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProfileReadersTest {

  private static final ReadOptions SKIP_ONE = new ReadOptions(1, null);

  @Test
  void readsTwitterV1JsonLinesAndKeepsMissingFieldsMissing() {
    List<ProfileSnapshot> profiles = Fixtures.read("twitter-v1.jsonl", SKIP_ONE);

    assertThat(profiles).hasSize(2);
    ProfileSnapshot marie = profiles.get(0);
    assertThat(marie.platform()).isEqualTo("x");
    assertThat(marie.platformUserId()).isEqualTo("101");
    assertThat(marie.handle()).isEqualTo("marie_dubois");
    assertThat(marie.followersCount()).isEqualTo(812);
    assertThat(marie.followingCount()).isEqualTo(390);
    assertThat(marie.likesCount()).isEqualTo(2950);
    assertThat(marie.accountCreatedAt()).isEqualTo(Instant.parse("2009-03-17T08:51:12Z"));
    assertThat(marie.lastActivityAt()).isEqualTo(Instant.parse("2024-01-08T10:00:00Z"));
    assertThat(marie.language()).isEqualTo("fr");

    ProfileSnapshot bot = profiles.get(1);
    assertThat(bot.likesCount()).as("missing, not zero").isNull();
    assertThat(bot.listedCount()).isNull();
    assertThat(bot.bio()).isNull();
    assertThat(bot.defaultAvatar()).isTrue();
  }

  @Test
  void aTruncatedJsonLineIsNamedByLineAndCounted() {
    try (ProfileReader r = ProfileReaders.open(Fixtures.path("twitter-v1.jsonl"), SKIP_ONE)) {
      r.readAll(p -> {});
      assertThat(r.errors().count()).isEqualTo(1);
      assertThat(r.errors().details().get(0))
          .startsWith("twitter-v1.jsonl line 3")
          .contains("JSON");
    }
  }

  @Test
  void strictReadingStopsAtTheFirstBadRecord() {
    assertThatThrownBy(() -> Fixtures.read("twitter-v1.jsonl", ReadOptions.STRICT))
        .isInstanceOf(MalformedProfileException.class)
        .hasMessageContaining("line 3");
  }

  @Test
  void readsXApiV2WrapperWithPublicMetrics() {
    List<ProfileSnapshot> profiles = Fixtures.read("twitter-v2.json", ReadOptions.STRICT);

    assertThat(profiles).extracting(ProfileSnapshot::handle).containsExactly("TwitterDev", "anon");
    ProfileSnapshot dev = profiles.get(0);
    assertThat(dev.followersCount()).isEqualTo(513958);
    assertThat(dev.followingCount()).isEqualTo(2039);
    assertThat(dev.postsCount()).isEqualTo(3635);
    assertThat(dev.verified()).isTrue();
    assertThat(dev.defaultAvatar()).isFalse();
    assertThat(dev.accountCreatedAt()).isEqualTo(Instant.parse("2013-12-14T04:35:55Z"));
    assertThat(profiles.get(1).defaultAvatar()).isTrue();
    assertThat(profiles.get(1).postsCount()).isNull();
  }

  @Test
  void readsMastodonAccounts() {
    List<ProfileSnapshot> profiles = Fixtures.read("mastodon.json", ReadOptions.STRICT);

    ProfileSnapshot bot = profiles.get(0);
    assertThat(bot.platform()).isEqualTo("mastodon");
    assertThat(bot.handle()).isEqualTo("weatherbot@bots.example");
    assertThat(bot.declaredBot()).isTrue();
    assertThat(bot.bio()).isEqualTo("Hourly weather for Lyon & around");
    assertThat(bot.url()).as("a Mastodon url is the profile page").isNull();
    assertThat(bot.defaultAvatar()).isTrue();
    assertThat(bot.lastActivityAt()).isEqualTo(Instant.parse("2024-01-09T00:00:00Z"));
    assertThat(profiles.get(1).protectedAccount()).isTrue();
    assertThat(profiles.get(1).declaredBot()).isFalse();
  }

  @Test
  void readsBlueskyProfileViews() {
    List<ProfileSnapshot> profiles = Fixtures.read("bluesky.json", ReadOptions.STRICT);

    ProfileSnapshot sam = profiles.get(0);
    assertThat(sam.platform()).isEqualTo("bluesky");
    assertThat(sam.platformUserId()).isEqualTo("did:plc:abc123");
    assertThat(sam.followingCount()).isEqualTo(120);
    assertThat(sam.postsCount()).isEqualTo(340);
    assertThat(sam.defaultAvatar()).as("no avatar field means no avatar").isTrue();
    assertThat(profiles.get(1).defaultAvatar()).isFalse();
    assertThat(sam.likesCount()).isNull();
  }

  @Test
  void mapsCsvColumnsByNameWhateverTheirOrder() {
    List<ProfileSnapshot> a = Fixtures.read("cresci-order-a.users.csv", ReadOptions.STRICT);
    List<ProfileSnapshot> b = Fixtures.read("cresci-order-b.users.csv", ReadOptions.STRICT);

    assertThat(a.get(0).followersCount()).isEqualTo(208);
    assertThat(a.get(0).observedAt())
        .as("crawled_at, not timestamp (which is the creation time)")
        .isEqualTo(Instant.parse("2015-05-02T06:41:46Z"));
    assertThat(a.get(1).accountCreatedAt()).isEqualTo(Instant.ofEpochMilli(1183552203000L));
    assertThat(a.get(1).defaultAvatar()).isTrue();
    assertThat(a.get(0).defaultAvatar()).as("empty boolean cell is false").isFalse();
    assertThat(b.get(0).accountCreatedAt()).isEqualTo(Instant.parse("2009-10-07T03:19:21Z"));
    assertThat(b.get(0).observedAt()).isEqualTo(Instant.parse("2013-06-12T18:38:35Z"));
    assertThat(b.get(0).followingCount()).isEqualTo(255);
  }

  @Test
  void aWrongTypeNamesTheLineAndTheField() {
    assertThatThrownBy(() -> Fixtures.read("bad-types.csv", ReadOptions.STRICT))
        .isInstanceOf(MalformedProfileException.class)
        .hasMessageContaining("bad-types.csv line 3")
        .hasMessageContaining("field followers_count")
        .hasMessageContaining("\"many\"");

    List<ProfileSnapshot> kept = Fixtures.read("bad-types.csv", new ReadOptions(5, null));
    assertThat(kept).extracting(ProfileSnapshot::handle).containsExactly("ok_one", "ok_two");
  }

  @Test
  void wrongTypeInJsonIsReportedAndTheStreamGoesOn() {
    String json =
        "[{\"id_str\":\"1\",\"followers_count\":\"lots\",\"friends_count\":{\"x\":1}},"
            + "{\"id_str\":\"2\",\"followers_count\":3}]";
    List<ProfileSnapshot> out = new ArrayList<>();
    try (ProfileReader r = open(json, "f.json", new ReadOptions(1, null))) {
      r.readAll(out::add);
      assertThat(r.errors().details().get(0))
          .contains("f.json record 0")
          .contains("field followers_count")
          .contains("\"lots\"");
    }
    assertThat(out).extracting(ProfileSnapshot::platformUserId).containsExactly("2");
  }

  @Test
  void aBinaryFileIsRejectedClearly() {
    byte[] bytes = {(byte) 0x89, 'P', 'N', 'G', 0, 0, 0, 13};
    assertThatThrownBy(
            () ->
                ProfileReaders.open(
                    new ByteArrayInputStream(bytes), "photo.json", ReadOptions.STRICT))
        .isInstanceOf(MalformedProfileException.class)
        .hasMessageContaining("binary file");
  }

  @Test
  void aCsvWithoutProfileColumnsIsRejected() {
    assertThatThrownBy(() -> open("colour,size\nred,3\n", "x.csv", ReadOptions.STRICT))
        .isInstanceOf(MalformedProfileException.class)
        .hasMessageContaining("not a profile CSV")
        .hasMessageContaining("colour");
  }

  @Test
  void readsLabelsFromTheLabelColumn() {
    List<LabelledProfile> l =
        LabelledData.read(List.of(Fixtures.path("labelled.csv")), ReadOptions.STRICT);
    assertThat(l).extracting(LabelledProfile::bot).containsExactly(false, false, true, true);
    assertThat(l.get(0).profile().observedAt()).isEqualTo(Instant.parse("2024-01-10T00:00:00Z"));
  }

  @Test
  void readsTheClassFromCresciFileNames() {
    assertThat(LabelledData.classFromName("genuine_accounts")).isFalse();
    assertThat(LabelledData.classFromName("social_spambots_1")).isTrue();
    assertThat(LabelledData.classFromName("fake_followers")).isTrue();
    assertThat(LabelledData.classFromName("followers")).isNull();
    assertThat(LabelledData.classFromDataset("E13")).isFalse();
    assertThat(LabelledData.classFromDataset("INT")).isTrue();
  }

  private static ProfileReader open(String text, String name, ReadOptions options) {
    return ProfileReaders.open(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), name, options);
  }
}
