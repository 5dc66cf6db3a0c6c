package dev.rapport.benchmarks;

import dev.rapport.app.Rapport;
import dev.rapport.engagement.Truth;
import dev.rapport.engagement.TruthSummary;
import dev.rapport.people.Directory;
import dev.rapport.store.DatabaseSettings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Times the dashboard's truth queries on an existing workspace: the first call (cold) and the
 * median of five more. Each call asks at a different second, so that the database cannot answer
 * from a cached result of the same statement.
 *
 * <p>Run: {@code scripts/bench-truth.sh JDBC_URL WORKSPACE_SLUG AS_OF [POSTGRESQL_SCHEMA [PARTS]]},
 * PARTS a comma-separated subset of summary, core, weeks, posts, refresh, focus, people,
 * core-people, quality (default: all; the first focus refresh of a large workspace takes minutes).
 */
public final class TruthTimings {

  public static void main(String[] args) {
    DatabaseSettings s =
        new DatabaseSettings(
            args[0], "sa", "", 4, args.length > 3 && !args[3].isEmpty() ? args[3] : null);
    Instant asOf = Instant.parse(args[2]);
    try (Rapport r = Rapport.open(s, Clock.systemUTC(), dev.rapport.store.SecretBox.ephemeral())) {
      long ws = r.workspaces().bySlug(args[1]).orElseThrow().id();
      List<String> parts =
          args.length > 4
              ? List.of(args[4].split(","))
              : List.of(
                  "summary",
                  "core",
                  "weeks",
                  "posts",
                  "refresh",
                  "focus",
                  "people",
                  "core-people",
                  "quality");
      for (String what : parts) {
        if (what.equals("refresh")) {
          refresh(r, ws, asOf);
          continue;
        }
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
          Instant at = asOf.plusSeconds(i);
          long t = System.nanoTime();
          switch (what) {
            case "summary" -> r.truth().summary(ws, at, Truth.DEFAULT_WINDOW);
            case "weeks" -> r.truth().weeks(ws, at.minus(Duration.ofDays(364)), at);
            case "posts" -> r.truth().posts(ws, at.minus(Duration.ofDays(90)), at, 20);
            case "focus" -> r.focus().today(ws, 50);
            // The core as people (from the week masks), first 50.
            case "core" -> r.truth().core(ws, at, 50);
            // A different page each call (0, 50, 100, ...), so that no call is a cached result.
            case "people" -> r.directory().find(ws, Directory.Filter.NONE, i * 50, 50);
            // The core as a list: persons at stage regular, first page and total.
            case "core-people" ->
                r.directory()
                    .find(
                        ws,
                        new Directory.Filter(
                            dev.rapport.people.Stage.REGULAR, null, null, null, null, null, false),
                        0,
                        50);
            default ->
                r.retention()
                    .quality(
                        ws,
                        at.minus(Duration.ofDays(364)),
                        at,
                        java.time.Period.ofMonths(1),
                        Truth.DEFAULT_WINDOW);
          }
          ms.add((System.nanoTime() - t) / 1e6);
        }
        List<Double> warm = new ArrayList<>(ms.subList(1, ms.size()));
        Collections.sort(warm);
        System.out.printf(
            Locale.ROOT, "%s: cold %.0f ms, warm median %.0f ms%n", what, ms.get(0), warm.get(2));
      }
      TruthSummary sum = r.truth().summary(ws, asOf, Truth.DEFAULT_WINDOW);
      System.out.printf(
          Locale.ROOT,
          "followers %d, authentic %d, engaged %d, core %d, ledger events %d%n",
          sum.followers(),
          sum.authenticFollowers(),
          sum.engagedAudience(),
          sum.core(),
          r.ledger().count(ws));
    }
  }

  private static void refresh(Rapport r, long ws, Instant asOf) {
    // The focus list is kept by refreshes (the scheduler runs them); the first one on a new
    // workspace examines everyone, later ones only what changed.
    long t0 = System.nanoTime();
    var first = r.focus().refresh(ws, asOf);
    System.out.printf(
        Locale.ROOT,
        "focus refresh, first (full): %.0f ms, %d examined, %d on the list%n",
        (System.nanoTime() - t0) / 1e6,
        first.examined(),
        first.onList());
    t0 = System.nanoTime();
    var again = r.focus().refresh(ws, asOf.plusSeconds(60));
    System.out.printf(
        Locale.ROOT,
        "focus refresh, nothing new: %.0f ms, %d examined%n",
        (System.nanoTime() - t0) / 1e6,
        again.examined());
  }
}
