package dev.rapport.authenticity.internal;

import dev.rapport.authenticity.MalformedProfileException;
import dev.rapport.authenticity.ProfileReader;
import dev.rapport.authenticity.ReadOptions;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** Picks the reader for a file from its extension or its first bytes. Thread-safe. */
public final class ProfileFiles {

  static final int BUFFER = 1 << 20;

  /** The shapes of file the readers understand. */
  public enum Kind {
    JSON_LINES,
    JSON,
    CSV
  }

  private ProfileFiles() {}

  public static ProfileReader open(Path file, ReadOptions options) {
    try {
      return open(Files.newInputStream(file), file.getFileName().toString(), options);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot open " + file + ": " + e.getMessage(), e);
    }
  }

  public static ProfileReader open(InputStream raw, String name, ReadOptions options) {
    BufferedInputStream in = new BufferedInputStream(raw, BUFFER);
    Kind kind = sniff(in, name);
    return switch (kind) {
      case CSV -> new CsvProfileReader(in, name, options);
      case JSON, JSON_LINES -> new JsonProfileReader(in, name, options, kind == Kind.JSON_LINES);
    };
  }

  /** Decides the kind from the name and the first bytes; rejects binary files. */
  public static Kind sniff(BufferedInputStream in, String name) {
    byte[] head = new byte[4096];
    int n;
    try {
      in.mark(head.length);
      n = in.readNBytes(head, 0, head.length);
      in.reset();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + name + ": " + e.getMessage(), e);
    }
    for (int i = 0; i < n; i++) {
      if (head[i] == 0) {
        throw new MalformedProfileException(
            name + " byte " + i, null, "this is a binary file, not JSON or CSV");
      }
    }
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".csv") || lower.endsWith(".csv.txt")) {
      return Kind.CSV;
    }
    if (lower.endsWith(".jsonl") || lower.endsWith(".ndjson")) {
      return Kind.JSON_LINES;
    }
    int first = 0;
    while (first < n && Character.isWhitespace(head[first])) {
      first++;
    }
    if (first < n && head[first] == '[') {
      return Kind.JSON;
    }
    if (first < n && head[first] == '{') {
      // One object per line, unless the first object spans lines (pretty-printed JSON).
      int depth = 0;
      boolean inString = false;
      for (int i = first; i < n; i++) {
        byte b = head[i];
        if (inString) {
          if (b == '\\') {
            i++;
          } else if (b == '"') {
            inString = false;
          }
        } else if (b == '"') {
          inString = true;
        } else if (b == '{' || b == '[') {
          depth++;
        } else if (b == '}' || b == ']') {
          depth--;
          if (depth == 0) {
            return Kind.JSON_LINES;
          }
        } else if (b == '\n') {
          return Kind.JSON;
        }
      }
      return lower.endsWith(".json") ? Kind.JSON : Kind.JSON_LINES;
    }
    if (lower.endsWith(".json")) {
      return Kind.JSON;
    }
    return Kind.CSV;
  }
}
