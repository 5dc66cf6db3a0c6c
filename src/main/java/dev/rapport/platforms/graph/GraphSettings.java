package dev.rapport.platforms.graph;

import java.time.Duration;
import java.util.Objects;

/**
 * How a connector talks to a Meta API.
 *
 * @param apiVersion the path prefix ({@code v24.0} for Graph, {@code v1.0} for Threads)
 * @param appId the Meta app id, needed only for {@code fb_exchange_token}; may be null
 * @param appSecret the Meta app secret, likewise; may be null
 * @param requestTimeout per call; a publishing call that outlives it has an unknown outcome
 * @param pollInterval between container status checks (Meta suggests once a minute for video)
 * @param pollAttempts container status checks before giving up for now
 * @param refreshBefore refresh a token once it expires within this time
 */
public record GraphSettings(
    String apiVersion,
    String appId,
    String appSecret,
    Duration requestTimeout,
    Duration pollInterval,
    int pollAttempts,
    Duration refreshBefore) {

  public GraphSettings {
    Objects.requireNonNull(apiVersion, "apiVersion");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(pollInterval, "pollInterval");
    Objects.requireNonNull(refreshBefore, "refreshBefore");
  }

  /**
   * Production defaults: 30 s calls, container checks every 5 s for 5 minutes, refresh 7 days
   * early.
   */
  public static GraphSettings defaults(String apiVersion) {
    return new GraphSettings(
        apiVersion,
        null,
        null,
        Duration.ofSeconds(30),
        Duration.ofSeconds(5),
        60,
        Duration.ofDays(7));
  }

  public GraphSettings withPolling(Duration interval, int attempts) {
    return new GraphSettings(
        apiVersion, appId, appSecret, requestTimeout, interval, attempts, refreshBefore);
  }

  public GraphSettings withApp(String id, String secret) {
    return new GraphSettings(
        apiVersion, id, secret, requestTimeout, pollInterval, pollAttempts, refreshBefore);
  }

  public GraphSettings withRequestTimeout(Duration timeout) {
    return new GraphSettings(
        apiVersion, appId, appSecret, timeout, pollInterval, pollAttempts, refreshBefore);
  }
}
