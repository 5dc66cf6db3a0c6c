package dev.rapport.web;

import dev.rapport.workspace.PasswordHasher;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.SecurityLog;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import dev.rapport.workspace.Workspaces;
import io.javalin.http.ConflictResponse;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.NotFoundResponse;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.NoSuchElementException;

/**
 * Users and roles of a workspace, for the settings page and the API. The rule: <b>owners</b> add,
 * change and remove anyone with any role; <b>managers</b> only touch viewers and authors (the
 * member's current role and the new one must both be below manager), so that a manager can neither
 * make nor unmake a peer or an owner. The last owner is never demoted or removed (checked by {@link
 * Workspaces#changeRole} in one transaction). Every change goes to the security log. Thread-safe.
 */
final class Members {

  static final int MAX_EMAIL = 254;
  static final int MAX_NAME = 100;

  private final Workspaces workspaces;
  private final PasswordHasher passwords;
  private final SecurityLog log;
  private final SecureRandom random;

  Members(Workspaces workspaces, PasswordHasher passwords, SecurityLog log, SecureRandom random) {
    this.workspaces = workspaces;
    this.passwords = passwords;
    this.log = log;
    this.random = random;
  }

  /**
   * A member added.
   *
   * @param password the new account's first password, shown once; null when the account existed
   */
  record Added(User user, Role role, String password) {}

  List<Workspaces.Member> list(Workspace ws) {
    return workspaces.members(ws.id());
  }

  Added add(Context ctx, String email, String roleCode, String displayName) {
    Member actor = Guard.member(ctx);
    Workspace ws = actor.workspace();
    String address = email(email);
    Role role = role(roleCode);
    mayGive(actor, role);
    User user = workspaces.userByEmail(address).orElse(null);
    String password = null;
    if (user != null && workspaces.role(ws.id(), user.id()).isPresent()) {
      throw new ConflictResponse(address + " is already a member of " + ws.name() + ".");
    }
    if (user == null) {
      String name = name(displayName, address);
      // 128 random bits, shown once to the person adding the account, never stored in plain text.
      byte[] secret = new byte[16];
      random.nextBytes(secret);
      password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
      user = workspaces.createUser(address, name, passwords.hash(password));
    }
    workspaces.grant(ws.id(), user.id(), role);
    SecurityEvents.record(
        log,
        ctx,
        "member.added",
        address + " as " + role.code() + (password == null ? "" : " (new account)"));
    return new Added(user, role, password);
  }

  User change(Context ctx, long userId, String roleCode) {
    Member actor = Guard.member(ctx);
    Workspace ws = actor.workspace();
    Role role = role(roleCode);
    User user = user(ws, userId);
    Role current = workspaces.role(ws.id(), userId).orElseThrow();
    mayTouch(actor, current);
    mayGive(actor, role);
    if (current == role) {
      return user;
    }
    if (!changed(() -> workspaces.changeRole(ws.id(), userId, role))) {
      throw lastOwner(user, ws);
    }
    SecurityEvents.record(
        log,
        ctx,
        "member.role_changed",
        user.email() + ": " + current.code() + " → " + role.code());
    return user;
  }

  void remove(Context ctx, long userId) {
    Member actor = Guard.member(ctx);
    Workspace ws = actor.workspace();
    User user = user(ws, userId);
    Role current = workspaces.role(ws.id(), userId).orElseThrow();
    mayTouch(actor, current);
    if (!changed(() -> workspaces.removeMember(ws.id(), userId))) {
      throw lastOwner(user, ws);
    }
    SecurityEvents.record(log, ctx, "member.removed", user.email() + " (" + current.code() + ")");
  }

  private static boolean changed(java.util.function.BooleanSupplier change) {
    try {
      return change.getAsBoolean();
    } catch (NoSuchElementException e) {
      throw new NotFoundResponse("No such member.");
    }
  }

  private static ConflictResponse lastOwner(User user, Workspace ws) {
    return new ConflictResponse(
        user.email()
            + " is the last owner of "
            + ws.name()
            + "; make someone else an owner first.");
  }

  /** A member of this workspace; a user of another workspace is as unknown as a missing one. */
  private User user(Workspace ws, long userId) {
    if (workspaces.role(ws.id(), userId).isEmpty()) {
      throw new NotFoundResponse("No such member.");
    }
    return workspaces.user(userId).orElseThrow(() -> new NotFoundResponse("No such member."));
  }

  private static void mayTouch(Member actor, Role current) {
    if (actor.role() != Role.OWNER && current.atLeast(Role.MANAGER)) {
      throw new ForbiddenResponse("Only an owner may change or remove a " + current.code() + ".");
    }
  }

  private static void mayGive(Member actor, Role role) {
    if (actor.role() != Role.OWNER && role.atLeast(Role.MANAGER)) {
      throw new ForbiddenResponse("Only an owner may make someone a " + role.code() + ".");
    }
  }

  static Role role(String code) {
    try {
      return Role.fromCode(code == null ? "" : code);
    } catch (IllegalArgumentException e) {
      throw Invalid.field("role", "Choose a role: viewer, author, manager or owner.");
    }
  }

  static String email(String raw) {
    String e = raw == null ? "" : raw.strip().toLowerCase(Locale.ROOT);
    if (e.length() > MAX_EMAIL || !e.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      throw Invalid.field(
          "email",
          "'"
              + (raw == null ? "" : raw.strip())
              + "' is not an e-mail address. Write one such as ana@example.com.");
    }
    return e;
  }

  private static String name(String raw, String email) {
    String n = raw == null ? "" : raw.strip();
    if (n.isEmpty()) {
      return email.substring(0, email.indexOf('@'));
    }
    if (n.length() > MAX_NAME || n.chars().anyMatch(Character::isISOControl)) {
      throw Invalid.field(
          "displayName", "A name holds at most " + MAX_NAME + " characters on one line.");
    }
    return n;
  }
}
