package dev.rapport.workspace.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random bearer secrets and the one-way form in which they are stored. Thread-safe. */
final class Secrets {

  /** 256 bits: guessing is hopeless, and a plain (unsalted) hash is enough to store it. */
  static final int BYTES = 32;

  private final SecureRandom random;

  Secrets(SecureRandom random) {
    this.random = random;
  }

  String next() {
    byte[] b = new byte[BYTES];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  static String sha256(String secret) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
    }
  }
}
