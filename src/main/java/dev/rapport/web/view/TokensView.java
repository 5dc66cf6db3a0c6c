package dev.rapport.web.view;

import dev.rapport.workspace.ApiTokens.ApiToken;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.Workspace;
import java.util.List;

/**
 * The API token settings of a workspace.
 *
 * @param grantable the roles the viewer may give a new token (never above their own)
 * @param newToken a token just issued, shown this once; null otherwise
 * @param typed the creation form just refused ({@code issue}), as typed; or {@link TypedForm#NONE}
 */
public record TokensView(
    Workspace workspace,
    List<ApiToken> tokens,
    List<Role> grantable,
    String newToken,
    TypedForm typed) {

  public TokensView {
    tokens = List.copyOf(tokens);
    grantable = List.copyOf(grantable);
  }
}
