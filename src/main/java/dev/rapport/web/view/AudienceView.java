package dev.rapport.web.view;

import dev.rapport.authenticity.AuditReport.ReasonCount;
import dev.rapport.authenticity.Category;
import dev.rapport.engagement.TruthSummary;
import dev.rapport.people.Audits.FlaggedPage;
import dev.rapport.people.Audits.StoredAudit;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.Workspace;
import java.util.List;
import java.util.Map;

/**
 * The audience audit of a workspace: who the followers are, why accounts were flagged, the flagged
 * accounts themselves (filtered, paged, exportable) and the audits run so far.
 *
 * @param category the category filter's code ("flagged" or a verdict code)
 * @param platform the platform filter's code, or null for every platform
 * @param filterQuery the filters as a query string, for links that keep them
 * @param canAudit the caller may upload a follower file (managers and owners)
 */
public record AudienceView(
    Workspace workspace,
    TruthSummary summary,
    List<ReasonCount> reasons,
    String category,
    String platform,
    String filterQuery,
    FlaggedPage flagged,
    int offset,
    int pageSize,
    List<StoredAudit> history,
    Map<Long, Channel> channels,
    boolean canAudit) {

  public AudienceView {
    reasons = List.copyOf(reasons);
    history = List.copyOf(history);
    channels = Map.copyOf(channels);
  }

  /** One bar of the breakdown. */
  public record Slice(Category category, long count, double share, int barWidth) {}

  /** Followers by verdict, in the order of {@link Category}; shares of the known followers. */
  public List<Slice> breakdown() {
    long total = summary.audience().total();
    return java.util.Arrays.stream(Category.values())
        .map(
            c -> {
              long n = summary.audience().of(c);
              double share = total == 0 ? Double.NaN : n / (double) total;
              int width = total == 0 ? 0 : (int) Math.round(100.0 * n / total);
              return new Slice(c, n, share, n > 0 ? Math.max(1, width) : 0);
            })
        .toList();
  }

  public List<Category> categories() {
    return List.of(Category.values());
  }

  public List<Platform> platforms() {
    return List.of(Platform.values());
  }

  public String base() {
    return "/w/" + workspace.slug() + "/audience";
  }

  public String exportHref(String format) {
    return base() + "/export?" + filterQuery + "&format=" + format;
  }

  public boolean hasPrevious() {
    return offset > 0;
  }

  public boolean hasNext() {
    return offset + flagged.identities().size() < flagged.total();
  }

  public String previousHref() {
    return base() + "?" + filterQuery + "&offset=" + Math.max(0, offset - pageSize) + "#flagged";
  }

  public String nextHref() {
    return base() + "?" + filterQuery + "&offset=" + (offset + pageSize) + "#flagged";
  }

  public String range() {
    if (flagged.identities().isEmpty()) {
      return "0 of " + Figures.count(flagged.total());
    }
    return Figures.count(offset + 1)
        + "–"
        + Figures.count(offset + flagged.identities().size())
        + " of "
        + Figures.count(flagged.total());
  }

  /** The workspace's channels, for the audit form's choice of whose followers a file holds. */
  public List<Channel> channelList() {
    return channels.values().stream().sorted(java.util.Comparator.comparing(Channel::id)).toList();
  }

  public String channelName(Long channelId) {
    if (channelId == null) {
      return "no channel";
    }
    Channel c = channels.get(channelId);
    return c == null ? "a removed channel" : c.platform().code() + " " + c.handle();
  }

  public String percent(double share) {
    return Figures.percent(share);
  }
}
