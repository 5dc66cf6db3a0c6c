package dev.rapport.cli;

import dev.rapport.content.consistency.ConsistencyAlert;
import dev.rapport.content.consistency.ConsistencyOverview.ChannelStanding;
import dev.rapport.content.consistency.ConsistencyReport;
import dev.rapport.content.consistency.PeriodSummary;
import dev.rapport.content.consistency.SprayWarning;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The consistency part of {@code rapport report}, per channel, in plain words. */
final class ConsistencyText {

  private ConsistencyText() {}

  static void print(PrintStream out, List<ChannelStanding> channels) {
    if (channels.isEmpty()) {
      return;
    }
    out.println();
    out.println("Consistency (plan vs published, quality bar 70)");
    for (ChannelStanding c : channels) {
      out.printf("  %s %s%n", c.platform(), c.handle());
      ConsistencyReport r = c.consistency();
      if (r == null) {
        out.println(
            "    no posting plan: set one with rapport workspace add-channel --posts-per-week");
      } else {
        out.printf(Locale.ROOT, "    plan %d posts/week%n", c.postsPerWeek());
        if (!r.months().isEmpty()) {
          PeriodSummary m = r.months().get(r.months().size() - 1);
          out.printf(
              Locale.ROOT,
              "    %s: %d of %d planned published, %d above the bar; %d of %d weeks met the plan%n",
              m.period(),
              m.published(),
              m.planned(),
              m.metBar(),
              m.weeksMet(),
              m.weeks());
        }
        out.printf(
            Locale.ROOT,
            "    streak %d weeks (longest %d), longest gap %s, regularity (CV of gaps) %s%n",
            r.currentStreak(),
            r.longestStreak(),
            r.longestGap().map(g -> String.format(Locale.ROOT, "%.1f days", g.days())).orElse("—"),
            Double.isNaN(r.regularity())
                ? "—"
                : String.format(Locale.ROOT, "%.2f", r.regularity()));
        out.printf(
            Locale.ROOT,
            "    runway %.1f days, consistent-quality index %.0f%%%n",
            r.runwayDays(),
            100 * r.consistentQualityIndex());
        for (ConsistencyAlert a : r.alerts()) {
          out.println("    ! " + a.message());
        }
      }
      for (SprayWarning w : c.spray().warnings()) {
        out.println("    ! spray and pray: " + w.message());
        for (String e : w.evidence()) {
          out.println("        " + e);
        }
      }
    }
  }
}
