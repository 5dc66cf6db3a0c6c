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
 * @param section which part of the workspace navigation the page belongs to ("dashboard",
 *     "audience", "people", "focus", "settings"), or null
 */
public record Shell(
    String title,
    User user,
    String csrf,
    List<Membership> workspaces,
    Workspace current,
    String section) {

  public Shell {
    workspaces = workspaces == null ? List.of() : List.copyOf(workspaces);
  }

  public Shell(
      String title, User user, String csrf, List<Membership> workspaces, Workspace current) {
    this(title, user, csrf, workspaces, current, current == null ? null : "dashboard");
  }

  /** The same frame with another navigation entry marked as current. */
  public Shell in(String section) {
    return new Shell(title, user, csrf, workspaces, current, section);
  }

  /** The workspace navigation: label, address and section of each entry. */
  public record NavItem(String label, String href, String section) {}

  public List<NavItem> nav() {
    if (current == null || user == null) {
      return List.of();
    }
    String base = "/w/" + current.slug();
    return List.of(
        new NavItem("Dashboard", base, "dashboard"),
        new NavItem("Audience", base + "/audience", "audience"),
        new NavItem("People", base + "/people", "people"),
        new NavItem("Focus", base + "/focus", "focus"),
        new NavItem("Reports", base + "/reports", "reports"),
        new NavItem("Settings", base + "/settings", "settings"));
  }

  /** {@code aria-current} for a navigation entry: "page" when it is this page's section. */
  public String currentOf(NavItem item) {
    return item.section().equals(section) ? "page" : null;
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
