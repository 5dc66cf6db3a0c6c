package dev.rapport.web.view;

import dev.rapport.content.consistency.ConsistencyOverview.ChannelStanding;
import dev.rapport.content.consistency.SprayWarning;
import dev.rapport.engagement.Cohort;
import dev.rapport.engagement.QualityPoint;
import dev.rapport.engagement.WeekTruth;
import dev.rapport.workspace.Workspace;
import java.util.List;

/**
 * Consistency and reports: plan adherence by month per channel, the spray-and-pray warnings, the
 * truth metrics over time beside their vanity twins, and the retention cohorts.
 *
 * @param adherence one row per channel and month (see the web layer's {@code Reports.Adherence})
 * @param chartJson the chart series, escaped for a {@code <script type="application/json">}
 */
public record ReportsView(
    Workspace workspace,
    List<ChannelStanding> channels,
    List<? extends Record> adherence,
    List<WeekTruth> weeks,
    List<QualityPoint> quality,
    List<Cohort> cohorts,
    List<Integer> offsets,
    String chartJson) {

  public ReportsView {
    channels = List.copyOf(channels);
    adherence = List.copyOf(adherence);
    weeks = List.copyOf(weeks);
    quality = List.copyOf(quality);
    cohorts = List.copyOf(cohorts);
    offsets = List.copyOf(offsets);
  }

  /** One channel's month: planned, published, at or above the bar. */
  public record Month(
      String period, int planned, int published, int metBar, int weeks, int weeksMet) {
    public String adherence() {
      return planned == 0 ? "—" : Figures.percent(Math.min(1.0, metBar / (double) planned));
    }
  }

  /** The months of one channel, oldest first (empty when the channel has no plan). */
  public List<Month> months(ChannelStanding s) {
    if (s.consistency() == null) {
      return List.of();
    }
    return s.consistency().months().stream()
        .map(
            m ->
                new Month(
                    m.period(), m.planned(), m.published(), m.metBar(), m.weeks(), m.weeksMet()))
        .toList();
  }

  public List<SprayWarning> warnings(ChannelStanding s) {
    return s.spray() == null ? List.of() : s.spray().warnings();
  }

  public boolean anyWarning() {
    return channels.stream().anyMatch(c -> !warnings(c).isEmpty());
  }

  public String base() {
    return "/w/" + workspace.slug() + "/reports";
  }

  public String export(String name, String format) {
    return "/api/w/" + workspace.slug() + "/reports/" + name + "?format=" + format;
  }

  public String percent(double share) {
    return Figures.percent(share);
  }

  public String score(QualityPoint p) {
    return p.followers() == 0 ? "—" : Figures.score(p.score());
  }

  public String share(Cohort c, int i) {
    return Figures.percent(c.share(i));
  }
}
