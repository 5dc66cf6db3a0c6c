package dev.rapport.platforms;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;

/**
 * Which hosts Rapport may call. Service URLs come from users (a Mastodon instance, a media URL), so
 * by default loopback, private, link-local and multicast addresses are refused: a user must not be
 * able to make the server probe its own network (SSRF). Tests and single-machine set-ups with a
 * local peer allow them explicitly ({@code RAPPORT_ALLOW_PRIVATE_HOSTS=true}).
 */
public record OutboundPolicy(boolean allowPrivateAddresses) {

  public static final OutboundPolicy PUBLIC_ONLY = new OutboundPolicy(false);
  public static final OutboundPolicy ANY_HOST = new OutboundPolicy(true);

  /** Throws {@link RefusedHostException} unless every address of the URI's host may be called. */
  public void check(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new RefusedHostException("only http and https URLs may be called: " + uri);
    }
    if (uri.getHost() == null) {
      throw new RefusedHostException("the URL has no host: " + uri);
    }
    if (allowPrivateAddresses) {
      return;
    }
    try {
      for (InetAddress address : InetAddress.getAllByName(uri.getHost())) {
        if (address.isLoopbackAddress()
            || address.isSiteLocalAddress()
            || address.isLinkLocalAddress()
            || address.isAnyLocalAddress()
            || address.isMulticastAddress()
            || isUniqueLocalV6(address)) {
          throw new RefusedHostException(
              uri.getHost()
                  + " resolves to a private or local address ("
                  + address.getHostAddress()
                  + "); Rapport only calls public hosts");
        }
      }
    } catch (UnknownHostException e) {
      throw new RefusedHostException("unknown host " + uri.getHost());
    }
  }

  /**
   * The same rule without a DNS lookup, for addresses users type into settings: refuses {@code
   * localhost} and literal private addresses at once; names are checked again, resolved, on every
   * call ({@link #check}).
   */
  public void checkTyped(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase();
    if (!scheme.equals("https") && !scheme.equals("http")) {
      throw new RefusedHostException("only http and https URLs may be called: " + uri);
    }
    String host = uri.getHost();
    if (host == null) {
      throw new RefusedHostException("the URL has no host: " + uri);
    }
    if (allowPrivateAddresses) {
      return;
    }
    String h = host.toLowerCase(java.util.Locale.ROOT);
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      throw new RefusedHostException(host + " is a local address; Rapport only calls public hosts");
    }
    if (h.matches("[0-9.]+") || h.startsWith("[")) {
      check(uri); // a literal address: "resolving" it needs no DNS
    }
  }

  private static boolean isUniqueLocalV6(InetAddress address) {
    byte[] b = address.getAddress();
    return b.length == 16 && (b[0] & 0xfe) == 0xfc;
  }

  /** A call to a host the policy forbids. */
  public static final class RefusedHostException extends RuntimeException {
    public RefusedHostException(String message) {
      super(message);
    }
  }
}
