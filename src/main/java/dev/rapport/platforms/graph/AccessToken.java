package dev.rapport.platforms.graph;

import dev.rapport.platforms.Account;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * The account's access token, refreshed shortly before it expires. Meta's long-lived tokens last 60
 * days and can be refreshed while still valid (Instagram Login: {@code ig_refresh_token}; Threads:
 * {@code th_refresh_token}; Facebook Login: {@code fb_exchange_token}); Page tokens derived from a
 * long-lived user token do not expire and carry no expiry secret. An expired token cannot be
 * refreshed: the user has to reconnect.
 */
public final class AccessToken {

  /** Secret names, as the connection settings store them. */
  public static final String TOKEN = "access_token";

  /** ISO-8601 instant; absent for tokens that do not expire. */
  public static final String EXPIRES_AT = "expires_at";

  /** A usable token, or why there is none. */
  public sealed interface State {
    record Usable(String token) implements State {}

    record Unusable(Trouble trouble) implements State {}
  }

  private final String platform;
  private final Clock clock;
  private final Duration refreshBefore;
  private final BiFunction<Account, String, GraphReply> refresh;

  /**
   * @param refresh calls the platform's refresh endpoint with the account and its current token;
   *     the answer carries {@code access_token} and {@code expires_in} (seconds)
   */
  public AccessToken(
      String platform,
      Clock clock,
      Duration refreshBefore,
      BiFunction<Account, String, GraphReply> refresh) {
    this.platform = platform;
    this.clock = clock;
    this.refreshBefore = refreshBefore;
    this.refresh = refresh;
  }

  public State of(Account account) {
    String token = account.secret(TOKEN);
    if (token == null || token.isBlank()) {
      return unusable(account, "the " + platform + " channel has no access token");
    }
    Instant expiresAt = expiresAt(account);
    Instant now = clock.instant();
    if (expiresAt == null) {
      return new State.Usable(token);
    }
    if (!now.isBefore(expiresAt)) {
      return unusable(account, "the " + platform + " access token expired on " + expiresAt);
    }
    if (Duration.between(now, expiresAt).compareTo(refreshBefore) > 0) {
      return new State.Usable(token);
    }
    GraphReply reply = refresh.apply(account, token);
    if (reply instanceof GraphReply.Ok ok && ok.body().hasNonNull("access_token")) {
      String fresh = ok.body().get("access_token").asText();
      long seconds = ok.body().path("expires_in").asLong(0);
      account.updateSecrets(
          seconds > 0
              ? Map.of(TOKEN, fresh, EXPIRES_AT, now.plusSeconds(seconds).toString())
              : Map.of(TOKEN, fresh));
      return new State.Usable(fresh);
    }
    if (reply instanceof GraphReply.Ok) {
      return new State.Usable(token);
    }
    Trouble trouble = GraphTroubles.classify(platform, reply);
    if (trouble.kind() == Trouble.Kind.RECONNECT) {
      return new State.Unusable(trouble.reportTo(account));
    }
    // The token is still valid for a while: use it and refresh on a later call.
    return new State.Usable(token);
  }

  private State unusable(Account account, String why) {
    Trouble trouble =
        Trouble.reconnect(
            why + "; " + platform + " requires signing in again",
            "Reconnect the " + platform + " channel in Settings → Channels");
    return new State.Unusable(trouble.reportTo(account));
  }

  private static Instant expiresAt(Account account) {
    String value = account.secret(EXPIRES_AT);
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
