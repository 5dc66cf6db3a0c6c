package dev.rapport.workspace;

import java.time.Instant;
import java.util.List;

/**
 * The audit log of sensitive actions in a workspace (tokens issued and revoked, channels connected
 * and disconnected, roles granted): append-only, readable by managers and owners. Thread-safe.
 */
public interface SecurityLog {

  /**
   * @param userId who acted, or null for the command line run by the server's operator
   * @param actor how the actor is shown (an e-mail address, "command line")
   * @param action a stable name such as {@code token.issued}
   * @param detail what it concerned, in plain words (never a secret)
   */
  void record(long workspaceId, Long userId, String actor, String action, String detail);

  /** Newest first. */
  List<Event> recent(long workspaceId, int limit);

  /** One logged action. */
  record Event(long id, String actor, String action, String detail, Instant at) {}
}
