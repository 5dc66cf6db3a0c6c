package dev.rapport.engagement;

import java.util.List;

/** Purchases, attributed to people. Idempotent by order id. Thread-safe. */
public interface Conversions {

  /**
   * Records conversions in one transaction; orders already known are skipped. Buyers become
   * customers. Returns how many were new.
   */
  int record(long workspaceId, List<NewConversion> conversions);

  long count(long workspaceId);
}
