package dev.rapport.engagement;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.reliability.FuzzTries;
import java.net.URI;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * A tracked link sends visitors' browsers to its target, so the target must be a plain web address:
 * no javascript:, data:, file: or other scheme, no credentials, whatever the case or spelling.
 * (Rapport itself never fetches a link target, so private hosts there are not a forgery risk.)
 */
@AddLifecycleHook(FuzzTries.class)
class TrackedLinkTargetPropertyTest {

  @Provide
  Arbitrary<String> scheme() {
    return Arbitraries.of(
        "javascript", "JavaScript", "data", "file", "gopher", "ftp", "vbscript", "jar", "mailto");
  }

  @Provide
  Arbitrary<String> rest() {
    return Arbitraries.of(
        "//bakery.example/a",
        "alert(1)",
        "text/html,<script>alert(1)</script>",
        "///etc/passwd",
        "//127.0.0.1/x");
  }

  @Property(tries = 200)
  void otherSchemesAreRefused(@ForAll("scheme") String scheme, @ForAll("rest") String rest) {
    URI target;
    try {
      target = URI.create(scheme + ":" + rest);
    } catch (IllegalArgumentException unparseable) {
      return;
    }
    assertThatThrownBy(() -> new NewLink(target, null, null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Property(tries = 100)
  void credentialsInTheAddressAreRefused(@ForAll("user") String user, @ForAll boolean https) {
    URI target = URI.create((https ? "https" : "http") + "://" + user + "@bakery.example/");
    assertThatThrownBy(() -> new NewLink(target, null, null, null, null, null, null))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Provide
  Arbitrary<String> user() {
    return Arbitraries.strings()
        .alpha()
        .ofMinLength(1)
        .ofMaxLength(8)
        .flatMap(u -> Arbitraries.of(u, u + ":secret"));
  }
}
