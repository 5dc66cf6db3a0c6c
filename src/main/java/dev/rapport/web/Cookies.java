package dev.rapport.web;

import io.javalin.http.Context;
import java.time.Duration;

/**
 * The two cookies Rapport sets: the session token, and before sign-in a CSRF token for the sign-in
 * form (double-submit). Both HttpOnly and SameSite=Lax; Secure over HTTPS or when configured. Over
 * HTTPS the session cookie is named with the {@code __Host-} prefix, which browsers accept only
 * when Secure, for Path=/ and without a Domain: a sibling subdomain cannot plant or shadow it.
 */
final class Cookies {

  static final String SESSION = "rapport_session";
  static final String SECURE_SESSION = "__Host-" + SESSION;
  static final String LOGIN_CSRF = "rapport_login_csrf";

  private final boolean alwaysSecure;

  Cookies(boolean alwaysSecure) {
    this.alwaysSecure = alwaysSecure;
  }

  /** The session cookie's name for this request: prefixed when the cookie is Secure. */
  String sessionName(Context ctx) {
    return secure(ctx) ? SECURE_SESSION : SESSION;
  }

  /** The session token the browser sent, or null. */
  String session(Context ctx) {
    return ctx.cookie(sessionName(ctx));
  }

  void setSession(Context ctx, String token, Duration maxAge) {
    set(ctx, sessionName(ctx), token, maxAge);
  }

  void clearSession(Context ctx) {
    clear(ctx, sessionName(ctx));
  }

  private boolean secure(Context ctx) {
    return alwaysSecure || "https".equalsIgnoreCase(ctx.scheme());
  }

  void set(Context ctx, String name, String value, Duration maxAge) {
    ctx.res().addHeader("Set-Cookie", header(ctx, name, value, maxAge.toSeconds()));
  }

  void clear(Context ctx, String name) {
    ctx.res().addHeader("Set-Cookie", header(ctx, name, "", 0));
  }

  private String header(Context ctx, String name, String value, long maxAgeSeconds) {
    StringBuilder b =
        new StringBuilder()
            .append(name)
            .append('=')
            .append(value)
            .append("; Path=/; Max-Age=")
            .append(maxAgeSeconds)
            .append("; HttpOnly; SameSite=Lax");
    if (secure(ctx)) {
      b.append("; Secure");
    }
    return b.toString();
  }
}
