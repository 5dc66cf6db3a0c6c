package dev.rapport.authenticity;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes every suspicious or self-declared bot account of an audit, with its reasons, as CSV
 * ({@code id,handle,category,bot_probability,reasons}) or JSON Lines. Thread-safe (writes are
 * synchronised); the caller closes the writer.
 */
public final class SuspiciousExport implements AuditSink {

  /** Export formats. */
  public enum Format {
    CSV,
    JSON
  }

  private static final JsonFactory FACTORY = new JsonFactory();

  private final Writer out;
  private final Format format;

  public SuspiciousExport(Writer out, Format format) {
    this.out = out;
    this.format = format;
    if (format == Format.CSV) {
      write("id,handle,category,bot_probability,reasons\n");
    }
  }

  @Override
  public void verdict(ProfileSnapshot p, Verdict v) {
    if (v.category() != Category.SUSPICIOUS && v.category() != Category.SELF_DECLARED_BOT) {
      return;
    }
    double bot = v.category() == Category.SUSPICIOUS ? v.probability() : 1.0;
    if (format == Format.CSV) {
      write(
          csv(p.platformUserId())
              + ","
              + csv(p.handle())
              + ","
              + v.category().code()
              + ","
              + String.format(java.util.Locale.ROOT, "%.4f", bot)
              + ","
              + csv(String.join("; ", v.reasons()))
              + "\n");
      return;
    }
    java.io.StringWriter s = new java.io.StringWriter();
    try (JsonGenerator g = FACTORY.createGenerator(s)) {
      g.writeStartObject();
      g.writeStringField("id", p.platformUserId());
      g.writeStringField("handle", p.handle());
      g.writeStringField("category", v.category().code());
      g.writeNumberField("bot_probability", bot);
      g.writeArrayFieldStart("reasons");
      for (String r : v.reasons()) {
        g.writeString(r);
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    write(s + "\n");
  }

  @Override
  public void completed(AuditReport report) {
    try {
      synchronized (this) {
        out.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private synchronized void write(String s) {
    try {
      out.write(s);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * RFC 4180 quoting, and a leading apostrophe on a cell a spreadsheet would run as a formula (it
   * starts with =, +, -, @, a tab or a carriage return): handles and ids are chosen by strangers,
   * and this file is meant to be opened in a spreadsheet.
   */
  static String csv(String s) {
    if (s == null || s.isEmpty()) {
      return "";
    }
    String v = s;
    char first = v.charAt(0);
    if (first == '='
        || first == '+'
        || first == '-'
        || first == '@'
        || first == '\t'
        || first == '\r') {
      v = "'" + v;
    }
    if (v.indexOf(',') < 0 && v.indexOf('"') < 0 && v.indexOf('\n') < 0 && v.indexOf('\r') < 0) {
      return v;
    }
    return "\"" + v.replace("\"", "\"\"") + "\"";
  }
}
