package dev.rapport.platforms.mastodon.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rapport.platforms.MediaItem;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Uploads attachments with {@code POST /api/v2/media}. Large files answer 202 and are processed
 * asynchronously: Rapport polls {@code GET /api/v1/media/:id} (206 while processing, 200 when done)
 * before attaching them, so the status is not refused for unprocessed media.
 */
public final class MediaUploads {

  private final MastodonApi api;
  private final Duration pollInterval;
  private final Duration maxWait;

  public MediaUploads(MastodonApi api, Duration pollInterval, Duration maxWait) {
    this.api = api;
    this.pollInterval = pollInterval;
    this.maxWait = maxWait;
  }

  /** The media ids, in order; throws {@link ApiFailure} (never "maybe processed": no post yet). */
  public List<String> upload(URI instance, String token, List<MediaItem> media) {
    List<String> ids = new ArrayList<>();
    try {
      for (MediaItem item : media) {
        ids.add(uploadOne(instance, token, item));
      }
    } catch (ApiFailure e) {
      throw e.beforePublishing();
    }
    return ids;
  }

  private String uploadOne(URI instance, String token, MediaItem item) {
    if (item.bytes() == null || item.bytes().length == 0) {
      throw new ApiFailure(
          ApiFailure.Kind.REFUSED,
          "The attachment " + (item.fileName() == null ? "" : item.fileName() + " ") + "is empty",
          "Attach the file again.",
          null);
    }
    Multipart form =
        new Multipart()
            .file(
                "file",
                item.fileName() == null ? "attachment" : item.fileName(),
                item.contentType(),
                item.bytes());
    if (item.altText() != null && !item.altText().isBlank()) {
      form.field("description", item.altText());
    }
    MastodonApi.Reply reply = api.postMultipart(instance, token, "/api/v2/media", form);
    String id = reply.body().path("id").asText(null);
    if (id == null) {
      throw new ApiFailure(
          ApiFailure.Kind.TRANSIENT,
          "The instance accepted the upload but returned no media id",
          "Rapport tries again later.",
          null);
    }
    if (reply.status() == 202 || reply.body().path("url").isNull()) {
      awaitProcessing(instance, token, id);
    }
    return id;
  }

  private void awaitProcessing(URI instance, String token, String id) {
    long deadline = System.nanoTime() + maxWait.toNanos();
    while (true) {
      MastodonApi.Reply r =
          api.get(
              instance, token, "/api/v1/media/" + URLEncoder.encode(id, StandardCharsets.UTF_8));
      JsonNode url = r.body().path("url");
      if (r.status() == 200 && !url.isNull() && !url.isMissingNode()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new ApiFailure(
            ApiFailure.Kind.TRANSIENT,
            "The instance was still processing the attachment after " + maxWait.toSeconds() + " s",
            "Rapport tries again later; large videos can take minutes.",
            Duration.ofSeconds(30));
      }
      try {
        Thread.sleep(pollInterval.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ApiFailure(ApiFailure.Kind.TRANSIENT, "interrupted", "", null);
      }
    }
  }
}
