package dev.rapport.engagement;

import java.util.EnumMap;
import java.util.Map;

/**
 * Weights of meaningful engagement: a reply says more than a like. Defaults from PRODUCT.md; a
 * workspace may set its own.
 */
public record Weights(Map<EngagementKind, Double> byKind) {

  public static final Weights DEFAULT =
      new Weights(
          Map.of(
              EngagementKind.REPLY, 4.0,
              EngagementKind.QUOTE, 3.0,
              EngagementKind.MENTION, 3.0,
              EngagementKind.REPOST, 2.0,
              EngagementKind.CLICK, 2.0,
              EngagementKind.LIKE, 1.0,
              EngagementKind.PURCHASE, 10.0));

  public Weights {
    EnumMap<EngagementKind, Double> copy = new EnumMap<>(EngagementKind.class);
    for (var e : byKind.entrySet()) {
      if (e.getValue() < 0 || e.getValue().isNaN()) {
        throw new IllegalArgumentException("weight of " + e.getKey().code() + " must be >= 0");
      }
      copy.put(e.getKey(), e.getValue());
    }
    byKind = Map.copyOf(copy);
  }

  public double of(EngagementKind kind) {
    return byKind.getOrDefault(kind, 0.0);
  }
}
