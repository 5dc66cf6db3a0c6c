package dev.rapport.platforms.mastodon.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/** Mastodon's HTTP errors in the user's words, with what to do. */
final class Failures {

  private Failures() {}

  static ApiFailure classify(int status, JsonNode body, HttpHeaders headers, Instant now) {
    String error = body.path("error").asText("");
    String said = error.isBlank() ? "" : ": " + error;
    return switch (status) {
      case 401 ->
          new ApiFailure(
              ApiFailure.Kind.UNAUTHORIZED,
              "Mastodon no longer accepts Rapport's access token" + said,
              "Reconnect the Mastodon account in the channel's settings.",
              null);
      case 403 ->
          error.toLowerCase(Locale.ROOT).contains("scope")
              ? new ApiFailure(
                  ApiFailure.Kind.UNAUTHORIZED,
                  "Rapport's access to Mastodon lacks a permission" + said,
                  "Reconnect the Mastodon account and grant read and write access.",
                  null)
              : new ApiFailure(
                  ApiFailure.Kind.REFUSED,
                  "Mastodon does not allow this" + said,
                  "Check that the account is not suspended or limited by its instance.",
                  null);
      case 404 ->
          new ApiFailure(
              ApiFailure.Kind.REFUSED,
              "Mastodon could not find it" + said,
              "The post replied to may have been deleted; publish without the reply.",
              null);
      case 408 ->
          new ApiFailure(
              ApiFailure.Kind.TRANSIENT,
              "The instance timed out reading the request",
              "Rapport tries again later.",
              null);
      case 413 ->
          new ApiFailure(
              ApiFailure.Kind.REFUSED,
              "The instance refused the file as too large",
              "Attach a smaller file (instances commonly take images up to 16 MB).",
              null);
      case 422 -> unprocessable(error);
      case 429 -> {
        Duration wait = MastodonApi.retryAfter(headers, now);
        String limit = headers.firstValue("X-RateLimit-Limit").orElse("?");
        yield new ApiFailure(
            ApiFailure.Kind.TRANSIENT,
            "Mastodon's rate limit is reached ("
                + limit
                + " requests per window"
                + headers.firstValue("X-RateLimit-Reset").map(r -> ", resets at " + r).orElse("")
                + ")",
            "Rapport waits for the limit to reset and tries again.",
            wait);
      }
      case 503 ->
          new ApiFailure(
              ApiFailure.Kind.TRANSIENT,
              "The instance is unavailable (HTTP 503)" + said,
              "Rapport tries again later.",
              MastodonApi.retryAfter(headers, now));
      default -> {
        if (status >= 500) {
          yield new ApiFailure(
              ApiFailure.Kind.MAYBE_PROCESSED,
              "The instance failed with HTTP " + status + said,
              "Rapport checks whether the post arrived before trying again.",
              MastodonApi.retryAfter(headers, now));
        }
        yield new ApiFailure(
            ApiFailure.Kind.REFUSED,
            "Mastodon refused the request (HTTP " + status + ")" + said,
            "Edit the post as the message says and schedule it again.",
            null);
      }
    };
  }

  private static ApiFailure unprocessable(String error) {
    String lower = error.toLowerCase(Locale.ROOT);
    if (lower.contains("finished processing")) {
      // Media attached before the instance finished processing it: nothing was created.
      return new ApiFailure(
          ApiFailure.Kind.TRANSIENT,
          "Mastodon is still processing the attachment: " + error,
          "Rapport tries again in a moment.",
          Duration.ofSeconds(5));
    }
    String action;
    if (lower.contains("character limit") || lower.contains("too long")) {
      action = "Shorten the text to the instance's character limit.";
    } else if (lower.contains("media") || lower.contains("file") || lower.contains("attach")) {
      action = "Change the attachments as the message says (count, type or size).";
    } else if (lower.contains("reply") || lower.contains("in_reply_to")) {
      action = "The post replied to is gone or hidden; publish without the reply.";
    } else {
      action = "Edit the post as Mastodon asks and schedule it again.";
    }
    return new ApiFailure(
        ApiFailure.Kind.REFUSED,
        "Mastodon refused the post: " + (error.isBlank() ? "validation failed" : error),
        action,
        null);
  }
}
