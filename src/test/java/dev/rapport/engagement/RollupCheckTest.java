package dev.rapport.engagement;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.app.Rapport;
import dev.rapport.authenticity.Category;
import dev.rapport.authenticity.Verdict;
import dev.rapport.content.NewPost;
import dev.rapport.content.PostState;
import dev.rapport.people.IdentityKey;
import dev.rapport.store.TestDatabases;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.Workspace;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rollup check ({@code rapport check}) agrees with a workspace kept by the product, and finds
 * every kind of rollup that was tampered with. Two of its first findings are pinned here: verdict
 * changes of several engagers of one post (refused by PostgreSQL) and of an identity whose only
 * events on a post were follows (left in the old verdict's bucket).
 */
class RollupCheckTest {

  static final Instant NOW = Instant.parse("2026-06-17T12:00:00Z");

  record Fixture(Rapport r, long ws, long channel, long variant, long[] ids) {}

  static Fixture fixture(Rapport r) {
    Workspace w = r.workspaces().create("shop", "Shop", ZoneId.of("UTC"), TargetAudience.NONE);
    Channel ch = r.workspaces().addChannel(w.id(), Platform.BLUESKY, "shop.test", "Shop");
    long[] ids =
        r.people()
            .resolve(
                w.id(),
                IntStream.rangeClosed(1, 6)
                    .mapToObj(i -> new IdentityKey(Platform.BLUESKY, "did:" + i, "u" + i, null))
                    .toList());
    r.people().follow(w.id(), ch.id(), new long[] {ids[0], ids[4]}, NOW.minusSeconds(86_400));
    long post =
        r.posts()
            .create(
                w.id(),
                List.of(
                    new NewPost(
                        null,
                        "Rye at 7",
                        PostState.PUBLISHED,
                        "p1",
                        List.of(
                            new NewPost.NewVariant(
                                ch.id(),
                                null,
                                PostState.PUBLISHED,
                                null,
                                NOW.minusSeconds(7_200),
                                "at://p1",
                                10L,
                                8L)))))[0];
    long variant = r.posts().post(w.id(), post).orElseThrow().variants().get(0).id();
    List<Engagement> events = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      events.add(ev(ids[i], ch.id(), variant, EngagementKind.LIKE, "like-" + i));
    }
    events.add(ev(ids[0], ch.id(), variant, EngagementKind.REPLY, "reply-0"));
    // Two identities whose only events on the post are follows.
    events.add(ev(ids[4], ch.id(), variant, EngagementKind.FOLLOW, "follow-4"));
    events.add(ev(ids[5], ch.id(), variant, EngagementKind.FOLLOW, "follow-5"));
    r.ledger().ingest(w.id(), events);
    return new Fixture(r, w.id(), ch.id(), variant, ids);
  }

  static Engagement ev(long id, long ch, long variant, EngagementKind kind, String key) {
    return new Engagement(id, ch, variant, kind, NOW.minusSeconds(3_600), "test", key);
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void verdictChangesOfEngagersKeepEveryRollupEqualToItsRecomputation(TestDatabases.Kind kind) {
    try (Rapport r = Rapport.on(kind.open(), Clock.fixed(NOW, ZoneOffset.UTC))) {
      Fixture f = fixture(r);
      assertThat(r.rollups().check(f.ws()).consistent()).isTrue();
      // Every engager becomes a real person in one batch: four of them liked the same post.
      r.people()
          .recordVerdicts(
              f.ws(),
              f.ids(),
              Collections.nCopies(
                  f.ids().length,
                  new Verdict(Category.REAL_PERSON, 0.9, 1.0, List.of("test"), "test")),
              NOW);
      Rollups.RollupCheck check = r.rollups().check(f.ws());
      assertThat(check.parts())
          .allSatisfy(
              p -> assertThat(p.differences()).as(p.rollup() + " " + p.examples()).isZero());
      assertThat(rollup(r, f.variant(), "real_person", "follow")).isEqualTo(2);
      assertThat(rollup(r, f.variant(), "real_person", "like")).isEqualTo(4);
      assertThat(rollup(r, f.variant(), "unknown", "follow")).isZero();
      // And back, for half of them.
      r.people()
          .recordVerdicts(
              f.ws(),
              new long[] {f.ids()[0], f.ids()[1], f.ids()[5]},
              Collections.nCopies(
                  3, new Verdict(Category.SUSPICIOUS, 0.9, 1.0, List.of("test"), "test")),
              NOW);
      assertThat(r.rollups().check(f.ws()).consistent()).isTrue();
      assertThat(rollup(r, f.variant(), "suspicious", "like")).isEqualTo(2);
      assertThat(check.parts())
          .extracting(Rollups.Part::rollup)
          .containsExactly(
              "variant_rollup",
              "identity_week",
              "identity engagement summary",
              "person_activity",
              "audience_count",
              "identity.follows",
              "identity.verdict");
      assertThat(check.parts()).allSatisfy(p -> assertThat(p.rows()).isPositive());
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void everyTamperedRollupIsFound(TestDatabases.Kind kind) {
    try (Rapport r = Rapport.on(kind.open(), Clock.fixed(NOW, ZoneOffset.UTC))) {
      Fixture f = fixture(r);
      assertThat(r.rollups().check(f.ws()).consistent()).isTrue();
      String[] tampering = {
        "UPDATE variant_rollup SET n = n + 1 WHERE kind = 'like'",
        "UPDATE identity_week SET n = n + 2 WHERE identity_id = " + f.ids()[1],
        "UPDATE identity_activity SET engagements = 7 WHERE identity_id = " + f.ids()[2],
        // No identity is authentic yet: a person_activity row for one is out of step.
        "INSERT INTO person_activity (person_id, workspace_id, engagements, first_engaged_at,"
            + " last_engaged_at, last_week, recent_weeks) SELECT person_id, workspace_id, 1,"
            + " TIMESTAMP WITH TIME ZONE '2026-11-20 10:00:00+00', TIMESTAMP WITH TIME ZONE"
            + " '2026-11-20 10:00:00+00', 2967, 1 FROM identity WHERE id = "
            + f.ids()[3],
        "UPDATE audience_count SET n = n - 1 WHERE follows = TRUE",
        "UPDATE identity SET follows = TRUE WHERE id = " + f.ids()[3],
        "UPDATE identity SET verdict = 'suspicious', verdict_source = 'none' WHERE id = "
            + f.ids()[2]
      };
      for (String sql : tampering) {
        r.database().jdbi().useHandle(h -> h.execute(sql));
      }
      Rollups.RollupCheck check = r.rollups().check(f.ws());
      assertThat(check.consistent()).isFalse();
      assertThat(check.parts())
          .allSatisfy(p -> assertThat(p.differences()).as(p.rollup()).isPositive());
      assertThat(check.parts().get(0).examples())
          // One like added to the stored bucket, one engager moved to 'suspicious' behind its
          // back: the recomputation counts by the current verdict.
          .containsExactly(
              "variant " + f.variant() + " suspicious like: stored none, recomputed 1",
              "variant " + f.variant() + " unknown like: stored 5, recomputed 3");
    }
  }

  static long rollup(Rapport r, long variant, String verdict, String kind) {
    return r.database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT COALESCE(SUM(n), 0) FROM variant_rollup WHERE variant_id = ? AND"
                            + " verdict = ? AND kind = ?")
                    .bind(0, variant)
                    .bind(1, verdict)
                    .bind(2, kind)
                    .mapTo(Long.class)
                    .one());
  }
}
