package dev.rapport.publishing;

/**
 * A planning or review step that the rules do not allow (wrong role, wrong state, approving one's
 * own post); the message says why and what would work.
 */
public final class Refused extends IllegalStateException {

  public Refused(String message) {
    super(message);
  }
}
