package dev.rapport.engagement.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * 64 bits of SHA-256 of an event key: the ledger's de-duplication key. A fixed-width number keeps
 * the unique index small and fast; the full key is stored beside it and compared, so a hash
 * collision (odds about 1 in 3·10^5 at 10 million events) is reported, never taken for a duplicate.
 * Not thread-safe: one per ingest.
 */
final class EventHash {
  private final MessageDigest sha;

  EventHash() {
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required by the Java platform", e);
    }
  }

  long of(String key) {
    byte[] d = sha.digest(key.getBytes(StandardCharsets.UTF_8));
    long h = 0;
    for (int i = 0; i < 8; i++) {
      h = (h << 8) | (d[i] & 0xff);
    }
    return h;
  }
}
