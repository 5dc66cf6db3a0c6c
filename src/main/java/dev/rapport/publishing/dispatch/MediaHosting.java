package dev.rapport.publishing.dispatch;

import dev.rapport.publishing.MediaLibrary;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * Where dispatch finds the files kept by Rapport, and the address at which platforms that fetch
 * media themselves (Instagram, Threads, Facebook) can download them: Rapport's public URL followed
 * by {@code /media/<name>}. The public base is null when Rapport runs on an address no platform can
 * reach (localhost, a private network): then those platforms refuse the post in plain words before
 * anything is sent, instead of failing on Meta's side.
 *
 * @param library the kept files, or null when dispatch has none (tests of other parts)
 * @param publicBase e.g. {@code https://rapport.example.com}, without a trailing slash; or null
 */
public record MediaHosting(MediaLibrary library, URI publicBase) {

  /** No kept files and no public address. */
  public static MediaHosting none() {
    return new MediaHosting(null, null);
  }

  /**
   * The library, published at {@code publicUrl} when that address is one the platforms can reach
   * (an https or http URL whose host is not localhost, a loopback, private or link-local address,
   * nor a name reserved for local networks).
   */
  public static MediaHosting of(MediaLibrary library, String publicUrl) {
    return new MediaHosting(library, reachable(publicUrl).orElse(null));
  }

  /** The public address of a kept file, when there is one. */
  public Optional<URI> urlOf(String name) {
    return publicBase == null
        ? Optional.empty()
        : Optional.of(URI.create(publicBase + "/media/" + name));
  }

  static Optional<URI> reachable(String publicUrl) {
    if (publicUrl == null || publicUrl.isBlank()) {
      return Optional.empty();
    }
    URI u;
    try {
      u = URI.create(publicUrl.strip());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    String host = u.getHost() == null ? "" : u.getHost().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || host.isEmpty() || local(host)) {
      return Optional.empty();
    }
    String base = u.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return Optional.of(URI.create(base));
  }

  private static boolean local(String host) {
    if (host.equals("localhost")
        || host.endsWith(".localhost")
        || host.endsWith(".local")
        || host.endsWith(".internal")
        || host.endsWith(".lan")
        || host.endsWith(".test")
        || host.endsWith(".home.arpa")) {
      return true;
    }
    String literal = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    if (!literal.matches("[0-9.]+") && !literal.contains(":")) {
      return false; // a public name; resolving it here would not say what the platforms see
    }
    try {
      java.net.InetAddress a = java.net.InetAddress.getByName(literal); // a literal: no lookup
      return a.isLoopbackAddress()
          || a.isSiteLocalAddress()
          || a.isLinkLocalAddress()
          || a.isAnyLocalAddress()
          || (a.getAddress().length == 16 && (a.getAddress()[0] & 0xFE) == 0xFC);
    } catch (java.net.UnknownHostException e) {
      return true;
    }
  }
}
