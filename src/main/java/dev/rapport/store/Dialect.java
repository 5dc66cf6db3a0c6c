package dev.rapport.store;

/** The SQL databases Rapport runs on, and the few statements that differ between them. */
public enum Dialect {
  H2,
  POSTGRESQL;

  public static Dialect of(String jdbcUrl) {
    if (jdbcUrl.startsWith("jdbc:h2:")) {
      return H2;
    }
    if (jdbcUrl.startsWith("jdbc:postgresql:")) {
      return POSTGRESQL;
    }
    throw new StoreException(
        "Unsupported database URL '"
            + jdbcUrl
            + "': use jdbc:h2:... (embedded) or jdbc:postgresql://host/db");
  }

  /**
   * An insert that adds {@code addColumn} to the existing row when the key already exists: used by
   * the rollups, which only ever grow by deltas.
   */
  public String upsertAdding(
      String table, String[] keyColumns, String[] otherColumns, String addColumn) {
    String cols = String.join(", ", concat(keyColumns, otherColumns, addColumn));
    String marks =
        String.join(
            ", ", java.util.Collections.nCopies(keyColumns.length + otherColumns.length + 1, "?"));
    if (this == POSTGRESQL) {
      return "INSERT INTO "
          + table
          + " ("
          + cols
          + ") VALUES ("
          + marks
          + ") ON CONFLICT ("
          + String.join(", ", keyColumns)
          + ") DO UPDATE SET "
          + addColumn
          + " = "
          + table
          + "."
          + addColumn
          + " + EXCLUDED."
          + addColumn;
    }
    StringBuilder on = new StringBuilder();
    for (String k : keyColumns) {
      on.append(on.length() == 0 ? "" : " AND ").append("t.").append(k).append(" = s.").append(k);
    }
    StringBuilder sourceCols = new StringBuilder();
    for (String c : concat(keyColumns, otherColumns, addColumn)) {
      sourceCols.append(sourceCols.length() == 0 ? "" : ", ").append("s.").append(c);
    }
    return "MERGE INTO "
        + table
        + " t USING (VALUES ("
        + marks
        + ")) s ("
        + cols
        + ") ON "
        + on
        + " WHEN MATCHED THEN UPDATE SET t."
        + addColumn
        + " = t."
        + addColumn
        + " + s."
        + addColumn
        + " WHEN NOT MATCHED THEN INSERT ("
        + cols
        + ") VALUES ("
        + sourceCols
        + ")";
  }

  private static String[] concat(String[] a, String[] b, String c) {
    String[] all = new String[a.length + b.length + 1];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    all[all.length - 1] = c;
    return all;
  }
}
