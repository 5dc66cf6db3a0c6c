package dev.rapport.platforms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.rapport.platforms.graph.Wire;
import dev.rapport.reliability.FuzzTries;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * Server-side request forgery: whatever way a user writes a loopback, private, link-local or
 * reserved address (dotted, one decimal number, IPv6, IPv4 inside IPv6, with a trailing dot, in
 * another scheme), the outbound policy refuses to call it; public addresses pass; and redirects are
 * never followed, so a public host cannot bounce a call to a private one.
 */
@AddLifecycleHook(FuzzTries.class)
class OutboundPolicyPropertyTest {

  static final OutboundPolicy POLICY = OutboundPolicy.PUBLIC_ONLY;

  /** An IPv4 address in a range that must never be called. */
  @Provide
  Arbitrary<int[]> privateV4() {
    Arbitrary<Integer> any = Arbitraries.integers().between(0, 255);
    return Arbitraries.oneOf(
        Combinators.combine(Arbitraries.just(127), any, any, any)
            .as(OutboundPolicyPropertyTest::ip),
        Combinators.combine(Arbitraries.just(10), any, any, any).as(OutboundPolicyPropertyTest::ip),
        Combinators.combine(Arbitraries.just(0), any, any, any).as(OutboundPolicyPropertyTest::ip),
        Combinators.combine(Arbitraries.just(172), Arbitraries.integers().between(16, 31), any, any)
            .as(OutboundPolicyPropertyTest::ip),
        Combinators.combine(Arbitraries.just(192), Arbitraries.just(168), any, any)
            .as(OutboundPolicyPropertyTest::ip),
        Combinators.combine(Arbitraries.just(169), Arbitraries.just(254), any, any)
            .as(OutboundPolicyPropertyTest::ip),
        Combinators.combine(
                Arbitraries.just(100), Arbitraries.integers().between(64, 127), any, any)
            .as(OutboundPolicyPropertyTest::ip),
        Combinators.combine(Arbitraries.integers().between(224, 255), any, any, any)
            .as(OutboundPolicyPropertyTest::ip));
  }

  static int[] ip(int a, int b, int c, int d) {
    return new int[] {a, b, c, d};
  }

  /** The ways to write an IPv4 address in a URL host. */
  enum Spelling {
    DOTTED,
    DECIMAL,
    V4_MAPPED,
    V4_MAPPED_HEX,
    V4_COMPATIBLE,
    NAT64,
    SIX_TO_FOUR,
    TRAILING_DOT,
    SHORT
  }

  static String spell(int[] ip, Spelling s) {
    long n = ((long) ip[0] << 24) | (ip[1] << 16) | (ip[2] << 8) | ip[3];
    String dotted = ip[0] + "." + ip[1] + "." + ip[2] + "." + ip[3];
    String hi = Integer.toHexString(ip[0] << 8 | ip[1]);
    String lo = Integer.toHexString(ip[2] << 8 | ip[3]);
    return switch (s) {
      case DOTTED -> dotted;
      case DECIMAL -> Long.toString(n);
      case V4_MAPPED -> "[::ffff:" + dotted + "]";
      case V4_MAPPED_HEX -> "[::ffff:" + hi + ":" + lo + "]";
      case V4_COMPATIBLE -> "[::" + dotted + "]";
      case NAT64 -> "[64:ff9b::" + hi + ":" + lo + "]";
      case SIX_TO_FOUR -> "[2002:" + hi + ":" + lo + "::1]";
      case TRAILING_DOT -> dotted + ".";
      case SHORT -> ip[0] + "." + n % (1 << 24);
    };
  }

  @Provide
  Arbitrary<String> scheme() {
    return Arbitraries.of("http", "https", "HTTP", "file", "gopher", "ftp", "jar", "dict", "ldap");
  }

