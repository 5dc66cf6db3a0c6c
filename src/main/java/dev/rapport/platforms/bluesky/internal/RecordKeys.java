package dev.rapport.platforms.bluesky.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;

/**
 * Record keys that make a publish idempotent. Bluesky has no idempotency header, but a client may
 * choose the record key of a post, which must be a TID (13 characters of base32-sortable: 53 bits
 * of microseconds, 10 bits of clock id). Rapport derives it from the variant's scheduled time (so
 * posts still sort by time) and the idempotency key (so every attempt of one variant asks for the
 * same key): the PDS then refuses a second copy, and {@code getRecord} finds the first.
 */
public final class RecordKeys {

  private static final String ALPHABET = "234567abcdefghijklmnopqrstuvwxyz";

  private RecordKeys() {}

  /** The post's record key for this idempotency key and scheduled time. */
  public static String forPost(String idempotencyKey, Instant scheduledAt) {
    long hash = hash(idempotencyKey);
    // Whole seconds of the scheduled time, sub-second digits and clock id from the key's hash.
    long micros = scheduledAt.getEpochSecond() * 1_000_000L + ((hash & 0x7ffffL) % 1_000_000L);
    long clockId = (hash >>> 20) & 0x3ffL;
    return tid(micros, clockId);
  }

  static String tid(long micros, long clockId) {
    long v = ((micros & 0x1fffffffffffffL) << 10) | (clockId & 0x3ffL);
    char[] out = new char[13];
    for (int i = 12; i >= 0; i--) {
      out[i] = ALPHABET.charAt((int) (v & 31));
      v >>>= 5;
    }
    return new String(out);
  }

  /** The time a TID was made, or null when the key is not a TID. */
  public static Instant timeOf(String rkey) {
    if (rkey == null || rkey.length() != 13) {
      return null;
    }
    long v = 0;
    for (char c : rkey.toCharArray()) {
      int d = ALPHABET.indexOf(c);
      if (d < 0) {
        return null;
      }
      v = (v << 5) | d;
    }
    long micros = v >>> 10;
    return Instant.ofEpochSecond(micros / 1_000_000L, (micros % 1_000_000L) * 1000L);
  }

  private static long hash(String key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
      long h = 0;
      for (int i = 0; i < 8; i++) {
        h = (h << 8) | (d[i] & 0xff);
      }
      return h;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
