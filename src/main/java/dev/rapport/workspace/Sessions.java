package dev.rapport.workspace;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Sign-in sessions. The secret token is handed out once by {@link #open} and never stored: only its
 * SHA-256 is, so a copy of the database does not let anyone sign in. Implementations are
 * thread-safe.
 */
public interface Sessions {

  Duration DEFAULT_TTL = Duration.ofHours(12);

  /** Starts a session for a user that lasts {@code ttl}; returns the secret token with it. */
  Opened open(long userId, Duration ttl);

  /** The live (unexpired) session the token belongs to. */
  Optional<Session> find(String token);

  /**
   * The live session the token belongs to, kept alive for another {@code idle} (never past {@code
   * absolute} after it was opened). A session not resumed within {@code idle} of its last use, or
   * older than {@code absolute}, is over. Writes at most about once a minute per session.
   */
  Optional<Session> resume(String token, Duration idle, Duration absolute);

  /** Ends every session of a user (after a password change, or "sign out everywhere"). */
  int closeAll(long userId);

  /**
   * A user's live sessions, newest first; {@code current} (a token, may be null) is marked as such.
   */
  java.util.List<Active> active(long userId, String current);

  /**
   * Ends one of a user's sessions by its {@link Active#handle}; false when the user has no such
   * live session.
   */
  boolean close(long userId, String handle);

  /** Ends the session the token belongs to, if any. */
  void close(String token);

  /** Deletes expired sessions; returns how many. */
  int closeExpired();

  /**
   * A live session.
   *
   * @param csrfToken the token every state-changing request of this session must carry
   */
  record Session(long userId, String csrfToken, Instant expiresAt) {}

  /**
   * A live session as its owner may see it.
   *
   * @param handle names the session for {@link #close(long, String)}; derived from the stored hash
   *     by hashing again, so it neither is nor leads to the token
   * @param current whether it is the session of the request asking
   */
  record Active(String handle, Instant startedAt, Instant expiresAt, boolean current) {}

  /** A new session and its secret token (shown to the browser once, in a cookie). */
  record Opened(String token, Session session) {}
}
