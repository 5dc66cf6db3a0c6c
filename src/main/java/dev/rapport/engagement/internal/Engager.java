package dev.rapport.engagement.internal;

import dev.rapport.authenticity.Category;

/**
 * What the ledger reads of an engaging identity at ingest: its current verdict (the bucket its
 * events are counted in) and its person (whose authentic activity they add to).
 */
record Engager(String verdict, long personId) {

  boolean authentic() {
    return Category.fromCode(verdict).authentic();
  }
}
