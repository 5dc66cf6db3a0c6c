package dev.rapport.platforms.x.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** X API v2 errors (RFC 7807 problem details) in the user's words, with what to do. */
final class XFailures {

  private XFailures() {}

  static XFailure classify(int status, JsonNode body, HttpHeaders headers, Instant now) {
    String detail = detail(body);
    String said = detail.isBlank() ? "" : ": " + detail;
    String lower = detail.toLowerCase(Locale.ROOT);
    return switch (status) {
      case 401 ->
          new XFailure(
              XFailure.Kind.UNAUTHORIZED,
              status,
              "X no longer accepts Rapport's access" + said,
              "Reconnect the X account in the channel's settings.",
              null);
      case 403 -> {
        if (lower.contains("duplicate")) {
          yield new XFailure(
              XFailure.Kind.REFUSED,
              status,
              "X refused the post as a duplicate of a recent one" + said,
              "Change the text: X does not take the same text twice in a row.",
              null);
        }
        if (lower.contains("scope") || lower.contains("oauth")) {
          yield new XFailure(
              XFailure.Kind.UNAUTHORIZED,
              status,
              "Rapport's access to X lacks a permission" + said,
              "Reconnect the X account and grant every permission asked for.",
              null);
        }
        yield new XFailure(
            XFailure.Kind.REFUSED,
            status,
            "X does not allow this" + said,
            "Check the account's standing on X and the API access level of Rapport's X app.",
            null);
      }
      case 404 ->
          new XFailure(
              XFailure.Kind.REFUSED,
              status,
              "X could not find it" + said,
              "The post replied to may have been deleted; publish without the reply.",
              null);
      case 429 -> {
        Duration wait = retryAfter(headers, now);
        yield new XFailure(
            XFailure.Kind.TRANSIENT,
            status,
            "X's rate limit is reached ("
                + headers.firstValue("x-rate-limit-limit").orElse("?")
                + " requests per window"
                + (wait == null ? "" : ", resets in " + wait.toSeconds() + " s")
                + ")",
            "Rapport waits for the limit to reset and tries again.",
            wait);
      }
      case 503 ->
          new XFailure(
              XFailure.Kind.TRANSIENT,
              status,
              "X is unavailable (HTTP 503)" + said,
              "Rapport tries again later.",
              retryAfter(headers, now));
      default -> {
        if (status >= 500) {
          yield new XFailure(
              XFailure.Kind.MAYBE_PROCESSED,
              status,
              "X failed with HTTP " + status + said,
              "Rapport checks whether the post arrived before trying again.",
              retryAfter(headers, now));
        }
        yield new XFailure(
            XFailure.Kind.REFUSED,
            status,
            "X refused the request (HTTP " + status + ")" + said,
            lower.contains("text")
                ? "Edit the text as the message says and schedule it again."
                : "Edit the post as the message says and schedule it again.",
            null);
      }
    };
  }

  /** The most specific words in a problem document: each error's message, else detail, title. */
  static String detail(JsonNode body) {
    StringBuilder s = new StringBuilder();
    for (JsonNode e : body.path("errors")) {
      String m = e.path("message").asText(e.path("detail").asText(""));
      if (!m.isBlank()) {
        s.append(s.length() == 0 ? "" : "; ").append(m);
      }
    }
    if (s.length() > 0) {
      return s.toString();
    }
    String d = body.path("detail").asText("");
    return d.isBlank() ? body.path("title").asText("") : d;
  }

  /**
   * X sends {@code x-rate-limit-reset} in epoch seconds; posting also has a per-user 24-hour limit
   * ({@code x-user-limit-24hour-*}), which wins when it is the one exhausted.
   */
  static Duration retryAfter(HttpHeaders headers, Instant now) {
    String reset = headers.firstValue("x-rate-limit-reset").orElse(null);
    if ("0".equals(headers.firstValue("x-user-limit-24hour-remaining").orElse(null))) {
      reset = headers.firstValue("x-user-limit-24hour-reset").orElse(reset);
    }
    if (reset != null && reset.trim().matches("\\d+")) {
      Duration d = Duration.between(now, Instant.ofEpochSecond(Long.parseLong(reset.trim())));
      return d.isNegative() ? Duration.ZERO : d;
    }
    return headers
        .firstValue("Retry-After")
        .filter(v -> v.trim().matches("\\d+"))
        .map(v -> Duration.ofSeconds(Long.parseLong(v.trim())))
        .orElse(null);
  }
}
