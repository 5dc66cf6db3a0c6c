package dev.rapport.platforms.x.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rapport.content.quality.MediaKind;
import dev.rapport.platforms.Account;
import dev.rapport.platforms.MediaItem;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Images and GIFs through {@code POST /2/media/upload} (one request per file), waiting on {@code
 * processing_info} where X reports it (GIFs), then alt text through {@code POST /2/media/metadata}.
 */
public final class XMedia {

  private final XApi api;
  private final Duration maxWait;

  public XMedia(XApi api, Duration maxWait) {
    this.api = api;
    this.maxWait = maxWait;
  }

  /** The media ids, in order; failures here never mean "maybe published". */
  public List<String> upload(Account account, List<MediaItem> media) {
    List<String> ids = new ArrayList<>();
    try {
      for (MediaItem item : media) {
        ids.add(uploadOne(account, item));
      }
    } catch (XFailure e) {
      throw e.beforePublishing();
    }
    return ids;
  }

  private String uploadOne(Account account, MediaItem item) {
    if (item.kind() != MediaKind.IMAGE && item.kind() != MediaKind.GIF) {
      throw new XFailure(
          XFailure.Kind.REFUSED,
          0,
          "Rapport cannot upload " + item.kind().name().toLowerCase() + " to X yet",
          "Attach images or a GIF for X, or post the video on X directly.",
          null);
    }
    if (item.bytes() == null || item.bytes().length == 0) {
      throw new XFailure(
          XFailure.Kind.REFUSED, 0, "The attachment is empty", "Attach the file again.", null);
    }
    FormData form =
        new FormData()
            .file(
                "media",
                item.fileName() == null ? "attachment" : item.fileName(),
                item.contentType(),
                item.bytes())
            .field("media_category", item.kind() == MediaKind.GIF ? "tweet_gif" : "tweet_image")
            .field("media_type", item.contentType());
    JsonNode data = api.postForm(account, "/2/media/upload", form).body().path("data");
    String id = data.path("id").asText(null);
    if (id == null) {
      throw new XFailure(
          XFailure.Kind.TRANSIENT, 0, "X accepted the upload but returned no media id", "", null);
    }
    awaitProcessing(account, id, data.path("processing_info"));
    if (item.altText() != null && !item.altText().isBlank()) {
      api.postJson(
          account,
          "/2/media/metadata",
          Map.of("id", id, "metadata", Map.of("alt_text", Map.of("text", item.altText()))));
    }
    return id;
  }

  private void awaitProcessing(Account account, String id, JsonNode info) {
    long deadline = System.nanoTime() + maxWait.toNanos();
    while (!info.isMissingNode() && !info.isNull()) {
      String state = info.path("state").asText("succeeded");
      if (state.equals("succeeded")) {
        return;
      }
      if (state.equals("failed")) {
        throw new XFailure(
            XFailure.Kind.REFUSED,
            0,
            "X could not process the attachment: "
                + info.path("error").path("message").asText("no reason given"),
            "Check the file's format and size against X's media rules.",
            null);
      }
      if (System.nanoTime() > deadline) {
        throw new XFailure(
            XFailure.Kind.TRANSIENT,
            0,
            "X was still processing the attachment after " + maxWait.toSeconds() + " s",
            "Rapport tries again later.",
            Duration.ofSeconds(30));
      }
      sleep(Duration.ofSeconds(Math.max(0, info.path("check_after_secs").asLong(1))));
      info =
          api.get(
                  account,
                  "/2/media/upload?command=STATUS&media_id="
                      + URLEncoder.encode(id, StandardCharsets.UTF_8))
              .body()
              .path("data")
              .path("processing_info");
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new XFailure(XFailure.Kind.TRANSIENT, 0, "interrupted", "", null);
    }
  }
}
