package dev.rapport.authenticity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.regex.Pattern;

/**
 * Aggregates the verdicts of one audience, in constant memory apart from the reason tally: counts
 * per category, authentic followers, real reach, reasons, the most suspicious accounts, target fit.
 * Pure code with no storage: several threads each fill their own {@code Audit} and {@link #merge}
 * them at the end. Not thread-safe.
 */
public final class Audit {

  /** Suspicious accounts kept for the report (the full list goes to an {@link AuditSink}). */
  public static final int SUSPICIOUS_SAMPLE = 20;

  private static final Pattern NUMBER = Pattern.compile("\\d[\\d,.]*");
  private static final Pattern HANDLE = Pattern.compile("@\\S+");
  private static final Pattern QUOTED = Pattern.compile("\"[^\"]*\"");
  private static final Comparator<Flagged> BY_PROBABILITY =
      Comparator.comparingDouble(Flagged::probability)
          .thenComparing(f -> f.id() == null ? "" : f.id(), Comparator.reverseOrder());

  /** One flagged account in the report. */
  public record Flagged(
      String id, String handle, Category category, double probability, List<String> reasons) {}

  private final TargetAudience target;
  private final long[] counts = new long[Category.values().length];
  private final Map<String, Long> reasons = new HashMap<>();
  private final PriorityQueue<Flagged> suspicious = new PriorityQueue<>(BY_PROBABILITY);
  private double realReach;
  private double coverageSum;
  private long targetMatch;
  private long targetJudged;
  private long flagged;
  private long flaggedExplained;

  public Audit(TargetAudience target) {
    this.target = target;
  }

  public void add(ProfileSnapshot p, Verdict v) {
    Category c = v.category();
    counts[c.ordinal()]++;
    coverageSum += v.coverage();
    if (c.authentic()) {
      // probability is the confidence that the account is not a bot.
      realReach += v.probability();
      if (target.declared()) {
        TargetAudience.Fit fit = target.fit(p);
        if (fit != TargetAudience.Fit.UNKNOWN) {
          targetJudged++;
          targetMatch += fit == TargetAudience.Fit.MATCH ? 1 : 0;
        }
      }
      return;
    }
    boolean unexplained = c == Category.SUSPICIOUS && v.reasons().isEmpty();
    if (c == Category.SUSPICIOUS) {
      flagged++;
      flaggedExplained += unexplained ? 0 : 1;
    }
    if (unexplained) {
      return;
    }
    if (c != Category.UNKNOWN) {
      for (String r : v.reasons()) {
        reasons.merge(pattern(r), 1L, Long::sum);
      }
    }
    if (c == Category.SUSPICIOUS || c == Category.SELF_DECLARED_BOT) {
      Flagged f = new Flagged(p.platformUserId(), p.handle(), c, v.probability(), v.reasons());
      if (suspicious.size() < SUSPICIOUS_SAMPLE) {
        suspicious.add(f);
      } else if (BY_PROBABILITY.compare(f, suspicious.peek()) > 0) {
        suspicious.poll();
        suspicious.add(f);
      }
    }
  }

  public void merge(Audit other) {
    for (int i = 0; i < counts.length; i++) {
      counts[i] += other.counts[i];
    }
    other.reasons.forEach((k, v) -> reasons.merge(k, v, Long::sum));
    for (Flagged f : other.suspicious) {
      if (suspicious.size() < SUSPICIOUS_SAMPLE) {
        suspicious.add(f);
      } else if (BY_PROBABILITY.compare(f, suspicious.peek()) > 0) {
        suspicious.poll();
        suspicious.add(f);
      }
    }
    realReach += other.realReach;
    coverageSum += other.coverageSum;
    targetMatch += other.targetMatch;
    targetJudged += other.targetJudged;
    flagged += other.flagged;
    flaggedExplained += other.flaggedExplained;
  }

  public long total() {
    long n = 0;
    for (long c : counts) {
      n += c;
    }
    return n;
  }

  /**
   * The report.
   *
   * @param engagement what the engagement ledger knows, or {@code null} for a bare follower file
   */
  public AuditReport report(
      String source, String scorer, long badRecords, EngagementSummary engagement) {
    Map<Category, Long> byCategory = new java.util.EnumMap<>(Category.class);
    for (Category c : Category.values()) {
      byCategory.put(c, counts[c.ordinal()]);
    }
    List<Map.Entry<String, Long>> top = new ArrayList<>(reasons.entrySet());
    top.sort(
        Map.Entry.<String, Long>comparingByValue()
            .reversed()
            .thenComparing(Map.Entry.comparingByKey()));
    List<AuditReport.ReasonCount> topReasons =
        top.stream()
            .limit(10)
            .map(e -> new AuditReport.ReasonCount(e.getKey(), e.getValue()))
            .toList();
    List<Flagged> shown = new ArrayList<>(suspicious);
    shown.sort(BY_PROBABILITY.reversed());
    long total = total();
    return AuditReport.of(
        source,
        scorer,
        total,
        byCategory,
        realReach,
        total == 0 ? 0 : coverageSum / total,
        topReasons,
        shown,
        target,
        targetMatch,
        targetJudged,
        flagged,
        flaggedExplained,
        badRecords,
        engagement);
  }

  /** The shape of a reason with its numbers and names taken out, for counting. */
  public static String pattern(String reason) {
    String s = QUOTED.matcher(reason).replaceAll("\"…\"");
    s = HANDLE.matcher(s).replaceAll("@…");
    return NUMBER.matcher(s).replaceAll("N");
  }
}
