package dev.rapport.platforms.mastodon;

/**
 * Connecting a Mastodon account did not work; the message says why in the user's words.
 *
 * @see MastodonSignIn
 */
public final class SignInFailed extends RuntimeException {

  private final boolean retryable;

  public SignInFailed(String message, boolean retryable) {
    super(message);
    this.retryable = retryable;
  }

  /** True when the instance could not be reached and trying again later may work. */
  public boolean retryable() {
    return retryable;
  }
}
