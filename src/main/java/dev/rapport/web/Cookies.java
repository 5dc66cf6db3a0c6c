package dev.rapport.web;

import io.javalin.http.Context;
import java.time.Duration;

/**
 * The two cookies Rapport sets: the session token, and before sign-in a CSRF token for the sign-in
 * form (double-submit). Both HttpOnly and SameSite=Lax; Secure over HTTPS or when configured.
 */
final class Cookies {

  static final String SESSION = "rapport_session";
  static final String LOGIN_CSRF = "rapport_login_csrf";

  private final boolean alwaysSecure;

  Cookies(boolean alwaysSecure) {
    this.alwaysSecure = alwaysSecure;
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
    if (alwaysSecure || "https".equalsIgnoreCase(ctx.scheme())) {
      b.append("; Secure");
    }
    return b.toString();
  }
}