  @Property(tries = 500)
  void privateAddressesAreRefusedHoweverTheyAreWritten(
      @ForAll("privateV4") int[] ip,
      @ForAll Spelling spelling,
      @ForAll("scheme") String scheme,
      @ForAll boolean typed) {
    String host = spell(ip, spelling);
    refused(scheme + "://" + host + ":8080/media/cat.png?x=1", typed);
  }

  @Provide
  Arbitrary<String> privateV6() {
    Arbitrary<String> group = Arbitraries.integers().between(0, 0xffff).map(Integer::toHexString);
    return Arbitraries.oneOf(
        Arbitraries.just("::1"),
        Arbitraries.just("::"),
        Arbitraries.just("0:0:0:0:0:0:0:1"),
        group.map(g -> "fe80::" + g),
        group.map(g -> "fd00::" + g),
        group.map(g -> "fc12:" + g + "::1"),
        group.map(g -> "fec0::" + g),
        group.map(g -> "ff02::" + g));
  }

  @Property(tries = 200)
  void privateIpv6AddressesAreRefused(@ForAll("privateV6") String v6, @ForAll boolean typed) {
    refused("https://[" + v6 + "]/", typed);
  }

  @Property(tries = 200)
  void localNamesAreRefused(
      @ForAll("scheme") String scheme, @ForAll boolean typed, @ForAll("localName") String name) {
    refused(scheme + "://" + name + "/api/v1/instance", typed);
  }

  @Provide
  Arbitrary<String> localName() {
    return Arbitraries.of(
        "localhost", "LOCALHOST", "api.localhost", "localhost.", "127.1", "0x7f.0.0.1");
  }

  @Property(tries = 200)
  void publicAddressesPass(@ForAll("publicV4") int[] ip) {
    URI uri = URI.create("https://" + spell(ip, Spelling.DOTTED) + "/media/cat.png");
    POLICY.check(uri);
    POLICY.checkTyped(uri);
  }

  @Provide
  Arbitrary<int[]> publicV4() {
    Arbitrary<Integer> any = Arbitraries.integers().between(0, 255);
    return Combinators.combine(Arbitraries.of(1, 8, 23, 45, 93, 151, 185, 203), any, any, any)
        .as(OutboundPolicyPropertyTest::ip);
  }

  static void refused(String url, boolean typed) {
    URI uri;
    try {
      uri = URI.create(url);
    } catch (IllegalArgumentException unparseable) {
      return; // nothing can call what cannot be parsed
    }
    if (typed) {
      String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
      boolean literal =
          host.matches("[0-9.]+") || host.startsWith("[") || host.contains("localhost");
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (literal || uri.getHost() == null || !scheme.startsWith("http")) {
        assertThatThrownBy(() -> POLICY.checkTyped(uri))
            .as(url)
            .isInstanceOf(OutboundPolicy.RefusedHostException.class);
      }
    }
    assertThatThrownBy(() -> POLICY.check(uri))
        .as(url)
        .isInstanceOf(OutboundPolicy.RefusedHostException.class);
  }

  @Example
  void aRedirectToAnotherHostIsNeverFollowed() throws Exception {
    AtomicInteger inner = new AtomicInteger();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/inner",
        ex -> {
          inner.incrementAndGet();
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    server.createContext(
        "/",
        ex -> {
          ex.getResponseHeaders()
              .add("Location", "http://127.0.0.1:" + server.getAddress().getPort() + "/inner");
          ex.sendResponseHeaders(302, -1);
          ex.close();
        });
    server.start();
    try {
      // Even with private hosts allowed (a local peer), the 302 comes back as it is.
      Wire wire = new Wire(OutboundPolicy.ANY_HOST, Duration.ofSeconds(5));
      Wire.Reply reply =
          wire.send(
              HttpRequest.newBuilder(
                  URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/start")));
      assertThat(reply).isInstanceOf(Wire.Reply.Answered.class);
      assertThat(((Wire.Reply.Answered) reply).status()).isEqualTo(302);
      assertThat(inner.get()).isZero();
    } finally {
      server.stop(0);
    }
  }
}
