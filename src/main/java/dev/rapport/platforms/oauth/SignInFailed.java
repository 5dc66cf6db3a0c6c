package dev.rapport.platforms.oauth;

/**
 * Connecting an account to a platform did not work; the message says why in the user's words, for
 * the web layer to show on the connect page.
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
