package dev.rapport.platforms.bluesky.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** One XRPC answer: status, JSON body (missing when there was none) and headers. */
public record XrpcResponse(int status, JsonNode body, HttpHeaders headers) {

  public boolean ok() {
    return status >= 200 && status < 300;
  }

  /** The XRPC error name ({@code ExpiredToken}, {@code RecordNotFound}, ...), or "". */
  public String error() {
    return body.path("error").asText("");
  }

  public String message() {
    String m = body.path("message").asText("");
    return m.isBlank() ? (error().isBlank() ? "HTTP " + status : error()) : m;
  }

  /** The access token is expired or not accepted: refresh the session and try again. */
  public boolean tokenProblem() {
    return (status == 400 || status == 401)
        && (error().equals("ExpiredToken") || error().equals("InvalidToken"));
  }

  /**
   * How long the server asked us to wait: {@code Retry-After} (seconds or an HTTP date) or the
   * {@code ratelimit-reset} epoch second, whichever is given; empty when neither is.
   */
  public Optional<Duration> retryAfter(Clock clock) {
    Optional<String> after = headers.firstValue("retry-after");
    if (after.isPresent()) {
      try {
        return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(after.get().trim()))));
      } catch (NumberFormatException e) {
        try {
          Instant at =
              java.time.ZonedDateTime.parse(
                      after.get().trim(), java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME)
                  .toInstant();
          return Optional.of(positive(Duration.between(clock.instant(), at)));
        } catch (java.time.format.DateTimeParseException ignored) {
          // fall through to ratelimit-reset
        }
      }
    }
    Optional<String> reset = headers.firstValue("ratelimit-reset");
    if (reset.isPresent()) {
      try {
        Instant at = Instant.ofEpochSecond(Long.parseLong(reset.get().trim()));
        return Optional.of(positive(Duration.between(clock.instant(), at)));
      } catch (NumberFormatException ignored) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private static Duration positive(Duration d) {
    return d.isNegative() ? Duration.ZERO : d;
  }
}
