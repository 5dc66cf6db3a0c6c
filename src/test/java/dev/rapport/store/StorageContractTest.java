package dev.rapport.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rapport.app.Rapport;
import dev.rapport.authenticity.Category;
import dev.rapport.authenticity.ProfileSnapshot;
import dev.rapport.authenticity.Verdict;
import dev.rapport.content.NewPost;
import dev.rapport.content.PostState;
import dev.rapport.engagement.Engagement;
import dev.rapport.engagement.EngagementKind;
import dev.rapport.engagement.IngestResult;
import dev.rapport.engagement.PostTruth;
import dev.rapport.engagement.Truth;
import dev.rapport.engagement.TruthSummary;
import dev.rapport.people.IdentityKey;
import dev.rapport.people.People;
import dev.rapport.people.Stage;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One contract, every database: the same storage behaviour and the same metric values on H2 and on
 * PostgreSQL. The fixture is small enough to work out every figure by hand (see comments).
 */
class StorageContractTest {

  static final Instant AS_OF = Instant.parse("2026-06-17T12:00:00Z"); // a Wednesday
  static final Instant POSTED = Instant.parse("2026-06-07T09:00:00Z"); // week of Mon 06-01

  static Rapport open(TestDatabases.Kind kind) {
    Database db = kind.open();
    return Rapport.on(db, Clock.fixed(AS_OF, ZoneOffset.UTC));
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void workspacesChannelsUsersAndRoles(TestDatabases.Kind kind) {
    try (Rapport r = open(kind)) {
      Workspace ws =
          r.workspaces()
              .create(
                  "bakery",
                  "Lyon Bakery",
                  ZoneId.of("Europe/Paris"),
                  new TargetAudience(
                      "bakers", List.of("sourdough", "pastry"), List.of("fr"), List.of("Lyon")));
      assertThat(r.workspaces().bySlug("bakery")).contains(ws);
      assertThat(ws.audience().topics()).containsExactly("sourdough", "pastry");
      Channel ch = r.workspaces().addChannel(ws.id(), Platform.BLUESKY, "bakery.test", "Bakery");
      r.workspaces().updateChannelPlan(ch.id(), 1200L, 3);
      assertThat(r.workspaces().channels(ws.id()))
          .singleElement()
          .satisfies(c -> assertThat(c.postsPerWeek()).isEqualTo(3));
      User u = r.workspaces().createUser("Owner@Example.com", "Owner", "hash");
      assertThat(u.email()).isEqualTo("owner@example.com");
      r.workspaces().grant(ws.id(), u.id(), Role.MANAGER);
      r.workspaces().grant(ws.id(), u.id(), Role.OWNER);
      assertThat(r.workspaces().role(ws.id(), u.id())).contains(Role.OWNER);
      assertThat(r.workspaces().memberships(u.id())).hasSize(1);
      assertThatThrownBy(
              () -> r.workspaces().create("Bad Slug", "x", ZoneId.of("UTC"), TargetAudience.NONE))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void identitiesResolveOnceAndFollowsAreIdempotent(TestDatabases.Kind kind) {
    try (Rapport r = open(kind)) {
      Workspace ws = r.workspaces().create("w", "W", ZoneId.of("UTC"), TargetAudience.NONE);
      Channel ch = r.workspaces().addChannel(ws.id(), Platform.MASTODON, "@w@example.social", "W");
      List<IdentityKey> keys = new ArrayList<>();
      IntStream.range(0, 2500)
          .forEach(
              i -> keys.add(new IdentityKey(Platform.MASTODON, "u" + i, "user" + i, "User " + i)));
      keys.add(new IdentityKey(Platform.MASTODON, "u7", "user7", "User 7")); // repeated in batch
      long[] first = r.people().resolve(ws.id(), keys);
      long[] again = r.people().resolve(ws.id(), keys);
      assertThat(again).containsExactly(first);
      assertThat(first[2500]).isEqualTo(first[7]);
      assertThat(java.util.Arrays.stream(first).distinct().count()).isEqualTo(2500);
      r.people().follow(ws.id(), ch.id(), first, AS_OF);
      r.people().follow(ws.id(), ch.id(), first, AS_OF);
      TruthSummary s = r.truth().summary(ws.id(), AS_OF, Truth.DEFAULT_WINDOW);
      assertThat(s.followers()).isEqualTo(2500);
      assertThat(s.audience().of(Category.UNKNOWN)).isEqualTo(2500);
      var identity = r.people().identity(ws.id(), first[0]).orElseThrow();
      assertThat(r.people().person(ws.id(), identity.personId()).orElseThrow().stage())
          .isEqualTo(Stage.FOLLOWER);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void profilesAreStoredOncePerMoment(TestDatabases.Kind kind) {
    try (Rapport r = open(kind)) {
      Workspace ws = r.workspaces().create("w", "W", ZoneId.of("UTC"), TargetAudience.NONE);
      long[] ids =
          r.people().resolve(ws.id(), List.of(new IdentityKey(Platform.X, "42", "jo", "Jo")));
      ProfileSnapshot p =
          ProfileSnapshot.builder("x", "42")
              .handle("jo")
              .observedAt(AS_OF)
              .followersCount(12L)
              .followingCount(4812L)
              .bio("")
              .defaultAvatar(true)
              .build();
      r.people().saveProfiles(ws.id(), ids, List.of(p));
      r.people().saveProfiles(ws.id(), ids, List.of(p));
      List<People.StoredProfile> stored = r.people().latestProfiles(ws.id(), 0, 10);
      assertThat(stored)
          .singleElement()
          .satisfies(
              sp -> {
                assertThat(sp.profile().followingCount()).isEqualTo(4812L);
                assertThat(sp.profile().postsCount()).isNull(); // unknown stays unknown
                assertThat(sp.profile().defaultAvatar()).isTrue();
              });
    }
  }

  /** The hand-worked fixture; see {@link #truthMetricsOnAHandBuiltWorkspace}. */
  record Fixture(Rapport r, long ws, long channel, long variant, long[] ids) {}

  static Fixture fixture(Rapport r) {
    Workspace ws = r.workspaces().create("bakery", "Bakery", ZoneId.of("UTC"), TargetAudience.NONE);
    Channel ch = r.workspaces().addChannel(ws.id(), Platform.BLUESKY, "bakery.test", "Bakery");
    r.workspaces().updateChannelPlan(ch.id(), 10L, 3);
    List<IdentityKey> keys =
        IntStream.rangeClosed(1, 6)
            .mapToObj(
                i -> new IdentityKey(Platform.BLUESKY, "did:plc:a" + i, "a" + i + ".test", "A" + i))
            .toList();
    long[] ids = r.people().resolve(ws.id(), keys);
    // a1..a5 follow; a6 only engages.
    r.people()
        .follow(
            ws.id(), ch.id(), java.util.Arrays.copyOf(ids, 5), POSTED.minusSeconds(86_400 * 30L));
    Category[] verdicts = {
      Category.REAL_PERSON, Category.REAL_PERSON, Category.INFLUENCER,
      Category.SUSPICIOUS, Category.SUSPICIOUS, Category.REAL_PERSON
    };
    r.people()
        .recordVerdicts(
            ws.id(),
            ids,
            java.util.Arrays.stream(verdicts)
                .map(c -> new Verdict(c, 0.9, 1.0, List.of("fixture"), "test"))
                .toList(),
            AS_OF);
    long postId =
        r.posts()
            .create(
                ws.id(),
                List.of(
                    new NewPost(
                        null,
                        "Fresh sourdough at 7am",
                        PostState.PUBLISHED,
                        "p1",
                        List.of(
                            new NewPost.NewVariant(
                                ch.id(),
                                null,
                                PostState.PUBLISHED,
                                null,
                                POSTED,
                                "at://p1",
                                5L,
                                3L)))))[0];
    long variant = r.posts().post(ws.id(), postId).orElseThrow().variants().get(0).id();
    return new Fixture(r, ws.id(), ch.id(), variant, ids);
  }

  static List<Engagement> fixtureEvents(Fixture f) {
    long[] a = f.ids();
    Instant t = POSTED.plusSeconds(3600);
    return List.of(
        ev(a[0], f, EngagementKind.LIKE, t, "like-a1"),
        ev(a[0], f, EngagementKind.REPLY, t, "reply-a1"),
        ev(a[1], f, EngagementKind.LIKE, t, "like-a2"),
        ev(a[3], f, EngagementKind.LIKE, t, "like-a4"),
        ev(a[4], f, EngagementKind.LIKE, t, "like-a5"),
        ev(a[5], f, EngagementKind.REPOST, t, "repost-a6"),
        // a1 also mentions the brand in two earlier weeks (no post): 3 distinct weeks -> core.
        new Engagement(
            a[0],
            f.channel(),
            null,
            EngagementKind.MENTION,
            Instant.parse("2026-05-27T10:00:00Z"),
            "test",
            "m1"),
        new Engagement(
            a[0],
            f.channel(),
            null,
            EngagementKind.MENTION,
            Instant.parse("2026-05-13T10:00:00Z"),
            "test",
            "m2"));
  }

  static Engagement ev(long identity, Fixture f, EngagementKind kind, Instant t, String key) {
    return new Engagement(identity, f.channel(), f.variant(), kind, t, "test", key);
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void truthMetricsOnAHandBuiltWorkspace(TestDatabases.Kind kind) {
    try (Rapport r = open(kind)) {
      Fixture f = fixture(r);
      IngestResult first = r.ledger().ingest(f.ws(), fixtureEvents(f));
      assertThat(first.inserted()).isEqualTo(8);
      // Re-ingesting the same events writes nothing and changes no figure.
      IngestResult again = r.ledger().ingest(f.ws(), fixtureEvents(f));
      assertThat(again.inserted()).isZero();
      assertThat(again.duplicates()).isEqualTo(8);
      assertThat(r.ledger().count(f.ws())).isEqualTo(8);

      long a2Person = r.people().identity(f.ws(), f.ids()[1]).orElseThrow().personId();
      r.people().markCustomers(f.ws(), new long[] {a2Person});

      TruthSummary s = r.truth().summary(f.ws(), AS_OF, Truth.DEFAULT_WINDOW);
      assertThat(s.vanityFollowers()).isEqualTo(10); // what the platform shows
      assertThat(s.followers()).isEqualTo(5); // a1..a5
      assertThat(s.authenticFollowers()).isEqualTo(3); // a1, a2 (real), a3 (influencer)
      assertThat(s.engagedAudience()).isEqualTo(3); // a1, a2, a6 interacted; a4, a5 are bots
      assertThat(s.core()).isEqualTo(1); // a1: weeks of 06-01, 05-25, 05-11
      assertThat(s.customers()).isEqualTo(1); // a2
      assertThat(s.posts()).isEqualTo(1);
      assertThat(s.engagements()).isEqualTo(6); // post interactions only; mentions have no post
      assertThat(s.authenticEngagements()).isEqualTo(4); // a1 like+reply, a2 like, a6 repost
      assertThat(s.rawRate()).isCloseTo(6 / 5.0, within(1e-9));
      assertThat(s.authenticRate()).isCloseTo(4 / 3.0, within(1e-9));
      assertThat(s.botShare()).isCloseTo(2 / 6.0, within(1e-9));
      assertThat(s.weightedEngagement()).isCloseTo(1 + 4 + 1 + 2, within(1e-9));
      // 100 * (0.5 * 3/5 + 0.3 * min(1, (3/3)/0.2) + 0.2 * (1 - 1/3)) = 73.33
      assertThat(s.qualityScore()).isCloseTo(73.333, within(0.01));

      PostTruth p = r.truth().posts(f.ws(), AS_OF.minusSeconds(86_400 * 90L), AS_OF, 10).get(0);
      assertThat(p.botLikeShare()).isCloseTo(0.5, within(1e-9)); // 2 of 4 likes from bots
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void rollupsFollowAChangedVerdict(TestDatabases.Kind kind) {
    try (Rapport r = open(kind)) {
      Fixture f = fixture(r);
      r.ledger().ingest(f.ws(), fixtureEvents(f));
      // a4 turns out to be a real person: its like moves from the bot bucket to the authentic one.
      r.people()
          .recordVerdicts(
              f.ws(),
              new long[] {f.ids()[3]},
              List.of(new Verdict(Category.REAL_PERSON, 0.8, 1.0, List.of("re-scored"), "test")),
              AS_OF);
      TruthSummary s = r.truth().summary(f.ws(), AS_OF, Truth.DEFAULT_WINDOW);
      assertThat(s.authenticEngagements()).isEqualTo(5);
      assertThat(s.botShare()).isCloseTo(1 / 6.0, within(1e-9));
      assertThat(s.authenticFollowers()).isEqualTo(4);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void anotherWorkspacesIdentityIsRefusedAndNothingIsWritten(TestDatabases.Kind kind) {
    try (Rapport r = open(kind)) {
      Fixture f = fixture(r);
      Workspace other =
          r.workspaces().create("other", "Other", ZoneId.of("UTC"), TargetAudience.NONE);
      long[] foreign =
          r.people()
              .resolve(
                  other.id(),
                  List.of(new IdentityKey(Platform.BLUESKY, "did:plc:z", "z.test", "Z")));
      List<Engagement> events = new ArrayList<>(fixtureEvents(f));
      events.add(ev(foreign[0], f, EngagementKind.LIKE, POSTED, "foreign"));
      assertThatThrownBy(() -> r.ledger().ingest(f.ws(), events))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("do not belong");
      assertThat(r.ledger().count(f.ws())).isZero();
      assertThat(r.truth().summary(f.ws(), AS_OF, Truth.DEFAULT_WINDOW).engagements()).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void postsWithTheSameExternalKeyAreCreatedOnce(TestDatabases.Kind kind) {
    try (Rapport r = open(kind)) {
      Fixture f = fixture(r);
      long[] again =
          r.posts()
              .create(
                  f.ws(),
                  List.of(
                      new NewPost(
                          null, "Fresh sourdough at 7am", PostState.PUBLISHED, "p1", List.of())));
      assertThat(r.posts().recent(f.ws(), 10)).hasSize(1);
      assertThat(r.posts().post(f.ws(), again[0]).orElseThrow().variants()).hasSize(1);
      assertThat(r.posts().variantByPlatformId(f.ws(), f.channel(), "at://p1"))
          .contains(f.variant());
    }
  }
}
