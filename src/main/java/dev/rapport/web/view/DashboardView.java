package dev.rapport.web.view;

import dev.rapport.engagement.PostTruth;
import dev.rapport.engagement.TruthSummary;
import dev.rapport.engagement.WeekTruth;
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
    Map<Long, Channel> channels) {

  public DashboardView {
    funnel = List.copyOf(funnel);
    weeks = List.copyOf(weeks);
    posts = List.copyOf(posts);
    channels = Map.copyOf(channels);
  }

  public boolean canManage() {
    return role.atLeast(Role.MANAGER);
  }

  public String channelName(long channelId) {
    Channel c = channels.get(channelId);
    return c == null ? "" : c.handle();
  }

  public String day(PostTruth p) {
    return Figures.day(p.publishedAt(), workspace.timeZone());
  }

  public String isoDay(PostTruth p) {
    return Figures.isoDay(p.publishedAt(), workspace.timeZone());
  }

  public String asOf() {
    return Figures.day(summary.asOf(), workspace.timeZone());
  }
}
