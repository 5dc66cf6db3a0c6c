package dev.rapport.authenticity;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;

/** Renders an {@link AuditReport} as text for people, or as JSON or CSV. Thread-safe. */
public final class AuditReports {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private AuditReports() {}

  public static String text(AuditReport r) {
    StringBuilder b = new StringBuilder();
    b.append("Audience audit of ").append(r.source()).append('\n').append('\n');
    b.append(
        String.format(
            Locale.ROOT,
            "%s followers checked. %s are real people or brands (%s).%n",
            n(r.followers()),
            n(r.authentic()),
            pct(r.authenticShare())));
    b.append(
        String.format(
            Locale.ROOT,
            "Real reach: about %s real, active people can see what you post.%n",
            n(Math.round(r.realReach()))));
    b.append(
        String.format(
            Locale.ROOT,
            "Audience quality score: %.0f out of 100 (from the %s).%n",
            r.qualityScore(),
            r.qualityBasis()));
    b.append('\n').append("Who follows you").append('\n');
    for (Category c : Category.values()) {
      b.append(
          String.format(
              Locale.ROOT, "  %-18s %10s  %6s%n", c.label(), n(r.count(c)), pct(r.share(c))));
    }
    if (!r.topReasons().isEmpty()) {
      b.append('\n').append("Why accounts were flagged (most common reasons");
      if (r.flaggedExplained() < r.flagged()) {
        b.append(
            String.format(
                Locale.ROOT,
                ", from a sample of %s of the %s suspicious accounts",
                n(r.flaggedExplained()),
                n(r.flagged())));
      }
      b.append(")\n");
      for (AuditReport.ReasonCount rc : r.topReasons()) {
        b.append(String.format(Locale.ROOT, "  %10s×  %s%n", n(rc.count()), rc.reason()));
      }
    }
    if (!r.mostSuspicious().isEmpty()) {
      b.append('\n')
          .append(
              r.flaggedExplained() < r.flagged()
                  ? "Most suspicious accounts in that sample (export them all with --suspicious)"
                  : "Most suspicious accounts")
          .append('\n');
      for (Audit.Flagged f : r.mostSuspicious()) {
        b.append(
            String.format(
                Locale.ROOT,
                "  @%s (%s, %s sure): %s%n",
                f.handle() == null ? f.id() : f.handle(),
                f.category().label(),
                pct(f.probability()),
                String.join("; ", f.reasons())));
      }
    }
    if (r.target().declared()) {
      b.append('\n');
      if (r.targetJudged() == 0) {
        b.append("Target fit: no authentic follower's profile says enough to judge it.\n");
      } else {
        b.append(
            String.format(
                Locale.ROOT,
                "Target fit: %s of the %s real followers we could judge match your target"
                    + " audience (%s).%n",
                n(r.targetMatches()),
                n(r.targetJudged()),
                pct(r.targetFit())));
      }
    }
    b.append('\n');
    b.append(
        String.format(
            Locale.ROOT,
            "Scored by %s. On average a profile showed %s of the fields the model reads.%n",
            r.scorer(),
            pct(r.meanCoverage())));
    if (r.badRecords() > 0) {
      b.append(
          String.format(
              Locale.ROOT,
              "%s records could not be read and were skipped (see the errors above).%n",
              n(r.badRecords())));
    }
    return b.toString();
  }

  public static String json(AuditReport r) {
    ObjectNode root = JSON.createObjectNode();
    root.put("source", r.source());
    root.put("scorer", r.scorer());
    root.put("followers", r.followers());
    root.put("authentic", r.authentic());
    root.put("authenticShare", r.authenticShare());
    root.put("realReach", r.realReach());
    root.put("qualityScore", r.qualityScore());
    root.put("qualityBasis", r.qualityBasis());
    root.put("meanCoverage", r.meanCoverage());
    root.put("badRecords", r.badRecords());
    root.put("flagged", r.flagged());
    root.put("flaggedExplained", r.flaggedExplained());
    ObjectNode cats = root.putObject("categories");
    for (Category c : Category.values()) {
      cats.putObject(c.code()).put("count", r.count(c)).put("share", r.share(c));
    }
    ArrayNode reasons = root.putArray("topReasons");
    r.topReasons()
        .forEach(rc -> reasons.addObject().put("reason", rc.reason()).put("count", rc.count()));
    ArrayNode flagged = root.putArray("mostSuspicious");
    for (Audit.Flagged f : r.mostSuspicious()) {
      ObjectNode o = flagged.addObject();
      o.put("id", f.id());
      o.put("handle", f.handle());
      o.put("category", f.category().code());
      o.put("probability", f.probability());
      ArrayNode rs = o.putArray("reasons");
      f.reasons().forEach(rs::add);
    }
    if (r.target().declared()) {
      ObjectNode t = root.putObject("targetFit");
      t.put("matches", r.targetMatches());
      t.put("judged", r.targetJudged());
      t.put("share", r.targetFit());
    }
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One line per category, then the headline figures, as {@code metric,value,share}. */
  public static String csv(AuditReport r) {
    StringBuilder b = new StringBuilder("metric,value,share\n");
    for (Category c : Category.values()) {
      b.append(String.format(Locale.ROOT, "%s,%d,%.6f%n", c.code(), r.count(c), r.share(c)));
    }
    b.append(String.format(Locale.ROOT, "followers,%d,%n", r.followers()));
    b.append(String.format(Locale.ROOT, "authentic,%d,%.6f%n", r.authentic(), r.authenticShare()));
    b.append(String.format(Locale.ROOT, "real_reach,%.1f,%n", r.realReach()));
    b.append(String.format(Locale.ROOT, "quality_score,%.1f,%n", r.qualityScore()));
    if (r.target().declared()) {
      b.append(
          String.format(Locale.ROOT, "target_fit,%d,%.6f%n", r.targetMatches(), r.targetFit()));
    }
    b.append(String.format(Locale.ROOT, "bad_records,%d,%n", r.badRecords()));
    return b.toString();
  }

  static String n(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }

  static String pct(double share) {
    return Double.isNaN(share) ? "–" : String.format(Locale.ROOT, "%.0f%%", 100 * share);
  }
}
