package dev.rapport.web;

import dev.rapport.web.view.LoginView;
import dev.rapport.web.view.Shell;
import dev.rapport.workspace.PasswordHasher;
import dev.rapport.workspace.Sessions;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspaces;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sign in and sign out. Thread-safe. */
final class LoginRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(LoginRoutes.class);
  private static final Duration LOGIN_FORM_LIFETIME = Duration.ofHours(2);
  static final String WRONG = "The email or password is not right.";

  private final Workspaces workspaces;
  private final PasswordHasher passwords;
  private final Sessions sessions;
  private final LoginThrottle throttle;
  private final Cookies cookies;
  private final Pages pages;
  private final WebSettings settings;
  private final SecureRandom random;

  /** Checked when the email is unknown, so that a miss costs as long as a wrong password. */
  private final String decoyHash;

  LoginRoutes(
      Workspaces workspaces,
      PasswordHasher passwords,
      Sessions sessions,
      LoginThrottle throttle,
      Cookies cookies,
      Pages pages,
      WebSettings settings,
      SecureRandom random) {
    this.workspaces = workspaces;
    this.passwords = passwords;
    this.sessions = sessions;
    this.throttle = throttle;
    this.cookies = cookies;
    this.pages = pages;
    this.settings = settings;
    this.random = random;
    this.decoyHash = passwords.hash(token());
  }

  void register(Javalin app) {
    app.get("/login", this::form, Access.PUBLIC);
    app.post("/login", this::signIn, Access.PUBLIC);
    app.post("/logout", this::signOut, Access.SIGNED_IN);
  }

  private void form(Context ctx) {
    String next = safeNext(ctx.queryParam("next"));
    if (Guard.caller(ctx).isPresent()) {
      ctx.redirect(next, HttpStatus.SEE_OTHER);
      return;
    }
    show(ctx, 200, "", null, next);
  }

  private void signIn(Context ctx) {
    String email = Optional.ofNullable(ctx.formParam("email")).orElse("").strip();
    String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
    String next = safeNext(ctx.formParam("next"));
    String account = "account:" + email.toLowerCase(Locale.ROOT);
    String address = "address:" + ctx.ip();
    Optional<Duration> wait =
        throttle
            .wait(account, settings.accountFailuresPerWindow())
            .or(() -> throttle.wait(address, settings.addressFailuresPerWindow()));
    if (wait.isPresent()) {
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      LOG.atWarn()
          .addKeyValue("account", loggable(email))
          .addKeyValue("ip", ctx.ip())
          .log("sign-in refused: too many failures");
      ctx.header("Retry-After", String.valueOf(seconds));
      show(
          ctx, 429, email, "Too many failed sign-ins. Try again in " + seconds + " seconds.", next);
      return;
    }
    Optional<User> user = workspaces.userByEmail(email);
    String stored = user.flatMap(u -> workspaces.passwordHash(u.id())).orElse(decoyHash);
    boolean ok = passwords.matches(password, stored) && user.isPresent();
    if (!ok) {
      throttle.failed(account);
      throttle.failed(address);
      // The address tried, never the password; whether the account exists is in the log only.
      LOG.atInfo()
          .addKeyValue("account", loggable(email))
          .addKeyValue("known", user.isPresent())
          .addKeyValue("ip", ctx.ip())
          .log("sign-in failed");
      show(ctx, 401, email, WRONG, next);
      return;
    }
    throttle.forget(account);
    // A fresh token at every sign-in: a token planted before sign-in (fixation) is worthless.
    sessions.close(cookies.session(ctx));
    // Expired sessions are refused anyway; sweeping them here keeps the table from growing forever.
    sessions.closeExpired();
    Sessions.Opened opened = sessions.open(user.get().id(), settings.firstSessionLease());
    cookies.setSession(ctx, opened.token(), settings.sessionTtl());
    cookies.clear(ctx, Cookies.LOGIN_CSRF);
    LOG.atInfo().addKeyValue("user", user.get().id()).addKeyValue("ip", ctx.ip()).log("signed in");
    ctx.redirect(next, HttpStatus.SEE_OTHER);
  }

  private void signOut(Context ctx) {
    sessions.close(cookies.session(ctx));
    cookies.clearSession(ctx);
    // Pages this browser kept (back button) and anything stored go with the session.
    ctx.header("Clear-Site-Data", "\"cache\", \"storage\"");
    Guard.caller(ctx)
        .ifPresent(c -> LOG.atInfo().addKeyValue("user", c.user().id()).log("signed out"));
    ctx.redirect("/login", HttpStatus.SEE_OTHER);
  }

  private void show(Context ctx, int status, String email, String error, String next) {
    String csrf = ctx.cookie(Cookies.LOGIN_CSRF);
    if (csrf == null || csrf.isBlank()) {
      csrf = token();
      cookies.set(ctx, Cookies.LOGIN_CSRF, csrf, LOGIN_FORM_LIFETIME);
    }
    ctx.status(status);
    pages.render(
        ctx, "login.jte", Shell.signedOut("Sign in"), new LoginView(email, error, csrf, next));
  }

  /** Only paths on this site: never an absolute or protocol-relative URL (open redirect). */
  static String safeNext(String next) {
    if (next == null
        || !next.startsWith("/")
        || next.startsWith("//")
        || next.startsWith("/\\")
        || next.chars().anyMatch(c -> c < 0x20)) {
      return "/";
    }
    return next;
  }

  /** What a stranger typed, made safe for a one-line log entry: printable and short. */
  static String loggable(String typed) {
    String s =
        typed
            .codePoints()
            .filter(c -> !Character.isISOControl(c))
            .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
            .toString();
    return s.length() > 254 ? s.substring(0, 254) + "…" : s;
  }

  private String token() {
    byte[] b = new byte[32];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }
}
