package dev.rapport.web.view;

import dev.rapport.workspace.Membership;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.util.List;

/**
 * What every page's frame shows: the title, who is signed in, their workspaces (the switcher), the
 * current one, and the CSRF token forms and htmx requests send back.
 *
 * @param user null on pages for signed-out visitors
 * @param current null outside a workspace
 */
public record Shell(
    String title, User user, String csrf, List<Membership> workspaces, Workspace current) {

  public Shell {
    workspaces = workspaces == null ? List.of() : List.copyOf(workspaces);
  }

  public static Shell signedOut(String title) {
    return new Shell(title, null, null, List.of(), null);
  }

  public boolean signedIn() {
    return user != null;
  }

  public boolean isCurrent(Workspace w) {
    return current != null && current.id() == w.id();
  }

  /** The htmx header configuration that attaches the CSRF token to every htmx request. */
  public String htmxHeaders() {
    return csrf == null ? "{}" : "{\"X-CSRF-Token\": \"" + csrf + "\"}";
  }
}
