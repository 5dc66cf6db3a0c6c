package dev.rapport.web;

import dev.rapport.workspace.ApiTokens.ApiToken;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.Sessions.Session;
import dev.rapport.workspace.User;
import java.util.Optional;

/** Who is calling: a signed-in browser (session) or a program (API token). */
sealed interface Caller {

  User user();

  /** The most this credential may do in a workspace the user belongs to with {@code role}. */
  Optional<Role> cap(long workspaceId, Role role);

  record Browser(User user, Session session) implements Caller {
    @Override
    public Optional<Role> cap(long workspaceId, Role role) {
      return Optional.of(role);
    }
  }

  /** A token acts only in its own workspace, and never above the role it was issued with. */
  record Program(User user, ApiToken token) implements Caller {
    @Override
    public Optional<Role> cap(long workspaceId, Role role) {
      if (token.workspaceId() != workspaceId) {
        return Optional.empty();
      }
      return Optional.of(role.atLeast(token.role()) ? token.role() : role);
    }
  }
}
