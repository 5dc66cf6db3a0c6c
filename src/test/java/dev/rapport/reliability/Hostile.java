package dev.rapport.reliability;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * Hostile variants of a valid input: a valid file damaged the ways files arrive damaged (cut short,
 * bytes flipped, re-encoded, NUL bytes, quotes and brackets unbalanced, lines lost or doubled, deep
 * nesting, long fields), or plain random bytes. Starting from valid files keeps most tries close to
 * the parsers' interesting paths instead of failing on the first byte.
 */
public final class Hostile {

  private Hostile() {}

  /** One way of damaging a file; {@code at} and {@code size} pick where and how much (0..1). */
  public enum Damage {
    TRUNCATE,
    FLIP_BYTES,
    INSERT_RANDOM,
    INSERT_NUL,
    INVALID_UTF8,
    LATIN1,
    UTF16,
    UTF8_BOM,
    UNBALANCED_QUOTE,
    UNBALANCED_BRACKET,
    DEEP_NESTING,
    LONG_FIELD,
    DROP_FIRST_LINE,
    DROP_LINE,
    DOUBLE_LINE,
    DOUBLE_FIRST_LINE,
    CR_ONLY,
    RANDOM_BYTES,
    EMPTY
  }

  /** A damage and where it strikes; its {@code toString} is what a failing try prints. */
  public record Mutation(Damage damage, double at, double size, byte[] noise) {

    public byte[] apply(byte[] seed) {
      int pos = (int) (at * seed.length);
      return switch (damage) {
        case TRUNCATE -> Arrays.copyOf(seed, pos);
        case FLIP_BYTES -> {
          byte[] out = seed.clone();
          for (int i = 0; i < noise.length && out.length > 0; i++) {
            out[(pos + i * 7919) % out.length] = noise[i];
          }
          yield out;
        }
        case INSERT_RANDOM -> insert(seed, pos, noise);
        case INSERT_NUL -> insert(seed, pos, new byte[] {0});
        case INVALID_UTF8 -> insert(seed, pos, new byte[] {(byte) 0xC3, 0x28, (byte) 0xFF});
        case LATIN1 ->
            new String(
                    insert(seed, pos, "Café ".getBytes(StandardCharsets.UTF_8)),
                    StandardCharsets.UTF_8)
                .getBytes(StandardCharsets.ISO_8859_1);
        case UTF16 -> new String(seed, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_16);
        case UTF8_BOM -> insert(seed, 0, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
        case UNBALANCED_QUOTE -> insert(seed, pos, new byte[] {'"'});
        case UNBALANCED_BRACKET ->
            insert(seed, pos, new byte[] {noise.length % 2 == 0 ? (byte) '{' : (byte) ']'});
        case DEEP_NESTING -> {
          int depth = 100 + (int) (size * 10_000);
          String deep = "[".repeat(depth) + "]".repeat(depth);
          yield insert(seed, pos, deep.getBytes(StandardCharsets.US_ASCII));
        }
        case LONG_FIELD -> {
          byte[] field = new byte[1 + (int) (size * 200_000)];
          Arrays.fill(field, (byte) 'x');
          yield insert(seed, pos, field);
        }
        case DROP_FIRST_LINE -> dropLine(seed, 0);
        case DROP_LINE -> dropLine(seed, lineAt(seed, pos));
        case DOUBLE_LINE -> doubleLine(seed, lineAt(seed, pos));
        case DOUBLE_FIRST_LINE -> doubleLine(seed, 0);
        case CR_ONLY ->
            new String(seed, StandardCharsets.ISO_8859_1)
                .replace('\n', '\r')
                .getBytes(StandardCharsets.ISO_8859_1);
        case RANDOM_BYTES -> noise.clone();
        case EMPTY -> new byte[0];
      };
    }

    @Override
    public String toString() {
      return damage
          + "@"
          + String.format(java.util.Locale.ROOT, "%.3f/%.3f", at, size)
          + (noise.length > 0
              ? " noise=" + Arrays.toString(Arrays.copyOf(noise, Math.min(16, noise.length)))
              : "");
    }
  }

  public static Arbitrary<Mutation> mutations() {
    return mutations(List.of(Damage.values()));
  }

  public static Arbitrary<Mutation> mutations(List<Damage> damages) {
    return Combinators.combine(
            Arbitraries.of(damages),
            // Strictly below 1, so that a cut always removes something.
            Arbitraries.doubles().between(0, true, 1, false),
            Arbitraries.doubles().between(0, 1),
            Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(64))
        .as(Mutation::new);
  }

  /** One to three damages on top of each other. */
  public static Arbitrary<List<Mutation>> damages() {
    return mutations().list().ofMinSize(1).ofMaxSize(3);
  }

  public static byte[] applyAll(byte[] seed, List<Mutation> mutations) {
    byte[] out = seed;
    for (Mutation m : mutations) {
      out = m.apply(out);
    }
    return out;
  }

  static byte[] insert(byte[] seed, int pos, byte[] what) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(seed.length + what.length);
    out.write(seed, 0, pos);
    out.write(what, 0, what.length);
    out.write(seed, pos, seed.length - pos);
    return out.toByteArray();
  }

  private static int lineAt(byte[] seed, int pos) {
    int line = 0;
    for (int i = 0; i < pos && i < seed.length; i++) {
      if (seed[i] == '\n') {
        line++;
      }
    }
    return line;
  }

  private static List<String> lines(byte[] seed) {
    return Arrays.asList(new String(seed, StandardCharsets.ISO_8859_1).split("\n", -1));
  }

  private static byte[] dropLine(byte[] seed, int line) {
    List<String> lines = new java.util.ArrayList<>(lines(seed));
    if (line < lines.size()) {
      lines.remove(line);
    }
    return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
  }

  private static byte[] doubleLine(byte[] seed, int line) {
    List<String> lines = new java.util.ArrayList<>(lines(seed));
    if (line < lines.size()) {
      lines.add(line, lines.get(line));
    }
    return String.join("\n", lines).getBytes(StandardCharsets.ISO_8859_1);
  }
}
