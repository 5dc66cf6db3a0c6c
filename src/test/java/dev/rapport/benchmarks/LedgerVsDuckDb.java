package dev.rapport.benchmarks;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The heaviest aggregation of issue 4 — engagements per person over the whole history, joined with
 * verdicts — answered three ways on the same workspace: Rapport's answer (from the identity
 * rollup), the same aggregation over the raw ledger in Rapport's database, and DuckDB scanning the
 * ledger exported to Parquet. Prints warm medians of five runs and the ratios.
 *
 * <p>Run: {@code scripts/bench-ledger-vs-duckdb.sh JDBC_URL WORKSPACE_SLUG}.
 */
public final class LedgerVsDuckDb {

  static final String ROLLUP =
      "SELECT i.person_id, i.verdict, SUM(a.engagements) FROM identity_activity a JOIN identity i"
          + " ON i.id = a.identity_id WHERE a.workspace_id = ? AND a.engagements > 0 GROUP BY"
          + " i.person_id, i.verdict";
  static final String LEDGER =
      "SELECT i.person_id, i.verdict, COUNT(*) FROM engagement e JOIN identity i ON i.id ="
          + " e.identity_id WHERE e.workspace_id = ? AND e.kind NOT IN ('follow', 'unfollow')"
          + " GROUP BY i.person_id, i.verdict";
  static final String DUCK =
      "SELECT i.person_id, i.verdict, COUNT(*) FROM read_parquet('%s') e JOIN read_parquet('%s')"
          + " i ON i.id = e.identity_id WHERE e.kind NOT IN ('follow', 'unfollow') GROUP BY ALL";

  public static void main(String[] args) throws Exception {
    String url = args[0];
    String slug = args[1];
    Path dir = Files.createTempDirectory("rapport-duckdb");
    try (Connection c = DriverManager.getConnection(url)) {
      long ws;
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM workspace WHERE slug = ?")) {
        ps.setString(1, slug);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          ws = rs.getLong(1);
        }
      }
      long rows = count(c, "SELECT COUNT(*) FROM engagement WHERE workspace_id = " + ws);
      System.out.printf(Locale.ROOT, "workspace %s: %,d ledger events%n", slug, rows);
      double rollup = median(() -> groups(c, ROLLUP, ws));
      System.out.printf(Locale.ROOT, "Rapport (identity rollup):      %8.1f ms%n", rollup);
      double ledger = median(() -> groups(c, LEDGER, ws));
      System.out.printf(Locale.ROOT, "Rapport database, raw ledger:   %8.1f ms%n", ledger);
      Path events = dir.resolve("engagement.csv");
      Path ids = dir.resolve("identity.csv");
      long t0 = System.nanoTime();
      export(
          c,
          "SELECT identity_id, kind FROM engagement WHERE workspace_id = " + ws,
          events,
          "identity_id,kind");
      export(
          c,
          "SELECT id, person_id, verdict FROM identity WHERE workspace_id = " + ws,
          ids,
          "id,person_id,verdict");
      try (Connection d = DriverManager.getConnection("jdbc:duckdb:");
          Statement s = d.createStatement()) {
        s.execute(
            String.format(
                "COPY (SELECT * FROM read_csv_auto('%s')) TO '%s' (FORMAT PARQUET)",
                events, dir.resolve("e.parquet")));
        s.execute(
            String.format(
                "COPY (SELECT * FROM read_csv_auto('%s')) TO '%s' (FORMAT PARQUET)",
                ids, dir.resolve("i.parquet")));
        System.out.printf(
            Locale.ROOT,
            "export to Parquet:              %8.1f s (once)%n",
            (System.nanoTime() - t0) / 1e9);
        String q = String.format(DUCK, dir.resolve("e.parquet"), dir.resolve("i.parquet"));
        double duck =
            median(
                () -> {
                  try (ResultSet rs = s.executeQuery(q)) {
                    long n = 0;
                    while (rs.next()) {
                      n++;
                    }
                    return n;
                  }
                });
        System.out.printf(Locale.ROOT, "DuckDB scan of the Parquet:     %8.1f ms%n", duck);
        System.out.printf(Locale.ROOT, "ratio Rapport answer / DuckDB:  %8.2f%n", rollup / duck);
        System.out.printf(Locale.ROOT, "ratio raw ledger SQL / DuckDB:  %8.2f%n", ledger / duck);
      }
    } finally {
      try (var files = Files.list(dir)) {
        files.forEach(f -> f.toFile().delete());
      }
      Files.deleteIfExists(dir);
    }
  }

  interface Work {
    long run() throws Exception;
  }

  static double median(Work w) throws Exception {
    w.run(); // warm-up
    List<Double> ms = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      long t = System.nanoTime();
      w.run();
      ms.add((System.nanoTime() - t) / 1e6);
    }
    Collections.sort(ms);
    return ms.get(2);
  }

  static long groups(Connection c, String sql, long ws) throws Exception {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setLong(1, ws);
      try (ResultSet rs = ps.executeQuery()) {
        long n = 0;
        while (rs.next()) {
          n++;
        }
        return n;
      }
    }
  }

  static long count(Connection c, String sql) throws Exception {
    try (Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static void export(Connection c, String sql, Path file, String header) throws Exception {
    c.setAutoCommit(false); // lets PostgreSQL stream with a fetch size
    try (Statement s = c.createStatement();
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      s.setFetchSize(10_000);
      out.write(header);
      out.newLine();
      try (ResultSet rs = s.executeQuery(sql)) {
        int cols = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          for (int i = 1; i <= cols; i++) {
            if (i > 1) {
              out.write(',');
            }
            out.write(rs.getString(i));
          }
          out.newLine();
        }
      }
    } finally {
      c.setAutoCommit(true);
    }
  }
}
