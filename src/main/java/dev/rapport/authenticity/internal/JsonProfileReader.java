package dev.rapport.authenticity.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.rapport.authenticity.LabelledProfile;
import dev.rapport.authenticity.MalformedProfileException;
import dev.rapport.authenticity.ProfileReader;
import dev.rapport.authenticity.ProfileSnapshot;
import dev.rapport.authenticity.ReadErrors;
import dev.rapport.authenticity.ReadOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.function.Consumer;

/**
 * Reads JSON profiles: JSON Lines line by line (a bad line is skipped and counted), or one JSON
 * document (an array or wrapper; a field of the wrong type is skipped and counted, broken JSON
 * syntax ends the read since nothing after it can be trusted). Not thread-safe.
 */
final class JsonProfileReader implements ProfileReader {

  private final InputStream in;
  private final String name;
  private final ReadOptions options;
  private final boolean lines;
  private final ReadErrors errors;

  JsonProfileReader(InputStream in, String name, ReadOptions options, boolean lines) {
    this(in, name, options, lines, new ReadErrors(options.maxErrors()));
  }

  JsonProfileReader(
      InputStream in, String name, ReadOptions options, boolean lines, ReadErrors errors) {
    this.in = in;
    this.name = name;
    this.options = options;
    this.lines = lines;
    this.errors = errors;
  }

  @Override
  public long readAll(Consumer<ProfileSnapshot> sink) {
    if (lines) {
      LineBlocks blocks = new LineBlocks(in, ProfileFiles.BUFFER);
      JsonLines parser = new JsonLines(name, options.defaultObservedAt());
      long n = 0;
      for (LineBlocks.Block b = blocks.next(); b != null; b = blocks.next()) {
        n += parser.parse(b, errors, sink);
      }
      return n;
    }
    return readDocument(sink);
  }

  private long readDocument(Consumer<ProfileSnapshot> sink) {
    JsonProfileParser parser = new JsonProfileParser(options.defaultObservedAt());
    long[] n = {0};
    Consumer<ProfileSnapshot> counting =
        p -> {
          n[0]++;
          sink.accept(p);
        };
    try (JsonParser p = JsonLines.FACTORY.createParser(in)) {
      try {
        readRecords(parser, p, counting);
      } catch (JsonProcessingException e) {
        // Limits such as the nesting depth fail without a location of their own.
        JsonLocation at = e.getLocation() != null ? e.getLocation() : p.currentLocation();
        throw new MalformedProfileException(
            name + " line " + at.getLineNr(), null, "broken JSON: " + e.getOriginalMessage());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return n[0];
  }

  private void readRecords(
      JsonProfileParser parser, JsonParser p, Consumer<ProfileSnapshot> counting)
      throws IOException {
    int index = 0;
    while (p.nextToken() != null) {
      if (p.currentToken() == JsonToken.START_ARRAY) {
        while (p.nextToken() != JsonToken.END_ARRAY) {
          if (p.currentToken() == null) {
            throw new MalformedProfileException(
                name + " record " + index, null, "the JSON array ends too early");
          }
          String where = name + " record " + index++ + " (line " + line(p) + ")";
          one(parser, p, where, counting);
        }
      } else {
        one(parser, p, name + " record " + index++ + " (line " + line(p) + ")", counting);
      }
    }
  }

  private void one(
      JsonProfileParser parser, JsonParser p, String where, Consumer<ProfileSnapshot> sink)
      throws IOException {
    try {
      parser.parseValue(p, where, sink);
    } catch (MalformedProfileException e) {
      if (p.currentToken() != JsonToken.END_OBJECT && p.currentToken() != JsonToken.END_ARRAY) {
        p.skipChildren();
      }
      errors.add(e);
    }
  }

  private static long line(JsonParser p) {
    return p.currentTokenLocation().getLineNr();
  }

  @Override
  public long readLabelled(Consumer<LabelledProfile> sink) {
    return readAll(p -> sink.accept(new LabelledProfile(p, null, name)));
  }

  @Override
  public ReadErrors errors() {
    return errors;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void close() {
    try {
      in.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
