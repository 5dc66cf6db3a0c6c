package dev.rapport.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.store.DatabaseSettings;
import dev.rapport.store.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Crash safety (issue 8): a node importing, auditing and dispatching is killed with SIGKILL at
 * random moments and restarted; nothing may be half-applied, lost, published twice or miscounted
 * ({@link CrashHarness}). The default run kills 3 times with small files; {@code scripts/crash.sh}
 * runs the full version ({@code -Drapport.crash.kills=20}, {@code -Drapport.crash.database=h2} or
 * {@code postgres}, {@code -Drapport.crash.seed=N}) and writes its figures to {@code
 * target/crash/<database>/report.md}.
 */
class CrashSafetyTest {

  static final int KILLS = Integer.getInteger("rapport.crash.kills", 3);
  static final long SEED = Long.getLong("rapport.crash.seed", 8_2026L);
  static final String ONLY = System.getProperty("rapport.crash.database", "");

  static Stream<Named<DatabaseSettings>> databases() throws Exception {
    List<Named<DatabaseSettings>> out = new ArrayList<>();
    if (!ONLY.equals("postgres")) {
      Path dir = Files.createTempDirectory("rapport-crash-h2");
      // AUTO_SERVER: this JVM serves the file to the node over TCP, so the node's death leaves the
      // database as a server outliving a Rapport node would.
      out.add(
          Named.of(
              "h2",
              new DatabaseSettings(
                  "jdbc:h2:file:" + dir.resolve("rapport") + ";AUTO_SERVER=TRUE",
                  "sa",
                  "",
                  4,
                  null)));
    }
    if (!ONLY.equals("h2") && TestDatabases.postgresUrl() != null) {
      out.add(Named.of("postgres", TestDatabases.postgresSettings()));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("databases")
  void killedNodesLeaveNothingHalfDoneLostOrTwice(DatabaseSettings db) throws Exception {
    String label = db.url().startsWith("jdbc:h2:") ? "h2" : "postgres";
    CrashHarness.Settings settings =
        KILLS > 3
            ? CrashHarness.Settings.full(KILLS, SEED)
            : CrashHarness.Settings.quick(KILLS, SEED);
    Path dir = Path.of("target", "crash", label);
    CrashHarness.Result result;
    try {
      result = new CrashHarness(db, label, settings, dir).run();
    } finally {
      if (db.schema() != null) {
        TestDatabases.dropSchema(db);
      }
    }
    String report = report(result);
    Files.writeString(dir.resolve("report.md"), report, StandardCharsets.UTF_8);
    System.out.println(report);

    assertThat(result.kills()).hasSize(KILLS);
    assertThat(result.violations()).isEmpty();
    assertThat(result.halfAppliedImports()).isZero();
    assertThat(result.lost()).isZero();
    assertThat(result.duplicated()).isZero();
    assertThat(result.publishedOnce()).isEqualTo(result.variants()).isPositive();
    assertThat(result.rollupDifferences()).isZero();
    assertThat(result.rollupChecks()).isGreaterThan(KILLS);
    assertThat(result.childErrors()).isEmpty();
  }

  static String report(CrashHarness.Result r) {
    StringBuilder s = new StringBuilder();
    CrashHarness.Settings c = r.settings();
    s.append(
        String.format(
            Locale.ROOT,
            "%s: %d kills, seed %d, %s%n%n",
            r.database(),
            r.kills().size(),
            c.seed(),
            r.took()));
    s.append(
        "| kill | aimed at | then after (ms) | landed in | posts publishing | recorded published | on platform"
            + " | audits cut short |\n|---|---|---|---|---|---|---|---|\n");
    for (CrashHarness.Kill k : r.kills()) {
      s.append(
          String.format(
              Locale.ROOT,
              "| %d | %s | %d | %s | %d | %d | %d | %d |%n",
              k.round() + 1,
              k.aim(),
              k.delayMs(),
              k.phase(),
              k.postsPublishing(),
              k.postsRecordedPublished(),
              k.postsOnPlatform(),
              k.auditsInterrupted()));
    }
    s.append(
        String.format(
            Locale.ROOT,
            "%nimports %d (half-applied %d), audits %d, posts %d (published once %d, lost %d,"
                + " twice %d), rollup checks %d (differences %d), violations %d, child errors %d%n",
            r.imports(),
            r.halfAppliedImports(),
            r.audits(),
            r.variants(),
            r.publishedOnce(),
            r.lost(),
            r.duplicated(),
            r.rollupChecks(),
            r.rollupDifferences(),
            r.violations().size(),
            r.childErrors().size()));
    r.violations().forEach(v -> s.append("violation: ").append(v).append('\n'));
    r.childErrors().forEach(v -> s.append("child: ").append(v).append('\n'));
    return s.toString();
  }
}
