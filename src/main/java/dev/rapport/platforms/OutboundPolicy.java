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
        if (notPublic(address)) {
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
    // A trailing dot ("localhost.") names the same host.
    String h = host.toLowerCase(java.util.Locale.ROOT).replaceAll("\\.+$", "");
    if (h.equals("localhost") || h.endsWith(".localhost")) {
      throw new RefusedHostException(host + " is a local address; Rapport only calls public hosts");
    }
    if (h.matches("[0-9.]+") || h.startsWith("[")) {
      check(uri); // a literal address: "resolving" it needs no DNS
    }
  }

  /**
   * Loopback, private, link-local, multicast and reserved addresses, and the IPv6 forms that carry
   * an IPv4 address inside (IPv4-compatible, NAT64, 6to4), judged by the address they carry.
   * Carrier-grade NAT space (100.64.0.0/10) counts as private: overlay networks such as Tailscale
   * put a company's own machines there.
   */
  static boolean notPublic(InetAddress address) {
    if (address.isLoopbackAddress()
        || address.isSiteLocalAddress()
        || address.isLinkLocalAddress()
        || address.isAnyLocalAddress()
        || address.isMulticastAddress()) {
      return true;
    }
    byte[] b = address.getAddress();
    if (b.length == 4) {
      return reservedV4(b[0] & 0xff, b[1] & 0xff, b[2] & 0xff);
    }
    if ((b[0] & 0xfe) == 0xfc) {
      return true; // unique local fc00::/7
    }
    boolean zeroPrefix = true;
    for (int i = 0; i < 12; i++) {
      zeroPrefix &= b[i] == 0;
    }
    boolean nat64 =
        (b[0] & 0xff) == 0x00
            && (b[1] & 0xff) == 0x64
            && (b[2] & 0xff) == 0xff
            && (b[3] & 0xff) == 0x9b;
    if (zeroPrefix || nat64) {
      return reservedV4(b[12] & 0xff, b[13] & 0xff, b[14] & 0xff)
          || (b[12] | b[13] | b[14] | b[15]) == 0;
    }
    if ((b[0] & 0xff) == 0x20 && (b[1] & 0xff) == 0x02) {
      return reservedV4(b[2] & 0xff, b[3] & 0xff, b[4] & 0xff); // 6to4 2002::/16
    }
    return false;
  }

  /**
   * 0/8, 10/8, 100.64/10, 127/8, 169.254/16, 172.16/12, 192.0.0/24, 192.168/16, 198.18/15, 224/3.
   */
  private static boolean reservedV4(int a, int b, int c) {
    return a == 0
        || a == 10
        || (a == 100 && (b & 0xc0) == 64)
        || a == 127
        || (a == 169 && b == 254)
        || (a == 172 && (b & 0xf0) == 16)
        || (a == 192 && b == 0 && c == 0)
        || (a == 192 && b == 168)
        || (a == 198 && (b & 0xfe) == 18)
        || a >= 224;
  }

  /** A call to a host the policy forbids. */
  public static final class RefusedHostException extends RuntimeException {
    public RefusedHostException(String message) {
      super(message);
    }
  }
}
