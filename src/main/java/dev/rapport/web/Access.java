package dev.rapport.web;

import dev.rapport.workspace.Role;
import io.javalin.security.RouteRole;
import java.util.Set;

/**
 * Who may call a route. Every route carries exactly one; {@link Guard} refuses to serve a route
 * without one, and a test enumerates the registered routes to catch them before they ship.
 */
public enum Access implements RouteRole {
  /** Anyone, signed in or not. */
  PUBLIC(null),
  /** Any signed-in user; no workspace in the path. */
  SIGNED_IN(null),
  /** Members of the workspace in the path ({@code {slug}}) with at least this role. */
  VIEWER(Role.VIEWER),
  AUTHOR(Role.AUTHOR),
  MANAGER(Role.MANAGER),
  OWNER(Role.OWNER);

  private final Role minimumRole;

  Access(Role minimumRole) {
    this.minimumRole = minimumRole;
  }

  /** The least workspace role the route needs; null for routes outside a workspace. */
  public Role minimumRole() {
    return minimumRole;
  }

  public boolean needsWorkspace() {
    return minimumRole != null;
  }

  /** The one classification among a route's roles; empty when there is none or more than one. */
  static java.util.Optional<Access> of(Set<RouteRole> roles) {
    var found = roles.stream().filter(Access.class::isInstance).map(Access.class::cast).toList();
    return found.size() == 1 ? java.util.Optional.of(found.get(0)) : java.util.Optional.empty();
  }
}
