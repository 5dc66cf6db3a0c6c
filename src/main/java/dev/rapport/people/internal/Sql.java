package dev.rapport.people.internal;

import dev.rapport.authenticity.ProfileSnapshot;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/** Small JDBC conversions shared by this package's SQL classes. */
final class Sql {
  private Sql() {}

  static OffsetDateTime ts(Instant i) {
    return i == null ? null : OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
  }

  static void setTime(PreparedStatement ps, int i, Instant v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(i, ts(v));
    }
  }

  static void setLong(PreparedStatement ps, int i, Long v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.BIGINT);
    } else {
      ps.setLong(i, v);
    }
  }

  static void setBool(PreparedStatement ps, int i, Boolean v) throws SQLException {
    if (v == null) {
      ps.setNull(i, Types.BOOLEAN);
    } else {
      ps.setBoolean(i, v);
    }
  }

  static Instant time(ResultSet rs, int i) throws SQLException {
    OffsetDateTime t = rs.getObject(i, OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  static Long longOrNull(ResultSet rs, int i) throws SQLException {
    long v = rs.getLong(i);
    return rs.wasNull() ? null : v;
  }

  static Boolean boolOrNull(ResultSet rs, int i) throws SQLException {
    boolean v = rs.getBoolean(i);
    return rs.wasNull() ? null : v;
  }

  static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }

  /** Binds one profile_snapshot row, in the column order of the snapshot inserts. */
  static void bindSnapshot(
      PreparedStatement ps, long identityId, Instant observed, ProfileSnapshot p)
      throws SQLException {
    ps.setLong(1, identityId);
    setTime(ps, 2, observed);
    setTime(ps, 3, p.accountCreatedAt());
    setLong(ps, 4, p.followersCount());
    setLong(ps, 5, p.followingCount());
    setLong(ps, 6, p.postsCount());
    setLong(ps, 7, p.likesCount());
    setLong(ps, 8, p.listedCount());
    ps.setString(9, clip(p.displayName(), 300));
    ps.setString(10, clip(p.bio(), 4000));
    ps.setString(11, clip(p.url(), 2000));
    ps.setString(12, clip(p.location(), 500));
    setBool(ps, 13, p.defaultAvatar());
    setBool(ps, 14, p.defaultProfile());
    setBool(ps, 15, p.verified());
    setBool(ps, 16, p.declaredBot());
    setBool(ps, 17, p.protectedAccount());
    ps.setString(18, clip(p.language(), 16));
    setTime(ps, 19, p.lastActivityAt());
  }
}
