package dev.rapport.people;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.app.Rapport;
import dev.rapport.authenticity.Category;
import dev.rapport.authenticity.Verdict;
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
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The audience rollup (audience_count) always equals a recount of the identity rows, whatever the
 * order of new identities, follows and verdict changes — and one workspace's changes never touch
 * another's counts.
 */
class AudienceRollupTest {

  static final Instant NOW = Instant.parse("2026-06-17T12:00:00Z");
  static final Category[] CATEGORIES = Category.values();

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void rollupEqualsRecount(TestDatabases.Kind kind) {
    try (Rapport r = Rapport.on(kind.open(), Clock.fixed(NOW, ZoneOffset.UTC))) {
      Workspace a = r.workspaces().create("a", "A", ZoneId.of("UTC"), TargetAudience.NONE);
      Workspace b = r.workspaces().create("b", "B", ZoneId.of("UTC"), TargetAudience.NONE);
      Channel a1 = r.workspaces().addChannel(a.id(), Platform.BLUESKY, "a.test", "A");
      Channel a2 = r.workspaces().addChannel(a.id(), Platform.MASTODON, "a@m.test", "A");
      Channel b1 = r.workspaces().addChannel(b.id(), Platform.BLUESKY, "b.test", "B");
      SplittableRandom random = new SplittableRandom(7);
      for (int round = 0; round < 12; round++) {
        step(r, a.id(), random.nextBoolean() ? a1 : a2, random, round);
        step(r, b.id(), b1, random, round);
        assertThat(rollup(r, a.id()))
            .as("workspace a, round %d", round)
            .isEqualTo(recount(r, a.id()));
        assertThat(rollup(r, b.id()))
            .as("workspace b, round %d", round)
            .isEqualTo(recount(r, b.id()));
      }
      // Both sides of the funnel were exercised.
      assertThat(recount(r, a.id()).keySet()).anyMatch(k -> k.endsWith("|true"));
      assertThat(recount(r, a.id()).keySet()).anyMatch(k -> k.endsWith("|false"));
      assertThat(
              r.truth()
                  .summary(a.id(), NOW, dev.rapport.engagement.Truth.DEFAULT_WINDOW)
                  .audience()
                  .total())
          .isEqualTo(
              recount(r, a.id()).entrySet().stream()
                  .filter(e -> e.getKey().endsWith("|true"))
                  .mapToLong(Map.Entry::getValue)
                  .sum());
    }
  }

  /** New and known identities (some repeated in one batch), some follow, some get verdicts. */
  private static void step(Rapport r, long ws, Channel ch, SplittableRandom random, int round) {
    List<IdentityKey> keys = new ArrayList<>();
    int n = 5 + random.nextInt(30);
    for (int i = 0; i < n; i++) {
      int who = random.nextInt(60);
      keys.add(new IdentityKey(Platform.BLUESKY, "did:" + who, "u" + who + ".test", null));
    }
    long[] ids = r.people().resolve(ws, keys);
    long[] followers = java.util.Arrays.stream(ids).filter(id -> random.nextInt(3) == 0).toArray();
    if (followers.length > 0) {
      r.people().follow(ws, ch.id(), followers, NOW.minusSeconds(round));
    }
    long[] judged =
        java.util.Arrays.stream(ids).distinct().filter(id -> random.nextBoolean()).toArray();
    List<Verdict> verdicts = new ArrayList<>();
    for (int i = 0; i < judged.length; i++) {
      Category c = CATEGORIES[random.nextInt(CATEGORIES.length)];
      verdicts.add(new Verdict(c, 0.9, 1.0, List.of("test"), "rules-v1"));
    }
    if (judged.length > 0) {
      r.people().recordVerdicts(ws, judged, verdicts, NOW);
    }
  }

  private static Map<String, Long> rollup(Rapport r, long ws) {
    return counts(
        r, "SELECT verdict, follows, n FROM audience_count WHERE workspace_id = ? AND n <> 0", ws);
  }

  private static Map<String, Long> recount(Rapport r, long ws) {
    return counts(
        r,
        "SELECT verdict, follows, COUNT(*) FROM identity WHERE workspace_id = ? GROUP BY verdict,"
            + " follows",
        ws);
  }

  private static Map<String, Long> counts(Rapport r, String sql, long ws) {
    return r.database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(sql)
                    .bind(0, ws)
                    .reduceRows(
                        new TreeMap<String, Long>(),
                        (m, row) -> {
                          m.put(
                              row.getColumn(1, String.class)
                                  + "|"
                                  + row.getColumn(2, Boolean.class),
                              row.getColumn(3, Long.class));
                          return m;
                        }));
  }
}
