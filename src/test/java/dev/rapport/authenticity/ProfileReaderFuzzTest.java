package dev.rapport.authenticity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.reliability.FuzzTries;
import dev.rapport.reliability.Hostile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Hostile profile files: every fixture format (Twitter v1 JSON Lines, v2 JSON, Mastodon, Bluesky,
 * CSV) damaged at random, under every file name the format could arrive with. Reading either
 * finishes or stops with a {@link MalformedProfileException} that names the file and record; it
 * never escapes as another exception or an Error.
 */
@AddLifecycleHook(FuzzTries.class)
class ProfileReaderFuzzTest {

  static final List<String> FIXTURES =
      List.of(
          "twitter-v1.jsonl",
          "twitter-v2.json",
          "mastodon.json",
          "bluesky.json",
          "labelled.csv",
          "audience.jsonl",
          "bad-types.csv");

  static final List<String> NAMES =
      List.of("profiles.json", "profiles.jsonl", "profiles.csv", "profiles.txt");

  @Provide
  Arbitrary<String> fixture() {
    return Arbitraries.of(FIXTURES);
  }

  @Provide
  Arbitrary<String> name() {
    return Arbitraries.of(NAMES);
  }

  @Property(tries = 400)
  void damagedFilesAreReadOrRefusedByRecord(
      @ForAll("fixture") String fixture,
      @ForAll("name") String name,
      @ForAll("damages") List<Hostile.Mutation> damages,
      @ForAll boolean lenient)
      throws IOException {
    byte[] input = Hostile.applyAll(bytes(fixture), damages);
    readOrRefuse(input, name, lenient);
  }

  @Provide
  Arbitrary<List<Hostile.Mutation>> damages() {
    return Hostile.damages();
  }

  @Property(tries = 200)
  void randomBytesAreRefusedCleanly(
      @ForAll("name") String name, @ForAll byte[] input, @ForAll boolean lenient) {
    readOrRefuse(input, name, lenient);
  }

  @Example
  void tenThousandNestedArraysAreRefusedNotAStackOverflow() {
    String deep = "[".repeat(10_000) + "]".repeat(10_000);
    for (String name : NAMES) {
      readOrRefuse(deep.getBytes(StandardCharsets.US_ASCII), name, false);
      readOrRefuse(("{\"a\":" + deep + "}\n").getBytes(StandardCharsets.US_ASCII), name, true);
    }
  }

  @Example
  void aTenMegabyteLineIsReadOrRefusedCleanly() {
    String huge = "x".repeat(10 << 20);
    for (String name : NAMES) {
      readOrRefuse(
          ("{\"id_str\":\"1\",\"screen_name\":\"" + huge + "\"}\n")
              .getBytes(StandardCharsets.UTF_8),
          name,
          false);
      readOrRefuse(
          ("id,screen_name\n1," + huge + "\n").getBytes(StandardCharsets.UTF_8), name, true);
    }
  }

  static void readOrRefuse(byte[] input, String name, boolean lenient) {
    ReadOptions options = new ReadOptions(lenient ? 1_000 : 0, null);
    try (InputStream in = new ByteArrayInputStream(input);
        ProfileReader r = ProfileReaders.open(in, name, options)) {
      long n = r.readAll(p -> assertThat(p).isNotNull());
      assertThat(n).isNotNegative();
      assertThat(r.errors().count()).isLessThanOrEqualTo(options.maxErrors());
    } catch (MalformedProfileException e) {
      assertThat(e.record()).as("names the file and record").startsWith(name);
      assertThat(e.getMessage()).isNotBlank();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(String fixture) throws IOException {
    try (InputStream in = ProfileReaderFuzzTest.class.getResourceAsStream(fixture)) {
      return in.readAllBytes();
    }
  }
}
