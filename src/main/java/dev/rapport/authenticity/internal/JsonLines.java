package dev.rapport.authenticity.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import dev.rapport.authenticity.MalformedProfileException;
import dev.rapport.authenticity.ProfileSnapshot;
import dev.rapport.authenticity.ReadErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.function.Consumer;

/**
 * Parses a block of JSON Lines, one profile (or wrapper) per line; a bad line is counted and the
 * next line read. Not thread-safe: one per parsing thread.
 */
public final class JsonLines {

  static final JsonFactory FACTORY = JsonFactory.builder().build();

  private final String name;
  private final JsonProfileParser parser;

  public JsonLines(String name, Instant defaultObservedAt) {
    this.name = name;
    this.parser = new JsonProfileParser(defaultObservedAt);
  }

  /** Returns how many profiles the block yielded. */
  public long parse(LineBlocks.Block block, ReadErrors errors, Consumer<ProfileSnapshot> sink) {
    byte[] data = block.data();
    int end = block.length();
    long line = block.firstLine();
    long[] count = {0};
    Consumer<ProfileSnapshot> counting =
        p -> {
          count[0]++;
          sink.accept(p);
        };
    int start = 0;
    while (start < end) {
      int nl = start;
      while (nl < end && data[nl] != '\n') {
        nl++;
      }
      int stop = nl;
      while (stop > start && (data[stop - 1] == '\r' || data[stop - 1] == ' ')) {
        stop--;
      }
      if (stop > start) {
        parseLine(data, start, stop - start, line, errors, counting);
      }
      start = nl + 1;
      line++;
    }
    return count[0];
  }

  private void parseLine(
      byte[] data, int off, int len, long line, ReadErrors errors, Consumer<ProfileSnapshot> sink) {
    String where = name + " line " + line;
    try (JsonParser p = FACTORY.createParser(data, off, len)) {
      if (p.nextToken() == null) {
        return;
      }
      parser.parseValue(p, where, sink);
      if (p.nextToken() != null) {
        throw new MalformedProfileException(where, null, "more than one JSON value on the line");
      }
    } catch (MalformedProfileException e) {
      errors.add(e);
    } catch (JsonProcessingException e) {
      errors.add(
          new MalformedProfileException(where, null, "broken JSON: " + e.getOriginalMessage()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
