package dev.rapport.platforms.graph;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Classifies Graph API failures by the documented error codes (Graph API "Handling Errors"): 190
 * and 102 are a dead token, 10 and 200–299 a missing permission, 4/17/32/613 and 80001–80014 rate
 * limits, 1/2 and {@code is_transient} temporary failures.
 */
public final class GraphTroubles {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<Integer> RATE_LIMIT_CODES = Set.of(4, 17, 32, 341, 613);

  private GraphTroubles() {}

  /** Classifies any non-Ok reply. {@code platform} names the service in messages ("Instagram"). */
  public static Trouble classify(String platform, GraphReply reply) {
    if (reply instanceof GraphReply.NotSent n) {
      return Trouble.notSent(platform + " could not be reached: " + n.message());
    }
    if (reply instanceof GraphReply.Lost l) {
      return Trouble.lost(platform + " did not answer: " + l.message());
    }
    if (reply instanceof GraphReply.Refused r) {
      return Trouble.refused(
          "Rapport may not call this " + platform + " address: " + r.message(),
          "Check the channel's service URL in the connection settings");
    }
    if (!(reply instanceof GraphReply.Failed f)) {
      throw new IllegalArgumentException("not a failure: " + reply);
    }
    return classify(platform, f.error(), f.headers());
  }

  public static Trouble classify(String platform, GraphError e, HttpHeaders headers) {
    int code = e.code();
    if (code == 190 || code == 102) {
      return Trouble.reconnect(
          platform + " no longer accepts Rapport's access: " + e.bestMessage(),
          "Reconnect the " + platform + " channel in Settings → Channels");
    }
    if (code == 10 || (code >= 200 && code <= 299)) {
      return Trouble.reconnect(
          platform + " refused: a permission is missing (" + e.bestMessage() + ")",
          "Reconnect the "
              + platform
              + " channel and grant every permission Rapport asks for; the account must be an"
              + " admin of the page");
    }
    if (RATE_LIMIT_CODES.contains(code) || (code >= 80001 && code <= 80014)) {
      return Trouble.rateLimited(
          platform + " rate limit reached: " + e.bestMessage(), retryAfter(headers).orElse(null));
    }
    if (code == 1 || code == 2 || e.transientError() || (code == 0 && e.status() >= 500)) {
      return Trouble.transientFailure(platform + " failed temporarily: " + e.bestMessage());
    }
    if (code == 368) {
      return Trouble.refused(
          platform + " has temporarily blocked the account from posting: " + e.bestMessage(),
          "Open " + platform + ", check the account's notices, and try again later");
    }
    if (code == 506) {
      return Trouble.refused(
          platform + " refused a duplicate: the same text was just posted",
          "Check the account: the post is probably already there; change the text to post again");
    }
    return Trouble.refused(
        platform + " refused the request: " + e.bestMessage(),
        "Correct the post as the message says and try again");
  }

  /**
   * When to come back, from {@code Retry-After} (seconds) or the largest {@code
   * estimated_time_to_regain_access} (minutes) in {@code X-Business-Use-Case-Usage}.
   */
  public static Optional<Duration> retryAfter(HttpHeaders headers) {
    if (headers == null) {
      return Optional.empty();
    }
    Optional<String> retry = headers.firstValue("Retry-After");
    if (retry.isPresent()) {
      try {
        return Optional.of(Duration.ofSeconds(Long.parseLong(retry.get().trim())));
      } catch (NumberFormatException ignored) {
        // an HTTP date: fall through to the usage header
      }
    }
    Optional<String> usage = headers.firstValue("X-Business-Use-Case-Usage");
    if (usage.isEmpty()) {
      return Optional.empty();
    }
    try {
      long minutes = 0;
      for (JsonNode perBusiness : JSON.readTree(usage.get())) {
        for (JsonNode entry : perBusiness) {
          minutes = Math.max(minutes, entry.path("estimated_time_to_regain_access").asLong(0));
        }
      }
      return minutes > 0 ? Optional.of(Duration.ofMinutes(minutes)) : Optional.empty();
    } catch (Exception e) {
      return Optional.empty();
    }
  }
}
