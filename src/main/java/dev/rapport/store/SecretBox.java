package dev.rapport.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts secrets at rest (platform tokens, app passwords, webhook secrets) with AES-256-GCM. The
 * key comes from {@code RAPPORT_SECRET_KEY} (base64 of 32 bytes), or else from {@code secret.key}
 * in Rapport's home, created on first use with owner-only permissions. A database dump alone
 * therefore reveals no token. Each sealed value carries the key's id so that a wrong key is
 * reported as such instead of as garbage.
 */
public final class SecretBox {

  public static final String ENV = "RAPPORT_SECRET_KEY";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec key;
  private final String keyId;
  private final SecureRandom random;

  private SecretBox(byte[] key, SecureRandom random) {
    if (key.length != 32) {
      throw new IllegalArgumentException("the secret key must be 32 bytes (base64 of 32 bytes)");
    }
    this.key = new SecretKeySpec(key, "AES");
    this.random = random;
    this.keyId = keyIdOf(key);
  }

  /** The key from the environment, else from (or newly into) {@code home/secret.key}. */
  public static SecretBox load(Path home, Map<String, String> env) {
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return new SecretBox(decode(fromEnv.strip(), ENV), new SecureRandom());
    }
    Path file = home.resolve("secret.key");
    try {
      if (Files.exists(file)) {
        return new SecretBox(
            decode(Files.readString(file, StandardCharsets.US_ASCII).strip(), file.toString()),
            new SecureRandom());
      }
      Files.createDirectories(home);
      byte[] key = new byte[32];
      SecureRandom random = new SecureRandom();
      random.nextBytes(key);
      Files.writeString(
          file,
          Base64.getEncoder().encodeToString(key) + "\n",
          StandardCharsets.US_ASCII,
          StandardOpenOption.CREATE_NEW,
          StandardOpenOption.WRITE);
      try {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException notPosix) {
        // Windows: the file inherits the home directory's ACL.
      }
      return new SecretBox(key, random);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read or create the secret key " + file, e);
    }
  }

  /** A throwaway key, for tests and one-off in-memory runs. */
  public static SecretBox ephemeral() {
    byte[] key = new byte[32];
    SecureRandom random = new SecureRandom();
    random.nextBytes(key);
    return new SecretBox(key, random);
  }

  /** {@code keyId:base64(nonce || ciphertext || tag)}. */
  public String seal(String plain) {
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(keyId.getBytes(StandardCharsets.US_ASCII));
      byte[] sealed = cipher.doFinal(plain.getBytes(StandardCharsets.UTF_8));
      byte[] out = new byte[nonce.length + sealed.length];
      System.arraycopy(nonce, 0, out, 0, nonce.length);
      System.arraycopy(sealed, 0, out, nonce.length, sealed.length);
      return keyId + ":" + Base64.getEncoder().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is unavailable", e);
    }
  }

  /** Opens a value sealed with this key; a value sealed with another key is refused by name. */
  public String open(String sealed) {
    int colon = sealed.indexOf(':');
    if (colon < 0 || !sealed.substring(0, colon).equals(keyId)) {
      throw new IllegalStateException(
          "a stored secret was encrypted with another key (id "
              + (colon < 0 ? "?" : sealed.substring(0, colon))
              + ", current "
              + keyId
              + "); restore the original "
              + ENV
              + " or secret.key, or reconnect the channel");
    }
    try {
      byte[] in = Base64.getDecoder().decode(sealed.substring(colon + 1));
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
      cipher.updateAAD(keyId.getBytes(StandardCharsets.US_ASCII));
      byte[] plain = cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalStateException("a stored secret is damaged and cannot be decrypted", e);
    }
  }

  public String keyId() {
    return keyId;
  }

  private static String keyIdOf(byte[] key) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(key);
      return HexFormat.of().formatHex(digest, 0, 4);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] decode(String base64, String where) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + " is not valid base64", e);
    }
  }
}
