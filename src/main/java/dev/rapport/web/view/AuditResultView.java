package dev.rapport.web.view;

import dev.rapport.authenticity.AuditReport;
import dev.rapport.authenticity.Category;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Workspace;
import java.util.Arrays;
import java.util.List;

/**
 * The outcome of an audit run from the audience page: the breakdown of the file's accounts, the
 * commonest reasons, the most suspicious accounts, and the bad records skipped.
 *
 * @param channel the channel whose followers these are, or null
 */
public record AuditResultView(
    Workspace workspace, long auditId, AuditReport report, Channel channel, List<String> skipped) {

  public AuditResultView {
    skipped = List.copyOf(skipped);
  }

  /** One row of the breakdown. */
  public record Row(Category category, long count, double share) {}

  public List<Row> rows() {
    return Arrays.stream(Category.values())
        .map(c -> new Row(c, report.count(c), report.share(c)))
        .filter(r -> r.count() > 0)
        .toList();
  }

  public String channelName() {
    return channel == null ? "no channel" : channel.platform().code() + " " + channel.handle();
  }

  public String percent(double share) {
    return Figures.percent(share);
  }
}
