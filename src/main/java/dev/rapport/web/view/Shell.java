package dev.rapport.web.view;

import dev.rapport.workspace.Membership;
import dev.rapport.workspace.Role;
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
 *     "audience", "people", "focus", "compose", "posts", "calendar", "queue", "reports",
 *     "settings"), or null
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
    List<NavItem> items = new java.util.ArrayList<>();
    items.add(new NavItem("Dashboard", base, "dashboard"));
    items.add(new NavItem("Audience", base + "/audience", "audience"));
    items.add(new NavItem("People", base + "/people", "people"));
    items.add(new NavItem("Focus", base + "/focus", "focus"));
    // Viewers cannot write posts: no entry that would answer 403.
    if (workspaces.stream()
        .anyMatch(m -> m.workspace().id() == current.id() && m.role().atLeast(Role.AUTHOR))) {
      items.add(new NavItem("Compose", base + "/compose", "compose"));
    }
    items.add(new NavItem("Posts", base + "/posts", "posts"));
    items.add(new NavItem("Calendar", base + "/calendar", "calendar"));
    items.add(new NavItem("Queue", base + "/queue", "queue"));
    items.add(new NavItem("Reports", base + "/reports", "reports"));
    items.add(new NavItem("Settings", base + "/settings", "settings"));
    return List.copyOf(items);
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
