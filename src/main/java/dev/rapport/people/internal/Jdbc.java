package dev.rapport.people.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Statement helpers for the people package's newer SQL classes. */
final class Jdbc {
  private Jdbc() {}

  static String marks(int n) {
    return String.join(",", Collections.nCopies(n, "?"));
  }

  /** Runs a query whose parameters are {@code args} and returns the first column as longs. */
  static List<Long> longs(Connection c, String sql, Object... args) throws SQLException {
    List<Long> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
      }
    }
    return out;
  }

  static int update(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, args);
      return ps.executeUpdate();
    }
  }

  /** Inserts one row and returns its generated id. */
  static long insert(Connection c, String sql, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql, new String[] {"id"})) {
      bind(ps, args);
      ps.executeUpdate();
      try (ResultSet rs = ps.getGeneratedKeys()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  static void bind(PreparedStatement ps, Object... args) throws SQLException {
    for (int i = 0; i < args.length; i++) {
      Object a = args[i];
      if (a instanceof java.time.Instant t) {
        Sql.setTime(ps, i + 1, t);
      } else if (a instanceof Asks.NullTime) {
        ps.setNull(i + 1, java.sql.Types.TIMESTAMP_WITH_TIMEZONE);
      } else if (a instanceof NullLong) {
        ps.setNull(i + 1, java.sql.Types.BIGINT);
      } else if (a instanceof NullText) {
        ps.setNull(i + 1, java.sql.Types.VARCHAR);
      } else if (a instanceof java.time.LocalDate d) {
        ps.setObject(i + 1, d);
      } else {
        ps.setObject(i + 1, a);
      }
    }
  }

  /** Splits ids into chunks small enough for an IN list. */
  static List<List<Long>> chunks(Collection<Long> ids, int size) {
    List<Long> all = new ArrayList<>(ids);
    List<List<Long>> out = new ArrayList<>();
    for (int from = 0; from < all.size(); from += size) {
      out.add(all.subList(from, Math.min(all.size(), from + size)));
    }
    return out;
  }

  /** A typed SQL NULL for a BIGINT parameter. */
  enum NullLong {
    INSTANCE
  }

  /** A typed SQL NULL for a VARCHAR parameter. */
  enum NullText {
    INSTANCE
  }

  static Object orNull(Long v) {
    return v == null ? NullLong.INSTANCE : v;
  }

  static Object orNull(String v) {
    return v == null ? NullText.INSTANCE : v;
  }
}
