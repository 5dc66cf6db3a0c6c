package dev.rapport.web.view;

import dev.rapport.content.consistency.ConsistencyOverview;
import dev.rapport.engagement.PostTruth;
import dev.rapport.engagement.QualityPoint;
import dev.rapport.engagement.TruthSummary;
import dev.rapport.engagement.WeekTruth;
import dev.rapport.people.FocusItem;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.Workspace;
import java.util.List;
import java.util.Map;

/**
 * The first dashboard: vanity beside truth for one workspace.
 *
 * @param role the viewer's role in the workspace (what links to offer)
 * @param weeks the weeks with posts over the last year, oldest first (the chart and its table)
 * @param chartJson the same weeks for the chart script, already safe inside a script element
 * @param posts the latest published post variants, newest first
 */
public record DashboardView(
    Workspace workspace,
    Role role,
    TruthSummary summary,
    List<FunnelStep> funnel,
    List<WeekTruth> weeks,
    String chartJson,
    List<PostTruth> posts,
    Map<Long, Channel> channels,
    List<QualityPoint> quality,
    List<ConsistencyOverview.ChannelStanding> standings,
    List<FocusItem> focus) {

  public DashboardView {
    funnel = List.copyOf(funnel);
    weeks = List.copyOf(weeks);
    posts = List.copyOf(posts);
    channels = Map.copyOf(channels);
    quality = List.copyOf(quality);
    standings = List.copyOf(standings);
    focus = List.copyOf(focus);
  }

  /** Channels with a posting plan: the ones consistency is measured for. */
  public List<ConsistencyOverview.ChannelStanding> planned() {
    return standings.stream().filter(s -> s.consistency() != null).toList();
  }

  /** This month's posts against the plan, in words. */
  public String monthAdherence(ConsistencyOverview.ChannelStanding s) {
    var months = s.consistency().months();
    if (months.isEmpty()) {
      return "no month measured yet";
    }
    var m = months.get(months.size() - 1);
    // The bar's count too, as Reports shows it: publishing the plan is half of adherence.
    return m.published()
        + " of "
        + m.planned()
        + " planned posts published in "
        + Dates.month(m.period())
        + ", "
        + m.metBar()
        + " at or above the quality bar";
  }

  public String runway(ConsistencyOverview.ChannelStanding s) {
    double days = s.consistency().runwayDays();
    if (Double.isNaN(days) || Double.isInfinite(days)) {
      return "no plan to measure against";
    }
    // One decimal, as the Reports alert words it ("1.8 days"): the planned spacing is fractional.
    return String.format(java.util.Locale.ROOT, "%.1f days", days);
  }

  public boolean canManage() {
    return role.atLeast(Role.MANAGER);
  }

  public String channelName(long channelId) {
    Channel c = channels.get(channelId);
    return c == null ? "" : c.handle();
  }
}
