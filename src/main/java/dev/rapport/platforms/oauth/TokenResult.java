package dev.rapport.platforms.oauth;

import java.time.Duration;

/** How a call to the token endpoint ended. */
public sealed interface TokenResult {

  record Granted(TokenGrant grant) implements TokenResult {}

  /**
   * The server refused the code or refresh token ({@code invalid_grant}, {@code invalid_client},
   * ...): the user has to authorize again.
   */
  record Refused(String error, String description) implements TokenResult {
    /** The server's words, for the "reconnect needed" message. */
    public String message() {
      return description == null || description.isBlank() ? error : error + ": " + description;
    }
  }

  /** The server could not be asked (down, rate-limited, timed out); trying later may work. */
  record Unavailable(String message, Duration retryAfter) implements TokenResult {}
}
