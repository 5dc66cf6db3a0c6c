package dev.rapport.web.view;

import dev.rapport.content.Variant;
import dev.rapport.engagement.Engagers.Engager;
import dev.rapport.publishing.HistoryEntry;
import dev.rapport.publishing.dispatch.DispatchEvent;
import dev.rapport.publishing.dispatch.DispatchFailure;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Workspace;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One post variant: its text and state, what dispatch did, and who engaged — split by the engagers'
 * verdicts, vanity beside truth.
 *
 * @param split engagements by verdict code, then kind code
 * @param failure the current failure, or null
 */
public record PostView(
    Workspace workspace,
    Variant variant,
    Channel channel,
    Map<String, Map<String, Long>> split,
    List<Engager> engagers,
    List<DispatchEvent> history,
    DispatchFailure failure,
    boolean canRetry,
    List<HistoryEntry> review) {

  public PostView {
    split = Map.copyOf(split);
    engagers = List.copyOf(engagers);
    history = List.copyOf(history);
    review = List.copyOf(review);
  }

  /** "approve by user 3: draft → approved", in words for the review history. */
  public String change(HistoryEntry h) {
    String states =
        h.from() == null && h.to() == null
            ? ""
            : " · "
                + (h.from() == null ? "" : h.from().name().toLowerCase(Locale.ROOT) + " → ")
                + (h.to() == null ? "" : h.to().name().toLowerCase(Locale.ROOT));
    return h.action() + states;
  }

  public List<String> kinds() {
    return split.values().stream().flatMap(m -> m.keySet().stream()).distinct().sorted().toList();
  }

  public long total(String kind) {
    return split.values().stream().mapToLong(m -> m.getOrDefault(kind, 0L)).sum();
  }

  /** From accounts judged suspicious or self-declared bots. */
  public long suspicious(String kind) {
    return split.entrySet().stream()
        .filter(e -> e.getKey().equals("suspicious") || e.getKey().equals("self_declared_bot"))
        .mapToLong(e -> e.getValue().getOrDefault(kind, 0L))
        .sum();
  }

  /** From real people and influencers/brands. */
  public long authentic(String kind) {
    return split.entrySet().stream()
        .filter(e -> e.getKey().equals("real_person") || e.getKey().equals("influencer"))
        .mapToLong(e -> e.getValue().getOrDefault(kind, 0L))
        .sum();
  }

  /** "38%" of this kind from suspicious accounts, or "—". */
  public String suspiciousShare(String kind) {
    long t = total(kind);
    return t == 0 ? "—" : Math.round(100.0 * suspicious(kind) / t) + "%";
  }

  public String personHref(Engager e) {
    return e.personId() == null ? null : "/w/" + workspace.slug() + "/people/" + e.personId();
  }

  public String retryHref() {
    return "/w/" + workspace.slug() + "/posts/" + variant.id() + "/retry";
  }
}
