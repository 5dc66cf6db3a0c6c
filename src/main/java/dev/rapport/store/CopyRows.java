package dev.rapport.store;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import org.postgresql.PGConnection;

/**
 * Rows in PostgreSQL COPY's text format (tab-separated, {@code \N} for null, backslash escapes),
 * built in memory and sent with one {@code COPY ... FROM STDIN}: PostgreSQL's fastest way in for a
 * batch of new rows. Not thread-safe; one per batch.
 */
public final class CopyRows {
  private final StringBuilder out = new StringBuilder(1 << 16);
  private boolean first = true;

  private void sep() {
    if (!first) {
      out.append('\t');
    }
    first = false;
  }

  /** A value written as is (numbers, ISO-8601 times); null as {@code \N}. */
  public CopyRows raw(String s) {
    sep();
    out.append(s == null ? "\\N" : s);
    return this;
  }

  public CopyRows add(long v) {
    sep();
    out.append(v);
    return this;
  }

  public CopyRows add(Long v) {
    return v == null ? raw(null) : add(v.longValue());
  }

  public CopyRows add(Boolean v) {
    return raw(v == null ? null : v ? "t" : "f");
  }

  /** Text, escaped. */
  public CopyRows add(String s) {
    sep();
    if (s == null) {
      out.append("\\N");
      return this;
    }
    for (int i = 0; i < s.length(); i++) {
      char ch = s.charAt(i);
      switch (ch) {
        case '\\' -> out.append("\\\\");
        case '\t' -> out.append("\\t");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        default -> out.append(ch);
      }
    }
    return this;
  }

  /** Ends the current row. */
  public void end() {
    out.append('\n');
    first = true;
  }

  /** Sends the rows with {@code copySql} ({@code COPY table (columns) FROM STDIN}). */
  public long copyIn(Connection c, String copySql) throws SQLException {
    try {
      return c.unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn(copySql, new StringReader(out.toString()));
    } catch (IOException e) {
      throw new SQLException("COPY failed: " + e.getMessage(), e);
    }
  }
}
