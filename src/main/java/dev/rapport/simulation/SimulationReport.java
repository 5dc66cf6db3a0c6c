package dev.rapport.simulation;

import dev.rapport.authenticity.Category;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a simulation built, how the scorer judged the generated audience, and how long it took.
 *
 * @param workspaceId the simulated workspace
 * @param followers accounts that follow at least one channel
 * @param postVariants published post variants
 * @param sprayWeeks weeks of the spray-and-pray period (volume up, appeal per post down)
 * @param sprayStart Monday (UTC) the spray-and-pray period begins
 * @param engagements events generated and handed to the ledger
 * @param inserted events the ledger wrote (the rest were duplicates)
 * @param regularEngagements of those, events from the regulars' weekly habit
 * @param conversions purchases recorded
 * @param verdicts per ground-truth kind, how many accounts the scorer put in each category
 * @param ledgerTime wall time of the ledger phase, from the first batch handed to the ledger to the
 *     last one written (generating the next batch overlaps writing the previous ones)
 * @param ledgerCpu CPU time of the writer threads inside the ledger's ingest calls: all of the
 *     ledger's work on embedded H2 (but H2's page writer thread), the client's share only on a
 *     database server
 * @param total wall time of the whole simulation
 */
public record SimulationReport(
    long workspaceId,
    String slug,
    SimulationSettings settings,
    long followers,
    int postVariants,
    int sprayWeeks,
    Instant sprayStart,
    long engagements,
    long inserted,
    long regularEngagements,
    int conversions,
    Map<AccountKind, Map<Category, Long>> verdicts,
    Duration audienceTime,
    Duration postsTime,
    Duration ledgerTime,
    Duration ledgerCpu,
    Duration total) {

  public SimulationReport {
    EnumMap<AccountKind, Map<Category, Long>> copy = new EnumMap<>(AccountKind.class);
    verdicts.forEach(
        (k, v) -> {
          EnumMap<Category, Long> row = new EnumMap<>(Category.class);
          row.putAll(v);
          copy.put(k, Map.copyOf(row));
        });
    verdicts = Map.copyOf(copy);
  }

  /** Accounts of a ground-truth kind. */
  public long people(AccountKind kind) {
    return verdicts.getOrDefault(kind, Map.of()).values().stream().mapToLong(Long::longValue).sum();
  }

  /** Share of accounts whose verdict matches the generator's ground truth. */
  public double verdictAgreement() {
    long all = 0;
    long agree = 0;
    for (var e : verdicts.entrySet()) {
      for (var c : e.getValue().entrySet()) {
        all += c.getValue();
        agree += e.getKey().agrees(c.getKey()) ? c.getValue() : 0;
      }
    }
    return all == 0 ? Double.NaN : agree / (double) all;
  }

  /** Engagements per second over the ledger phase: the sustained ingest rate. */
  public double ledgerRate() {
    return rate(inserted, ledgerTime);
  }

  /**
   * Engagements per CPU second inside the ledger: what one uncontended core sustains on embedded H2
   * (where the database runs in this thread), whatever else the machine is doing.
   */
  public double ledgerCpuRate() {
    return rate(inserted, ledgerCpu);
  }

  /** Engagements per second over the whole simulation, generation and audience included. */
  public double overallRate() {
    return rate(engagements, total);
  }

  private static double rate(long n, Duration d) {
    return d.isZero() ? Double.NaN : n / (d.toNanos() / 1e9);
  }
}
