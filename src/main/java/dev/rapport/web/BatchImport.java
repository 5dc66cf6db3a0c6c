package dev.rapport.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rapport.imports.CsvImporter;
import dev.rapport.imports.ImportKind;
import dev.rapport.imports.ImportOutcome;
import dev.rapport.imports.ImportProblem;
import io.javalin.http.ContentTooLargeResponse;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Batches of engagements or conversions sent to the API, written through the generic CSV import so
 * that they get its guarantees: validated in full first, then written in one transaction or not at
 * all, idempotent (one engagement per event key, one conversion per order id). The body is either
 * that CSV itself ({@code text/csv}, problems by line and column) or JSON, {@code {"<items>":
 * [{...}]}} with the CSV's columns as camelCase fields (problems as JSON pointers such as {@code
 * /events/3/occurredAt}). Thread-safe.
 */
final class BatchImport {

  static final long MAX_BYTES = 8L << 20;
  static final int MAX_ITEMS = 10_000;

  private final CsvImporter importer;
  private final ObjectMapper json;

  BatchImport(CsvImporter importer, ObjectMapper json) {
    this.importer = importer;
    this.json = json;
  }

  /** What a batch did: received, written, already known (skipped). */
  record Counts(long received, long inserted, long duplicates, List<String> notes) {}

  Counts run(Context ctx, long workspaceId, ImportKind kind, String itemsField) {
    String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
    Path file = null;
    try {
      file = Files.createTempFile("rapport-batch-", ".csv");
      boolean csv = type.startsWith("text/csv");
      if (csv) {
        copy(ctx.bodyInputStream(), file);
      } else if (type.startsWith("application/json")) {
        toCsv(read(ctx), kind, itemsField, file);
      } else {
        throw Invalid.field("Content-Type", "Send the batch as application/json or as text/csv.");
      }
      ImportOutcome out = importer.importFile(workspaceId, kind, file, rows -> {});
      if (out instanceof ImportOutcome.Imported i) {
        return new Counts(i.rows(), i.created(), i.unchanged(), i.notes());
      }
      ImportOutcome.Rejected r = (ImportOutcome.Rejected) out;
      List<Invalid.Field> fields = new ArrayList<>();
      for (ImportProblem p : r.problems()) {
        fields.add(
            csv
                ? new Invalid.Field(p.column().isEmpty() ? null : p.column(), p.line(), p.reason())
                : new Invalid.Field(pointer(itemsField, p), null, p.reason()));
      }
      String first = fields.isEmpty() ? "" : " First: " + describe(fields.get(0)) + ".";
      throw new Invalid(
          "Nothing was written: "
              + r.totalProblems()
              + (r.totalProblems() == 1 ? " problem" : " problems")
              + " in the batch."
              + first,
          fields);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      if (file != null) {
        try {
          Files.deleteIfExists(file);
        } catch (IOException e) {
          // the system cleans its temporary directory
        }
      }
    }
  }

  private static String describe(Invalid.Field f) {
    return (f.field() == null ? "" : f.field() + ": ") + f.detail();
  }

  /** The JSON pointer of a CSV problem: line 2 is the first item. */
  private static String pointer(String itemsField, ImportProblem p) {
    if (p.line() < 2) {
      return "/" + itemsField;
    }
    return "/"
        + itemsField
        + "/"
        + (p.line() - 2)
        + (p.column().isEmpty() ? "" : "/" + camel(p.column()));
  }

  static String camel(String column) {
    StringBuilder out = new StringBuilder();
    boolean up = false;
    for (char c : column.toCharArray()) {
      if (c == '_') {
        up = true;
      } else {
        out.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return out.toString();
  }

  private JsonNode read(Context ctx) throws IOException {
    Path tmp = Files.createTempFile("rapport-batch-", ".json");
    try {
      copy(ctx.bodyInputStream(), tmp);
      try {
        return json.readTree(tmp.toFile());
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw Invalid.field("", "The body is not valid JSON: " + e.getOriginalMessage() + ".");
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  private void toCsv(JsonNode body, ImportKind kind, String itemsField, Path file)
      throws IOException {
    if (body == null || !body.isObject()) {
      throw Invalid.field("", "The body must be a JSON object with '" + itemsField + "'.");
    }
    JsonNode items = body.get(itemsField);
    if (items == null || !items.isArray()) {
      throw Invalid.field("/" + itemsField, "'" + itemsField + "' must be an array.");
    }
    if (items.isEmpty() || items.size() > MAX_ITEMS) {
      throw Invalid.field(
          "/" + itemsField, "'" + itemsField + "' holds 1 to " + MAX_ITEMS + " items.");
    }
    Map<String, String> columns = new LinkedHashMap<>();
    kind.required().forEach(c -> columns.put(camel(c), c));
    kind.optional().forEach(c -> columns.put(camel(c), c));
    List<Invalid.Field> problems = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      JsonNode item = items.get(i);
      if (!item.isObject()) {
        problems.add(new Invalid.Field("/" + itemsField + "/" + i, null, "must be an object"));
        continue;
      }
      Iterator<Map.Entry<String, JsonNode>> fields = item.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> f = fields.next();
        String where = "/" + itemsField + "/" + i + "/" + f.getKey();
        if (!columns.containsKey(f.getKey())) {
          problems.add(
              new Invalid.Field(
                  where,
                  null,
                  "unknown field; the fields are " + String.join(", ", columns.keySet())));
        } else if (!f.getValue().isNull() && !f.getValue().isValueNode()) {
          problems.add(new Invalid.Field(where, null, "must be a string or a number"));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new Invalid("Nothing was written: " + describe(problems.get(0)) + ".", problems);
    }
    try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write(row(new ArrayList<>(columns.values())));
      for (JsonNode item : items) {
        List<String> cells = new ArrayList<>();
        for (String name : columns.keySet()) {
          JsonNode v = item.get(name);
          cells.add(v == null || v.isNull() ? "" : v.asText());
        }
        out.write(row(cells));
      }
    }
  }

  /** RFC 4180 quoting for the importer's input (no formula defusing: this is data, not a sheet). */
  private static String row(List<String> cells) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < cells.size(); i++) {
      if (i > 0) {
        b.append(',');
      }
      String c = cells.get(i);
      if (c.indexOf(',') >= 0
          || c.indexOf('"') >= 0
          || c.indexOf('\n') >= 0
          || c.indexOf('\r') >= 0) {
        b.append('"').append(c.replace("\"", "\"\"")).append('"');
      } else {
        b.append(c);
      }
    }
    return b.append("\r\n").toString();
  }

  private static void copy(InputStream in, Path file) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    try (InputStream src = in;
        var out = Files.newOutputStream(file)) {
      int n;
      while ((n = src.read(buffer)) > 0) {
        total += n;
        if (total > MAX_BYTES) {
          throw new ContentTooLargeResponse(
              "The batch is larger than " + (MAX_BYTES >> 20) + " MiB; send it in parts.");
        }
        out.write(buffer, 0, n);
      }
    }
  }
}
