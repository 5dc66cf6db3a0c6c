package dev.rapport.engagement;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Who engaged with one post variant: the split by the engagers' verdicts (from the rollups) and the
 * engagers themselves with their current verdict — an audit of a post's engagement. Thread-safe.
 */
public interface Engagers {

  /** Engagements on the variant by verdict code and then kind code, e.g. suspicious → like → 12. */
  Map<String, Map<String, Long>> split(long workspaceId, long variantId);

  /** The engagements on the variant with who made them, newest first. */
  List<Engager> of(long workspaceId, long variantId, int limit);

  /**
   * @param verdict the engager's current verdict code ({@code real_person}, {@code suspicious}, …)
   */
  record Engager(
      long identityId,
      Long personId,
      String platform,
      String handle,
      String displayName,
      String verdict,
      EngagementKind kind,
      Instant at) {}
}
