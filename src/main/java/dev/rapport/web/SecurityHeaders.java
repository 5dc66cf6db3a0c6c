package dev.rapport.web;

import io.javalin.http.Context;

/**
 * Headers on every response. The Content-Security-Policy allows scripts and styles from this origin
 * only: page data travels in {@code <script type="application/json">} blocks read by local scripts,
 * never as inline code.
 */
final class SecurityHeaders {

  static final String CONTENT_SECURITY_POLICY =
      String.join(
          "; ",
          "default-src 'self'",
          "script-src 'self'",
          "style-src 'self'",
          "img-src 'self' data:",
          "font-src 'self'",
          "connect-src 'self'",
          "object-src 'none'",
          "base-uri 'none'",
          "form-action 'self'",
          "frame-ancestors 'none'");

  private SecurityHeaders() {}

  static void apply(Context ctx) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    ctx.header("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
    if (!Guard.isAsset(ctx)) {
      // Pages carry personal data and CSRF tokens: never keep them in shared caches.
      ctx.header("Cache-Control", "no-store");
    }
  }
}
