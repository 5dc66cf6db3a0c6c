package dev.rapport.platforms.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Waits for a media container (Instagram, Threads) to be ready: Meta fetches and processes the
 * media asynchronously, and publishing before the container is {@code FINISHED} fails. Documented
 * states: {@code IN_PROGRESS}, {@code FINISHED}, {@code PUBLISHED}, {@code ERROR}, {@code EXPIRED}
 * (not published within 24 hours).
 *
 * @param statusField {@code status_code} on Instagram, {@code status} on Threads
 * @param detailField the field with the error detail ({@code status} on Instagram, {@code
 *     error_message} on Threads)
 */
public record Containers(
    GraphClient client,
    String platform,
    String version,
    String statusField,
    String detailField,
    Duration interval,
    int attempts) {

  /** Empty when the container is ready to publish; otherwise why not. */
  public Optional<Trouble> awaitFinished(URI base, String containerId, String token) {
    for (int attempt = 1; ; attempt++) {
      GraphReply reply =
          client.get(
              base,
              version,
              containerId,
              Map.of("fields", "id," + statusField + "," + detailField, "access_token", token));
      if (!(reply instanceof GraphReply.Ok ok)) {
        return Optional.of(GraphTroubles.classify(platform, reply));
      }
      JsonNode body = ok.body();
      String status = body.path(statusField).asText("");
      String detail = body.path(detailField).asText("");
      switch (status) {
        case "FINISHED", "PUBLISHED":
          return Optional.empty();
        case "ERROR":
          return Optional.of(
              Trouble.refused(
                  platform
                      + " could not process the media"
                      + (detail.isBlank() ? "" : ": " + detail),
                  "Check that each media URL is public and the file meets "
                      + platform
                      + "'s format and size rules, then try again"));
        case "EXPIRED":
          return Optional.of(
              Trouble.transientFailure(
                  platform + " let the media container expire before it was published"));
        default:
          break;
      }
      if (attempt >= attempts) {
        return Optional.of(
            Trouble.transientFailure(
                platform
                    + " is still processing the media after "
                    + attempts
                    + " checks ("
                    + status
                    + ")"));
      }
      try {
        Thread.sleep(interval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return Optional.of(Trouble.notSent("interrupted while waiting for " + platform));
      }
    }
  }
}
