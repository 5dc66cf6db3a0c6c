package dev.rapport.web.view;

import dev.rapport.authenticity.Category;
import dev.rapport.people.Directory;
import dev.rapport.people.Identity;
import dev.rapport.people.Stage;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.Workspace;
import java.util.List;
import java.util.Map;

/**
 * The people of a workspace, filtered and paged.
 *
 * @param filters the filter values as given (parameter → value), for the form
 * @param filterQuery the same as a query string, for links that keep them
 */
public record PeopleView(
    Workspace workspace,
    Directory.Page page,
    int offset,
    int pageSize,
    Map<String, String> filters,
    String filterQuery) {

  public PeopleView {
    filters = Map.copyOf(filters);
  }

  /** A choice of the "last engagement" filter. */
  public record Choice(String value, String label) {}

  public static final List<Choice> ENGAGED =
      List.of(
          new Choice("", "Any time"),
          new Choice("7d", "In the last 7 days"),
          new Choice("30d", "In the last 30 days"),
          new Choice("90d", "In the last 90 days"),
          new Choice("quiet-90d", "Not in the last 90 days"),
          new Choice("never", "Never"));

  public String filter(String name) {
    return filters.getOrDefault(name, "");
  }

  public boolean selected(String name, String value) {
    return filter(name).equals(value);
  }

  public boolean filtered() {
    return !filters.isEmpty();
  }

  public List<Stage> stages() {
    return List.of(Stage.values());
  }

  public List<Category> verdicts() {
    return List.of(Category.values());
  }

  public List<Platform> platforms() {
    return List.of(Platform.values());
  }

  public List<Choice> engagedChoices() {
    return ENGAGED;
  }

  public String base() {
    return "/w/" + workspace.slug() + "/people";
  }

  public String personHref(long personId) {
    return base() + "/" + personId;
  }

  public String name(Directory.Listed l) {
    return PersonNames.of(l.person(), l.identities());
  }

  public String handle(Identity i) {
    return PersonNames.handle(i);
  }

  public String count(long n) {
    return Figures.count(n);
  }

  public boolean hasPrevious() {
    return offset > 0;
  }

  public boolean hasNext() {
    return offset + page.people().size() < page.total();
  }

  public String previousHref() {
    return pageHref(Math.max(0, offset - pageSize));
  }

  public String nextHref() {
    return pageHref(offset + pageSize);
  }

  private String pageHref(int at) {
    return base() + "?" + (filterQuery.isEmpty() ? "" : filterQuery + "&") + "offset=" + at;
  }

  public String range() {
    if (page.people().isEmpty()) {
      return "0 of " + Figures.count(page.total());
    }
    return Figures.count(offset + 1)
        + "–"
        + Figures.count(offset + page.people().size())
        + " of "
        + Figures.count(page.total());
  }
}
