package dev.rapport.web.view;

import dev.rapport.people.Identity;
import dev.rapport.people.Person;
import java.util.List;

/** What to call a person or an identity when the profile gives no name. */
public final class PersonNames {

  private PersonNames() {}

  public static String of(Person p, List<Identity> identities) {
    if (p.displayName() != null && !p.displayName().isBlank()) {
      return p.displayName();
    }
    for (Identity i : identities) {
      if (i.displayName() != null && !i.displayName().isBlank()) {
        return i.displayName();
      }
    }
    return identities.isEmpty() ? "Person " + p.id() : handle(identities.get(0));
  }

  public static String handle(Identity i) {
    return i.handle() != null && !i.handle().isBlank() ? i.handle() : i.platformUserId();
  }
}
