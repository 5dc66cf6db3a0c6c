package dev.rapport.web.view;

import dev.rapport.people.BrandAction;
import dev.rapport.people.FocusItem;
import dev.rapport.people.FocusKind;
import dev.rapport.people.FocusReason;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.Workspace;
import java.util.List;
import java.util.Map;

/**
 * Today's focus list: the real people to engage with, each with the reasons.
 *
 * @param done the person just marked done, for the notice; or null
 */
public record FocusView(
    Workspace workspace, Role role, List<FocusItem> items, Map<Long, Channel> channels, Done done) {

  /** A person whose reason was just marked done: it is on their timeline now. */
  public record Done(long personId, String name) {}

  public FocusView {
    items = List.copyOf(items);
    channels = Map.copyOf(channels);
  }

  public boolean canAct() {
    return role.atLeast(Role.AUTHOR);
  }

  public List<BrandAction> actions() {
    return List.of(BrandAction.values());
  }

  /** What one usually does about a reason: the action the form proposes. */
  public BrandAction usual(FocusReason r) {
    return switch (r.kind()) {
      case UNANSWERED -> BrandAction.REPLIED;
      case THANK_ADVOCATE -> BrandAction.THANKED;
      case CLOSE_TO_BUYING -> BrandAction.OFFERED;
      case SLIPPING -> BrandAction.MESSAGED;
    };
  }

  public String label(FocusKind k) {
    return switch (k) {
      case UNANSWERED -> "Waiting for an answer";
      case CLOSE_TO_BUYING -> "Close to buying";
      case SLIPPING -> "Slipping away";
      case THANK_ADVOCATE -> "Thank them";
    };
  }

  public String personHref(long id) {
    return "/w/" + workspace.slug() + "/people/" + id;
  }

  public String doneHref(long id) {
    return "/w/" + workspace.slug() + "/focus/" + id + "/done";
  }

  public String channel(Long id) {
    Channel c = id == null ? null : channels.get(id);
    return c == null ? "" : c.platform().code() + " · " + c.handle();
  }

  public String score(double s) {
    return String.format(java.util.Locale.UK, "%.1f", s);
  }
}
