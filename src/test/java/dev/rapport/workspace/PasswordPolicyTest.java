package dev.rapport.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** ASVS 4.0.3 V2.1: length, any characters, no composition rules, no common passwords. */
class PasswordPolicyTest {

  private final PasswordPolicy policy = new PasswordPolicy();
  private final List<String> ana = List.of("ana.lopez@example.com", "Ana Lopez");

  @Test
  void longPassphrasesOfAnyCharactersAreAccepted() {
    for (String p :
        List.of(
            "sourdough rises slowly at dawn",
            "blue trumpet cellar oak",
            "kürbis ölmühle straße 舟",
            "x7#Lq!9vR2@m",
            "correct horse battery staple " + "w".repeat(0),
            "tide ".repeat(12) + "lantern gravel mosaic")) {
      assertThat(policy.check(p, ana)).as(p).isInstanceOf(PasswordPolicy.Acceptable.class);
    }
    String longest =
        "lantern gravel mosaic tide ".repeat(5).substring(0, PasswordPolicy.MAX_LENGTH);
    assertThat(policy.check(longest, ana)).isInstanceOf(PasswordPolicy.Acceptable.class);
  }

  @Test
  void shortLongCommonAndPersonalPasswordsAreRefused() {
    assertThat(refusal("eleven char")).contains("at least 12");
    assertThat(refusal("x".repeat(PasswordPolicy.MAX_LENGTH + 1))).contains("at most 128");
    for (String common :
        List.of(
            "password1234",
            "123456789012",
            "qwertyuiopasdf",
            "Password1234!",
            "iloveyou2024!",
            "aaaaaaaaaaaaaaaa")) {
      assertThat(refusal(common)).as(common).contains("too easy to guess");
    }
    assertThat(refusal("ana.lopez@example.com")).as("the e-mail address").contains("too easy");
    assertThat(policy.check("ana.lopez@example.com", List.of("ben@example.com")))
        .as("someone else's address is only a long password")
        .isInstanceOf(PasswordPolicy.Acceptable.class);
  }

  @Test
  void lengthIsCountedInCharactersNotBytes() {
    // Eleven characters of three bytes each: still too short.
    assertThat(refusal("舟舟舟舟舟舟舟舟舟舟舟")).contains("at least 12");
  }

  private String refusal(String password) {
    PasswordPolicy.Verdict v = policy.check(password, ana);
    assertThat(v).as(password).isInstanceOf(PasswordPolicy.Refused.class);
    return ((PasswordPolicy.Refused) v).reason();
  }
}
