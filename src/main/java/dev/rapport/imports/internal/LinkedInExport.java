package dev.rapport.imports.internal;

import dev.rapport.imports.ExportProgress;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * LinkedIn's data export. Shares.csv becomes published posts keyed by their activity URN (a share
 * with several media has one row per media; they are one post). Reposts without text of their own
 * are skipped; Comments.csv holds the brand's own comments, counted and skipped. The export names
 * no account, has no engagement counts and writes times without a zone (read in {@code zone}).
 */
final class LinkedInExport implements ExportReader {

  static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final Pattern URN = Pattern.compile("(urn:li:[A-Za-z]+:[0-9]+)");

  private final ZoneId zone;

  LinkedInExport(ZoneId zone) {
    this.zone = zone;
  }

  @Override
  public Harvest read(ExportFiles files, ExportProblems problems, ExportProgress progress) {
    List<String> shares = files.find("shares\\.csv");
    List<String> comments = files.find("comments\\.csv");
    if (shares.isEmpty() && comments.isEmpty()) {
      throw new ExportRefusal(
          "", 0, "this does not look like a LinkedIn export: no Shares.csv or Comments.csv");
    }
    Harvest h = new Harvest();
    if (!shares.isEmpty()) {
      String file = shares.get(0);
      progress.phase("Reading " + file, -1);
      Map<String, Integer> seen = new HashMap<>();
      long[] merged = new long[1];
      csv(
          files,
          file,
          List.of("Date", "ShareLink", "ShareCommentary"),
          false,
          problems,
          row -> {
            share(row, h, seen, merged);
            ExportReader.tick(progress, (int) row.index);
          });
      if (merged[0] > 0) {
        h.notes.add(
            merged[0]
                + " extra Shares.csv rows were further media of shares already read, not posts");
      }
    }
    if (!comments.isEmpty()) {
      String file = comments.get(0);
      long[] n = new long[1];
      csv(
          files,
          file,
          List.of("Date", "Link", "Message"),
          true,
          problems,
          row -> {
            if (row.time("Date", zone) != null) {
              n[0]++;
            }
          });
      h.skip(
          "comments",
          "comments the brand wrote are its own actions, not engagement with the brand",
          n[0]);
    }
    h.notes.add("LinkedIn exports have no engagement counts, no followers and no account name");
    return h;
  }

  private void share(Row row, Harvest h, Map<String, Integer> seen, long[] merged) {
    Instant at = row.time("Date", zone);
    String link = row.required("ShareLink");
    String commentary = row.text("ShareCommentary");
    if (row.bad) {
      return;
    }
    String decoded = URLDecoder.decode(link.replace("+", "%2B"), StandardCharsets.UTF_8);
    Matcher m = URN.matcher(decoded);
    String urn = m.find() ? m.group(1) : null;
    String source = "linkedin:" + (urn != null ? urn : link);
    if (seen.containsKey(source)) {
      merged[0]++;
      return;
    }
    seen.put(source, 1);
    String text = unwrap(commentary == null ? "" : commentary);
    if (text.isBlank()) {
      String shared = row.text("SharedUrl");
      if (shared == null || shared.isBlank()) {
        h.skip("posts", "reposts without text of the brand's own");
        return;
      }
      text = shared.strip();
    }
    if (text.length() > ExportWriter.MAX_TEXT) {
      h.skip("posts", "longer than " + ExportWriter.MAX_TEXT + " characters");
      return;
    }
    h.posts.add(new Harvest.Post(source, urn, text, at, null));
  }

