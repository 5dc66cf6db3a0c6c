package dev.rapport.engagement;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a purchase is credited to the posts that led to it (docs/metrics.md, "Conversions"). Plain
 * code: touches in, credits out.
 */
public final class Attribution {

  /** Touches older than this before the purchase earn no credit. */
  public static final Duration DEFAULT_LOOKBACK = Duration.ofDays(30);

  /** The crediting rule. */
  public enum Model {
    /** All credit to the last post the buyer engaged with (or the tracked link they used). */
    LAST_TOUCH,
    /** Credit shared equally among every engagement with a post in the lookback window. */
    LINEAR
  }

  /** The buyer engaged with a post at a moment. */
  public record Touch(long postId, Instant at) {}

  /** A share (0–1) of one purchase credited to a post. */
  public record Credit(long postId, double share) {}

  private Attribution() {}

  /**
   * Credits for one purchase. A purchase through a tracked link of a post credits that post
   * entirely under either model. Touches after the purchase or outside the lookback are ignored;
   * with no touch left the purchase stays unattributed (empty list).
   */
  public static List<Credit> credit(
      Model model, List<Touch> touches, Long linkPostId, Instant purchasedAt, Duration lookback) {
    if (linkPostId != null) {
      return List.of(new Credit(linkPostId, 1.0));
    }
    List<Touch> eligible = new ArrayList<>();
    for (Touch t : touches) {
      if (!t.at().isAfter(purchasedAt) && !t.at().isBefore(purchasedAt.minus(lookback))) {
        eligible.add(t);
      }
    }
    if (eligible.isEmpty()) {
      return List.of();
    }
    if (model == Model.LAST_TOUCH) {
      Touch last = eligible.get(0);
      for (Touch t : eligible) {
        if (t.at().isAfter(last.at()) || (t.at().equals(last.at()) && t.postId() > last.postId())) {
          last = t;
        }
      }
      return List.of(new Credit(last.postId(), 1.0));
    }
    Map<Long, Double> shares = new LinkedHashMap<>();
    double each = 1.0 / eligible.size();
    for (Touch t : eligible) {
      shares.merge(t.postId(), each, Double::sum);
    }
    List<Credit> out = new ArrayList<>();
    shares.forEach((post, share) -> out.add(new Credit(post, share)));
    return out;
  }
}
