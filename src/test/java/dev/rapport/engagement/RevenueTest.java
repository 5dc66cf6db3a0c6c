package dev.rapport.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.rapport.app.Rapport;
import dev.rapport.content.NewPost;
import dev.rapport.content.PostState;
import dev.rapport.people.IdentityKey;
import dev.rapport.store.TestDatabases;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.Workspace;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RevenueTest {

  static final Instant NOW = Instant.parse("2026-06-30T00:00:00Z");
  static final Instant T = Instant.parse("2026-06-10T12:00:00Z");

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void revenueIsCreditedToPostsAndPeople(TestDatabases.Kind kind) {
    try (Rapport r = Rapport.on(kind.open(), Clock.fixed(NOW, ZoneOffset.UTC))) {
      Workspace ws = r.workspaces().create("shop", "Shop", ZoneId.of("UTC"), TargetAudience.NONE);
      Channel ch = r.workspaces().addChannel(ws.id(), Platform.BLUESKY, "shop.test", "Shop");
      long[] posts =
          r.posts()
              .create(
                  ws.id(),
                  List.of(
                      post("a", "Rye is back", ch, T),
                      post("b", "Croissant class", ch, T.plusSeconds(3600))));
      long va = r.posts().post(ws.id(), posts[0]).orElseThrow().variants().get(0).id();
      long vb = r.posts().post(ws.id(), posts[1]).orElseThrow().variants().get(0).id();
      long[] ids =
          r.people()
              .resolve(
                  ws.id(),
                  List.of(
                      new IdentityKey(Platform.BLUESKY, "did:plc:ann", "ann.test", "Ann"),
                      new IdentityKey(Platform.BLUESKY, "did:plc:bo", "bo.test", "Bo")));
      // Ann likes A (day 0) and replies to B (day 1); buys 30.00 EUR on day 2.
      r.ledger()
          .ingest(
              ws.id(),
              List.of(
                  new Engagement(
                      ids[0], ch.id(), va, EngagementKind.LIKE, T.plusSeconds(60), "t", "1"),
                  new Engagement(
                      ids[0],
                      ch.id(),
                      vb,
                      EngagementKind.REPLY,
                      T.plus(Duration.ofDays(1)),
                      "t",
                      "2")));
      long ann = r.people().identity(ws.id(), ids[0]).orElseThrow().personId();
      long bo = r.people().identity(ws.id(), ids[1]).orElseThrow().personId();
      TrackedLink link =
          r.links()
              .create(
                  ws.id(),
                  new NewLink(
                      URI.create("https://shop.example/"),
                      posts[0],
                      ch.id(),
                      null,
                      null,
                      null,
                      null));
      r.conversions()
          .record(
              ws.id(),
              List.of(
                  new NewConversion("o1", T.plus(Duration.ofDays(2)), 3000, "EUR", ann, null),
                  // Bo bought 10.00 through post A's tracked link.
                  new NewConversion("o2", T.plus(Duration.ofDays(3)), 1000, "EUR", bo, link.id())));

      // Last touch: o1 -> B (3000), o2 -> A via link (1000).
      List<PostRevenue> last =
          r.revenue()
              .byPost(ws.id(), T, NOW, Attribution.Model.LAST_TOUCH, Attribution.DEFAULT_LOOKBACK);
      assertThat(last).extracting(PostRevenue::postId).containsExactly(posts[1], posts[0]);
      assertThat(last.get(0).amountCents()).isCloseTo(3000, within(1e-9));
      assertThat(last.get(1).amountCents()).isCloseTo(1000, within(1e-9));
      // Linear: o1 split A 1500 / B 1500; o2 -> A 1000. A = 2500, B = 1500.
      List<PostRevenue> linear =
          r.revenue()
              .byPost(ws.id(), T, NOW, Attribution.Model.LINEAR, Attribution.DEFAULT_LOOKBACK);
      assertThat(linear.get(0).postId()).isEqualTo(posts[0]);
      assertThat(linear.get(0).amountCents()).isCloseTo(2500, within(1e-9));
      assertThat(linear.get(0).conversions()).isCloseTo(1.5, within(1e-9));
      assertThat(linear.get(1).amountCents()).isCloseTo(1500, within(1e-9));

      List<PersonRevenue> people = r.revenue().byPerson(ws.id(), T, NOW, 10);
      assertThat(people).extracting(PersonRevenue::personId).containsExactly(ann, bo);
      assertThat(people.get(0).amountCents()).isEqualTo(3000);
      assertThat(r.truth().summary(ws.id(), NOW, Truth.DEFAULT_WINDOW).customers()).isEqualTo(2);
    }
  }

  static NewPost post(String key, String text, Channel ch, Instant at) {
    return new NewPost(
        null,
        text,
        PostState.PUBLISHED,
        key,
        List.of(
            new NewPost.NewVariant(
                ch.id(), text, PostState.PUBLISHED, null, at, "at://" + key, 10L, 8L)));
  }
}
