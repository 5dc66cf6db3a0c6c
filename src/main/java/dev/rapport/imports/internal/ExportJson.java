package dev.rapport.imports.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads the JSON files of exports, streaming: one array element at a time, so that a file of
 * hundreds of megabytes costs the memory of one element. X's files are JavaScript assignments
 * ({@code window.YTD.tweets.part0 = [...]}); everything before the first '[' or '{' is skipped
 * there, and line numbers still count from the top of the file.
 */
final class ExportJson {

  /** Sees one element of an array: its JSON, its 0-based index and the line it starts on. */
  interface Element {
    void accept(JsonNode node, int index, long line);
  }

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private ExportJson() {}

  /**
   * Calls {@code each} for every element of the file's top-level array, or, when the top level is
   * an object, of the array in its first field named in {@code fields}. Syntax errors are recorded
   * as problems with their line and stop the file.
   *
   * @return the number of elements, or -1 when the file could not be read through
   */
  static long elements(
      ExportFiles files,
      String name,
      List<String> fields,
      boolean script,
      ExportProblems problems,
      Element each) {
    try (InputStream in = files.open(name);
        BufferedReader reader = utf8(in)) {
      long skippedLines = skipPrefix(reader, name, script);
      try (JsonParser p = FACTORY.createParser(reader)) {
        JsonToken first = p.nextToken();
        if (first == JsonToken.START_ARRAY) {
          return items(p, name, skippedLines, 0, problems, each);
        }
        if (first != JsonToken.START_OBJECT) {
          problems.add(name, 1 + skippedLines, "", "expected a JSON array or object");
          return -1;
        }
        // Every array under a wanted name, in order: Mastodon writes "orderedItems":[] and then
        // the real "orderedItems" again in the same object.
        boolean found = false;
        int index = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String field = p.currentName();
          JsonToken value = p.nextToken();
          if (fields.contains(field) && value == JsonToken.START_ARRAY) {
            found = true;
            int n = items(p, name, skippedLines, index, problems, each);
            if (n < 0) {
              return -1;
            }
            index = n;
          } else {
            p.skipChildren();
          }
        }
        if (!found) {
          problems.add(
              name,
              0,
              "",
              "no "
                  + String.join(" or ", fields.stream().map(f -> "'" + f + "'").toList())
                  + " array in the file");
          return -1;
        }
        return index;
      } catch (JsonProcessingException e) {
        problems.add(
            name,
            e.getLocation() == null ? 0 : lineOf(e.getLocation(), skippedLines),
            "",
            "not valid JSON: " + e.getOriginalMessage());
        return -1;
      }
    } catch (JsonEnd e) {
      problems.add(name, 0, "", e.getMessage());
      return -1;
    } catch (CharacterCodingException e) {
      problems.add(name, 0, "", "the file is not valid UTF-8 text");
      return -1;
    } catch (IOException e) {
      problems.add(name, 0, "", "cannot read: " + e.getMessage());
      return -1;
    }
  }

  /** Reads a whole (small) file as one JSON value; null when it has problems (recorded). */
  static JsonNode whole(ExportFiles files, String name, boolean script, ExportProblems problems) {
    try (InputStream in = files.open(name);
        BufferedReader reader = utf8(in)) {
      long skippedLines = skipPrefix(reader, name, script);
      try (JsonParser p = FACTORY.createParser(reader)) {
        JsonNode node = MAPPER.readTree(p);
        if (node == null || node.isMissingNode()) {
          problems.add(name, 0, "", "the file is empty");
          return null;
        }
        return node;
      } catch (JsonProcessingException e) {
        problems.add(
            name,
            e.getLocation() == null ? 0 : lineOf(e.getLocation(), skippedLines),
            "",
            "not valid JSON: " + e.getOriginalMessage());
        return null;
      }
    } catch (JsonEnd e) {
      problems.add(name, 0, "", e.getMessage());
      return null;
    } catch (CharacterCodingException e) {
      problems.add(name, 0, "", "the file is not valid UTF-8 text");
      return null;
    } catch (IOException e) {
      problems.add(name, 0, "", "cannot read: " + e.getMessage());
      return null;
    }
  }

  /** Reads the elements of the array the parser is at; returns the next index, or -1. */
  private static int items(
      JsonParser p, String name, long skippedLines, int from, ExportProblems problems, Element each)
      throws IOException {
    int index = from;
    while (true) {
      JsonToken t = p.nextToken();
      if (t == JsonToken.END_ARRAY) {
        return index;
      }
      if (t == null) {
        problems.add(name, line(p, skippedLines), "", "the file ends inside the array");
        return -1;
      }
      long line = lineOf(p.currentTokenLocation(), skippedLines);
      JsonNode node = MAPPER.readTree(p);
      each.accept(node, index++, line);
    }
  }

  /**
   * Skips a script's "window.YTD.x.part0 = " up to the first '[' or '{'; returns the newlines
   * skipped. A .json file must start with JSON (after a byte-order mark or blanks).
   */
  private static long skipPrefix(BufferedReader r, String name, boolean script) throws IOException {
    long newlines = 0;
    StringBuilder seen = new StringBuilder();
    while (true) {
      r.mark(1);
      int c = r.read();
      if (c < 0) {
        throw new JsonEnd(name);
      }
      if (c == '[' || c == '{') {
        r.reset();
        if (!script && !seen.toString().isBlank()) {
          throw new JsonEnd(name);
        }
        return newlines;
      }
      if (c == '\n') {
        newlines++;
      }
      if (c != '\uFEFF' && seen.length() < 200) {
        seen.append((char) c);
      }
      if (!script && !Character.isWhitespace(c) && c != '\uFEFF') {
        throw new JsonEnd(name);
      }
    }
  }

  /** A file with no JSON in it at all. */
  static final class JsonEnd extends IOException {
    JsonEnd(String name) {
      super("the file holds no JSON array or object");
    }
  }

  private static long line(JsonParser p, long skipped) {
    return lineOf(p.currentLocation(), skipped);
  }

  private static long lineOf(JsonLocation at, long skipped) {
    return at.getLineNr() < 0 ? 0 : at.getLineNr() + skipped;
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