  /**
   * LinkedIn writes each line of a multi-line commentary in its own quotes inside the quoted field,
   * so a parsed value reads {@code first"\n"second"\n""\n"third}. When every line break has that
   * shape, the wrapping quotes are taken off.
   */
  static String unwrap(String s) {
    if (!s.contains("\n")) {
      return s.strip();
    }
    String[] lines = s.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      boolean closes = i == lines.length - 1 || lines[i].endsWith("\"");
      boolean opens = i == 0 || lines[i].startsWith("\"");
      if (!closes || !opens) {
        return s.strip();
      }
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (i > 0) {
        line = line.substring(1);
      }
      if (i < lines.length - 1 && !line.isEmpty()) {
        line = line.substring(0, line.length() - 1);
      }
      if (i > 0) {
        out.append('\n');
      }
      out.append(line);
    }
    return out.toString().strip();
  }

  /** One CSV record being read, with its starting line for messages. */
  static final class Row {
    final CSVRecord rec;
    final Map<String, Integer> header;
    final String file;
    final long line;
    final long index;
    final ExportProblems problems;
    boolean bad;

    Row(
        CSVRecord rec,
        Map<String, Integer> header,
        String file,
        long line,
        long index,
        ExportProblems problems) {
      this.rec = rec;
      this.header = header;
      this.file = file;
      this.line = line;
      this.index = index;
      this.problems = problems;
    }

    String text(String column) {
      Integer i = header.get(column.toLowerCase(Locale.ROOT));
      if (i == null || i >= rec.size()) {
        return null;
      }
      String v = rec.get(i);
      return v.isEmpty() ? null : v;
    }

    String required(String column) {
      String v = text(column);
      if (v == null || v.isBlank()) {
        problem(column, "is empty");
        return null;
      }
      return v;
    }

    Instant time(String column, ZoneId zone) {
      String v = required(column);
      if (v == null) {
        return null;
      }
      try {
        return LocalDateTime.parse(v.strip(), TIME).atZone(zone).toInstant();
      } catch (DateTimeParseException e) {
        problem(column, "is not a date-time like 2025-07-01 14:33:22: '" + Entry.shorten(v) + "'");
        return null;
      }
    }

    void problem(String column, String reason) {
      bad = true;
      problems.add(file, line, "column " + column, reason);
    }
  }

  private static void csv(
      ExportFiles files,
      String file,
      List<String> required,
      boolean backslashEscapes,
      ExportProblems problems,
      Consumer<Row> each) {
    try (InputStream in = files.open(file);
        BufferedReader reader = utf8(in);
        CSVParser parser = format(backslashEscapes).parse(reader)) {
      var it = parser.iterator();
      if (!it.hasNext()) {
        problems.add(file, 1, "", "the file is empty; the first line must be a header");
        return;
      }
      CSVRecord head = it.next();
      Map<String, Integer> header = new LinkedHashMap<>();
      for (int i = 0; i < head.size(); i++) {
        String name = head.get(i).strip();
        if (i == 0 && name.startsWith("\uFEFF")) {
          name = name.substring(1);
        }
        header.put(name.toLowerCase(Locale.ROOT), i);
      }
      for (String r : required) {
        if (!header.containsKey(r.toLowerCase(Locale.ROOT))) {
          problems.add(
              file,
              1,
              "column " + r,
              "required column is missing from the header (found: "
                  + String.join(", ", header.keySet())
                  + ")");
        }
      }
      if (problems.any()) {
        return;
      }
      long previousEnd = parser.getCurrentLineNumber();
      long index = 0;
      while (it.hasNext()) {
        CSVRecord rec = it.next();
        long start = previousEnd + 1;
        previousEnd = parser.getCurrentLineNumber();
        if (rec.size() == 1 && rec.get(0).isEmpty()) {
          continue; // a blank line
        }
        if (rec.size() != header.size()) {
          problems.add(
              file, start, "", "has " + rec.size() + " fields, the header has " + header.size());
          index++;
          continue;
        }
        each.accept(new Row(rec, header, file, start, index++, problems));
      }
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof CharacterCodingException) {
        problems.add(file, 0, "", "the file is not valid UTF-8 text");
      } else {
        problems.add(file, 0, "", "the CSV structure is broken: " + e.getCause().getMessage());
      }
    } catch (CharacterCodingException e) {
      problems.add(file, 0, "", "the file is not valid UTF-8 text");
    } catch (IOException e) {
      problems.add(file, 0, "", "cannot read: " + e.getMessage());
    }
  }

  /**
   * Shares.csv doubles quotes inside fields (RFC 4180); Comments.csv escapes them with a backslash
   * instead, and an RFC 4180 reader breaks on it.
   */
  private static CSVFormat format(boolean backslashEscapes) {
    return backslashEscapes
        ? CSVFormat.RFC4180.builder().setEscape('\\').get()
        : CSVFormat.RFC4180.builder().get();
  }

  private static BufferedReader utf8(InputStream in) {
    var decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    return new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
  }
}
