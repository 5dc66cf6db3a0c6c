package dev.rapport.web;

import dev.rapport.web.view.AccountSecurityView;
import dev.rapport.workspace.Membership;
import dev.rapport.workspace.PasswordHasher;
import dev.rapport.workspace.PasswordPolicy;
import dev.rapport.workspace.SecurityLog;
import dev.rapport.workspace.Sessions;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspaces;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The signed-in person's own sign-in: change the password (the current one is asked again, and the
 * failures count against the same limit as sign-ins) and sign out everywhere. A changed password
 * ends every other session and starts a fresh one here. Browsers only: a program's token cannot
 * reach these paths. Thread-safe.
 */
final class AccountRoutes {

  private static final Logger LOG = LoggerFactory.getLogger(AccountRoutes.class);

  static final String WRONG_CURRENT = "Your current password is not right.";
  static final String CHANGED = "Your password is changed. Every other sign-in of yours has ended.";
  static final String ENDED_ONE = "That sign-in has ended.";

  private final Workspaces workspaces;
  private final PasswordHasher passwords;
  private final PasswordPolicy policy;
  private final Sessions sessions;
  private final SecurityLog securityLog;
  private final LoginThrottle throttle;
  private final Cookies cookies;
  private final Pages pages;
  private final WebSettings settings;

  AccountRoutes(
      Workspaces workspaces,
      PasswordHasher passwords,
      PasswordPolicy policy,
      Sessions sessions,
      SecurityLog securityLog,
      LoginThrottle throttle,
      Cookies cookies,
      Pages pages,
      WebSettings settings) {
    this.workspaces = workspaces;
    this.passwords = passwords;
    this.policy = policy;
    this.sessions = sessions;
    this.securityLog = securityLog;
    this.throttle = throttle;
    this.cookies = cookies;
    this.pages = pages;
    this.settings = settings;
  }

  void register(Javalin app) {
    app.get("/me", this::page, Access.SIGNED_IN);
    app.post("/me/password", this::changePassword, Access.SIGNED_IN);
    app.post("/me/sessions/close", this::signOutEverywhere, Access.SIGNED_IN);
    app.post("/me/sessions/{handle}/close", this::endOne, Access.SIGNED_IN);
  }

  private void page(Context ctx) {
    String notice =
        switch (Optional.ofNullable(ctx.queryParam("changed")).orElse("")) {
          case "password" -> CHANGED;
          case "session" -> ENDED_ONE;
          default -> null;
        };
    show(ctx, 200, notice, null);
  }

  private void changePassword(Context ctx) {
    User user = Guard.caller(ctx).orElseThrow().user();
    String current = Optional.ofNullable(ctx.formParam("current")).orElse("");
    String password = Optional.ofNullable(ctx.formParam("password")).orElse("");
    String confirm = Optional.ofNullable(ctx.formParam("confirm")).orElse("");
    String account = "account:" + user.email().toLowerCase(Locale.ROOT);
    Optional<Duration> wait = throttle.wait(account, settings.accountFailuresPerWindow());
    if (wait.isPresent()) {
      long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
      ctx.header("Retry-After", String.valueOf(seconds));
      show(ctx, 429, null, "Too many wrong passwords. Try again in " + seconds + " seconds.");
      return;
    }
    String stored = workspaces.passwordHash(user.id()).orElse("");
    if (!passwords.matches(current, stored)) {
      throttle.failed(account);
      LOG.atInfo()
          .addKeyValue("user", user.id())
          .addKeyValue("ip", ctx.ip())
          .log("password change refused: wrong current password");
      show(ctx, 403, null, WRONG_CURRENT);
      return;
    }
    if (!password.equals(confirm)) {
      show(ctx, 422, null, "The two new passwords are not the same.");
      return;
    }
    if (policy.check(password, List.of(user.email(), user.displayName()))
        instanceof PasswordPolicy.Refused refused) {
      show(ctx, 422, null, refused.reason());
      return;
    }
    workspaces.changePassword(user.id(), passwords.hash(password));
    // Whoever else holds a session (a stolen cookie, a forgotten browser) is out; this one starts
    // afresh.
    int ended = Math.max(0, sessions.closeAll(user.id()) - 1);
    Sessions.Opened opened = sessions.open(user.id(), settings.firstSessionLease());
    cookies.setSession(ctx, opened.token(), settings.sessionTtl());
    record(user, "password.changed", "other sign-ins ended: " + ended);
    LOG.atInfo()
        .addKeyValue("user", user.id())
        .addKeyValue("ended", ended)
        .addKeyValue("ip", ctx.ip())
        .log("password changed");
    ctx.redirect("/me?changed=password", HttpStatus.SEE_OTHER);
  }

  private void signOutEverywhere(Context ctx) {
    User user = Guard.caller(ctx).orElseThrow().user();
    int ended = sessions.closeAll(user.id());
    cookies.clearSession(ctx);
    ctx.header("Clear-Site-Data", "\"cache\", \"storage\"");
    record(user, "sessions.closed", "signed out everywhere: " + ended + " sign-ins ended");
    LOG.atInfo()
        .addKeyValue("user", user.id())
        .addKeyValue("ended", ended)
        .log("signed out everywhere");
    ctx.redirect("/login", HttpStatus.SEE_OTHER);
  }

  private void endOne(Context ctx) {
    User user = Guard.caller(ctx).orElseThrow().user();
    String handle = ctx.pathParam("handle");
    boolean current =
        sessions.active(user.id(), cookies.session(ctx)).stream()
            .anyMatch(a -> a.current() && a.handle().equals(handle));
    // Someone else's handle, or an ended session, is simply not found among this person's.
    if (!sessions.close(user.id(), handle)) {
      throw new io.javalin.http.NotFoundResponse("You have no such sign-in.");
    }
    record(user, "session.closed", current ? "this browser" : "another sign-in");
    LOG.atInfo().addKeyValue("user", user.id()).log("signed out one session");
    if (current) {
      cookies.clearSession(ctx);
      ctx.redirect("/login", HttpStatus.SEE_OTHER);
      return;
    }
    ctx.redirect("/me?changed=session", HttpStatus.SEE_OTHER);
  }

  /** In the security log of every workspace the person belongs to: their managers see it. */
  private void record(User user, String action, String detail) {
    for (Membership m : workspaces.memberships(user.id())) {
      securityLog.record(m.workspace().id(), user.id(), user.email(), action, detail);
    }
  }

  private static User user(Context ctx) {
    return Guard.caller(ctx).orElseThrow().user();
  }

  private void show(Context ctx, int status, String notice, String error) {
    ctx.status(status);
    pages.render(
        ctx,
        "me.jte",
        pages.shell(ctx, "Your sign-in", null),
        new AccountSecurityView(
            notice,
            error,
            PasswordPolicy.MIN_LENGTH,
            PasswordPolicy.MAX_LENGTH,
            sessions.active(user(ctx).id(), cookies.session(ctx))));
  }
}
