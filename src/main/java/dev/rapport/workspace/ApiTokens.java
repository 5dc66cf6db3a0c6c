package dev.rapport.workspace;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * API tokens for programs. Each is scoped to one workspace and acts for the user who created it,
 * with at most the role it was issued with. Only the SHA-256 of a token is stored. Implementations
 * are thread-safe.
 */
public interface ApiTokens {

  /** The prefix of every token, so that leaked ones are easy to recognise and scan for. */
  String PREFIX = "rpt_";

  /** Creates a token; the secret is in the result and nowhere else. */
  Issued issue(long workspaceId, long userId, String name, Role role);

  /** The token's grant, if the token exists and is not revoked. */
  Optional<ApiToken> find(String token);

  /** The workspace's live tokens, newest first. */
  List<ApiToken> list(long workspaceId);

  /** Revokes a token of the workspace; false when there was none. */
  boolean revoke(long workspaceId, long tokenId);

  /** What a token grants: acting as {@code userId} in {@code workspaceId}, up to {@code role}. */
  record ApiToken(
      long id, long workspaceId, long userId, String name, Role role, Instant createdAt) {}

  /** A new token and its secret. */
  record Issued(String token, ApiToken grant) {}
}
