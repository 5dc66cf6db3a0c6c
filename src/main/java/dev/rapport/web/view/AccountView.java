package dev.rapport.web.view;

import dev.rapport.people.Audits.FlaggedIdentity;
import dev.rapport.workspace.Workspace;

/** One account of the audience with its current verdict, confidence and reasons in plain words. */
public record AccountView(Workspace workspace, FlaggedIdentity account) {

  public String name() {
    if (account.handle() != null) {
      return account.handle();
    }
    return account.platformUserId() != null ? account.platformUserId() : "account";
  }

  public String percent(double share) {
    return Figures.percent(share);
  }
}
