package dev.rapport.platforms.oauth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PKCE pair (RFC 7636): the verifier stays with Rapport (in the user's session) between the
 * redirect and the callback, the S256 challenge goes into the authorization URL.
 */
public record Pkce(String verifier, String challenge) {

  private static final SecureRandom RANDOM = new SecureRandom();

  /** A fresh pair with a 43-character verifier (256 random bits). */
  public static Pkce create() {
    return fromVerifier(randomToken());
  }

  /** The pair for a verifier kept from the authorization step. */
  public static Pkce fromVerifier(String verifier) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
      return new Pkce(verifier, Base64.getUrlEncoder().withoutPadding().encodeToString(digest));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** 256 random bits, base64url: for verifiers and for the {@code state} parameter. */
  public static String randomToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
