package dev.rapport.engagement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Retention cohorts and the quality series on a hand-built workspace. AS_OF is Wed 2026-06-17.
 *
 * <pre>
 * p1 real person  follows since 01-01; interacted Wed 01-07, 02-04, 04-08 (months Jan, Feb, Apr)
 * p2 real person  follows since 03-01; interacted 01-14 (Jan)
 * p3 real person  interacted 01-21, 04-15 (Jan, Apr)
 * p4 real person  interacted 02-11, 03-04 (Feb, Mar)
 * p5 suspicious   follows since 01-01; interacted 01-07, 02-04; liked the post on 06-16
 * p6 real person  liked the post (published 06-01) on 06-16 (Jun)
 * </pre>
 */
class RetentionTest {

  static final Instant AS_OF = Instant.parse("2026-06-17T12:00:00Z");

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void cohortsAndQualityOverTime(TestDatabases.Kind kind) {
    try (Rapport r = Rapport.on(kind.open(), Clock.fixed(AS_OF, ZoneOffset.UTC))) {
      long ws = fixture(r);
      // Jan cohort = p1, p2, p3 (p5 is not authentic). +1 month (Feb): p1 → 1.
      // +3 (Apr): p1, p3 → 2. +6 (Jul) and +12 have not ended: unknown.
      // Feb cohort = p4. +1 (Mar): 1. +3 (May): 0. Jun cohort = p6: nothing known yet.
      assertThat(r.retention().cohorts(ws, AS_OF))
          .containsExactly(
              new Cohort(YearMonth.of(2026, 1), 3, Arrays.asList(1L, 2L, null, null)),
              new Cohort(YearMonth.of(2026, 2), 1, Arrays.asList(1L, 0L, null, null)),
              new Cohort(YearMonth.of(2026, 6), 1, Arrays.asList(null, null, null, null)));

      List<QualityPoint> q =
          r.retention()
              .quality(
                  ws,
                  Instant.parse("2026-04-17T12:00:00Z"),
                  AS_OF,
                  Period.ofMonths(1),
                  Duration.ofDays(90));
      // 04-17: followers p1, p2, p5 = 3, authentic 2. Weeks Mon 01-12 .. Mon 04-13: p1 (02-02),
      //   p2 (01-12), p3, p4 = 4 engaged. No post in the window: clean.
      //   100 × (0.5 × 2/3 + 0.3 × min(1, (4/2)/0.2) + 0.2 × 1) = 83.33
      // 05-17: weeks Mon 02-16 .. Mon 05-11: p1 (04-06), p3 (04-13), p4 (03-02) = 3 → 83.33
      // 06-17: weeks Mon 03-16 .. Mon 06-15: p1, p3, p6 = 3; the post has 2 likes, 1 from p5:
      //   bot share 1/2 → 100 × (0.3333 + 0.3 + 0.2 × 0.5) = 73.33
      assertThat(q).extracting(QualityPoint::engagedAudience).containsExactly(4L, 3L, 3L);
      assertThat(q).extracting(QualityPoint::authenticFollowers).containsExactly(2L, 2L, 2L);
      assertThat(q.stream().mapToDouble(QualityPoint::score).toArray())
          .containsExactly(new double[] {83.333, 83.333, 73.333}, within(1e-3));
      // The last point is the summary's score.
      assertThat(r.truth().summary(ws, AS_OF, Duration.ofDays(90)).qualityScore())
          .isCloseTo(q.get(2).score(), within(1e-9));
    }
  }

  static long fixture(Rapport r) {
    Workspace ws = r.workspaces().create("ret", "Ret", ZoneId.of("UTC"), TargetAudience.NONE);
    Channel ch = r.workspaces().addChannel(ws.id(), Platform.BLUESKY, "ret.test", "Ret");
    List<IdentityKey> keys = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      keys.add(new IdentityKey(Platform.BLUESKY, "did:p" + i, "p" + i, "P" + i));
    }
    long[] p = r.people().resolve(ws.id(), keys);
    List<Verdict> verdicts = new ArrayList<>();
    for (int i = 1; i <= 6; i++) {
      Category c = i == 5 ? Category.SUSPICIOUS : Category.REAL_PERSON;
      verdicts.add(new Verdict(c, 0.9, 1.0, List.of("fixture"), "test"));
    }
    r.people().recordVerdicts(ws.id(), p, verdicts, AS_OF);
    r.people().follow(ws.id(), ch.id(), new long[] {p[0], p[4]}, at("2026-01-01"));
    r.people().follow(ws.id(), ch.id(), new long[] {p[1]}, at("2026-03-01"));
    long post =
        r.posts()
            .create(
                ws.id(),
                List.of(
                    new NewPost(
                        null,
                        "Spring menu",
                        PostState.PUBLISHED,
                        "p1",
                        List.of(
                            new NewPost.NewVariant(
                                ch.id(),
                                null,
                                PostState.PUBLISHED,
                                null,
                                at("2026-06-01"),
                                "at://p1",
                                3L,
                                2L)))))[0];
    long variant = r.posts().post(ws.id(), post).orElseThrow().variants().get(0).id();
    List<Engagement> ev = new ArrayList<>();
    String[][] likes = {
      {"0", "2026-01-07"},
      {"0", "2026-02-04"},
      {"0", "2026-04-08"},
      {"1", "2026-01-14"},
      {"2", "2026-01-21"},
      {"2", "2026-04-15"},
      {"3", "2026-02-11"},
      {"3", "2026-03-04"},
      {"4", "2026-01-07"},
      {"4", "2026-02-04"}
    };
    for (String[] l : likes) {
      int i = Integer.parseInt(l[0]);
      ev.add(
          new Engagement(
              p[i], ch.id(), null, EngagementKind.LIKE, at(l[1]), "test", "like-" + i + l[1]));
    }
    ev.add(
        new Engagement(
            p[4], ch.id(), variant, EngagementKind.LIKE, at("2026-06-16"), "test", "p5-post"));
    ev.add(
        new Engagement(
            p[5], ch.id(), variant, EngagementKind.LIKE, at("2026-06-16"), "test", "p6-post"));
    r.ledger().ingest(ws.id(), ev);
    return ws.id();
  }

  static Instant at(String day) {
    return LocalDate.parse(day).atTime(10, 0).toInstant(ZoneOffset.UTC);
  }
}
