package dev.rapport.engagement.internal;

/** The two activity rollups the ledger adds to: per identity (V54) and per person (V55). */
enum ActivityTable {
  IDENTITY("identity_activity", "identity_id"),
  PERSON("person_activity", "person_id");

  final String table;
  final String key;

  ActivityTable(String table, String key) {
    this.table = table;
    this.key = key;
  }
}
