package dev.rapport.workspace;

import com.nulabinc.zxcvbn.Strength;
import com.nulabinc.zxcvbn.Zxcvbn;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What a password chosen by a person must be (OWASP ASVS 4.0.3 V2.1): at least {@value #MIN_LENGTH}
 * characters, at most {@value #MAX_LENGTH}, any Unicode, spaces included, no composition rules; and
 * not guessable: zxcvbn (zxcvbn4j) estimates the guesses needed against its 30,000 commonest
 * passwords (Xato's corpus of leaked passwords), English words, names, keyboard patterns, dates and
 * the person's own e-mail address and name, and anything below {@value #MIN_SCORE} on its 0-4 scale
 * (fewer than 10^8 guesses) is refused. Thread-safe.
 */
public final class PasswordPolicy {

  public static final int MIN_LENGTH = 12;

  /** ASVS 2.1.2 asks for at least 64; longer ones only cost hashing time. */
  public static final int MAX_LENGTH = 128;

  /** zxcvbn's "safely unguessable" score: at least 10^8 guesses. */
  public static final int MIN_SCORE = 3;

  /** zxcvbn's dictionaries (about 1 MB) are read once per process, at the first check. */
  private static final class Estimator {
    static final Zxcvbn ZXCVBN = new Zxcvbn();
  }

  /** The outcome of a check. */
  public sealed interface Verdict permits Acceptable, Refused {}

  /** The password may be used. */
  public record Acceptable() implements Verdict {}

  /** The password may not be used, and why, in words for the person choosing it. */
  public record Refused(String reason) implements Verdict {}

  /**
   * Checks a new password.
   *
   * @param personal words of the person (e-mail address, name) that must not carry the password
   */
  public Verdict check(String password, List<String> personal) {
    int length = password == null ? 0 : password.codePointCount(0, password.length());
    if (length < MIN_LENGTH) {
      return new Refused(
          "Use at least " + MIN_LENGTH + " characters; a few words in a row are easy to remember.");
    }
    if (length > MAX_LENGTH) {
      return new Refused("Use at most " + MAX_LENGTH + " characters.");
    }
    Strength strength = Estimator.ZXCVBN.measure(password, words(personal));
    if (strength.getScore() < MIN_SCORE) {
      String warning = strength.getFeedback().getWarning(Locale.ENGLISH);
      return new Refused(
          "This password is too easy to guess"
              + (warning == null || warning.isBlank() ? "" : ": " + warning)
              + ". Add another word or two that are not about you.");
    }
    return new Acceptable();
  }

  /** The e-mail address whole, its parts, and the name's words, plus the product's own name. */
  private static List<String> words(List<String> personal) {
    List<String> out = new ArrayList<>(List.of("rapport"));
    for (String p : personal) {
      if (p == null || p.isBlank()) {
        continue;
      }
      String lower = p.toLowerCase(Locale.ROOT);
      out.add(lower);
      for (String part : lower.split("[@.\\s_+-]+")) {
        if (part.length() >= 3) {
          out.add(part);
        }
      }
    }
    return out;
  }
}
