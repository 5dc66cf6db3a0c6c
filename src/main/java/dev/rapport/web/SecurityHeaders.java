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

  /** Two years, as the HSTS preload list asks; only ever sent over HTTPS or behind TLS. */
  static final String STRICT_TRANSPORT_SECURITY = "max-age=63072000; includeSubDomains";

  private final boolean behindTls;

  /**
   * @param behindTls the operator says every request reaches users over HTTPS (a TLS-terminating
   *     proxy in front; {@link WebSettings#secureCookies}), even when it arrives here as HTTP
   */
  SecurityHeaders(boolean behindTls) {
    this.behindTls = behindTls;
  }

  void apply(Context ctx) {
    applyCommon(ctx);
    if (behindTls || "https".equalsIgnoreCase(ctx.scheme())) {
      ctx.header("Strict-Transport-Security", STRICT_TRANSPORT_SECURITY);
    }
    if (ctx.path().startsWith("/api/")) {
      // A JSON answer opened in a browser tab is downloaded, never rendered (ASVS 14.4.2).
      ctx.header("Content-Disposition", "attachment; filename=\"api.json\"");
    }
  }

  static void applyCommon(Context ctx) {
    ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    ctx.header("X-Content-Type-Options", "nosniff");
    ctx.header("Referrer-Policy", "same-origin");
    ctx.header("X-Frame-Options", "DENY");
    ctx.header("Cross-Origin-Opener-Policy", "same-origin");
    ctx.header(
        "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=(), usb=()");
    ctx.header("Cross-Origin-Resource-Policy", "same-origin");
    if (!Guard.isAsset(ctx)) {
      // Pages carry personal data and CSRF tokens: never keep them in shared caches.
      ctx.header("Cache-Control", "no-store");
    }
  }
}
