package dev.rapport.web;

import dev.rapport.workspace.SecurityLog;
import io.javalin.http.Context;

/** Records a sensitive action of the signed-in caller in the workspace's security log. */
final class SecurityEvents {

  private SecurityEvents() {}

  static void record(SecurityLog log, Context ctx, String action, String detail) {
    Member m = Guard.member(ctx);
    Caller caller = Guard.caller(ctx).orElseThrow();
    String actor = caller.user().email() + (caller instanceof Caller.Program ? " (API token)" : "");
    log.record(m.workspace().id(), caller.user().id(), actor, action, detail);
  }
}
