package dev.rapport.platforms.x.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rapport.content.quality.MediaKind;
import dev.rapport.platforms.Account;
import dev.rapport.platforms.MediaItem;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Attachments through {@code POST /2/media/upload}: images and small GIFs in one request, videos
 * and large files in the chunked INIT / APPEND / FINALIZE session; then waiting on {@code
 * processing_info} where X reports it ({@code GET ...?command=STATUS}), and alt text through {@code
 * POST /2/media/metadata}.
 */
public final class XMedia {

  /** Files up to this size go in one request; X takes images up to 5 MB that way. */
  static final int SIMPLE_UPLOAD_MAX = 5 * 1024 * 1024;

  static final int CHUNK = 4 * 1024 * 1024;

  private final XApi api;
  private final Duration maxWait;

  public XMedia(XApi api, Duration maxWait) {
    this.api = api;
    this.maxWait = maxWait;
  }

  /** The media ids, in order; failures here never mean "maybe published". */
  public List<String> upload(Account account, List<MediaItem> media) {
    long images = media.stream().filter(m -> m.kind() == MediaKind.IMAGE).count();
    if (images < media.size() && media.size() > 1) {
      throw new XFailure(
          XFailure.Kind.REFUSED,
          0,
          "X takes up to 4 images, or one GIF, or one video per post",
          "Keep only the images, or only the one GIF or video, in the X variant.",
          null);
    }
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
    if (item.kind() == MediaKind.AUDIO) {
      throw new XFailure(
          XFailure.Kind.REFUSED,
          0,
          "X does not take audio attachments",
          "Remove the audio file from the X variant, or attach it as a video.",
          null);
    }
    if (item.bytes() == null || item.bytes().length == 0) {
      throw new XFailure(
          XFailure.Kind.REFUSED, 0, "The attachment is empty", "Attach the file again.", null);
    }
    String id;
    JsonNode processing;
    if (item.kind() == MediaKind.VIDEO || item.bytes().length > SIMPLE_UPLOAD_MAX) {
      JsonNode data = chunked(account, item);
      id = data.path("id").asText(null);
      processing = data.path("processing_info");
    } else {
      FormData form =
          new FormData()
              .file("media", fileName(item), item.contentType(), item.bytes())
              .field("media_category", category(item))
              .field("media_type", item.contentType());
      JsonNode data = api.postForm(account, "/2/media/upload", form).body().path("data");
      id = data.path("id").asText(null);
      processing = data.path("processing_info");
    }
    if (id == null) {
      throw new XFailure(
          XFailure.Kind.TRANSIENT, 0, "X accepted the upload but returned no media id", "", null);
    }
    awaitProcessing(account, id, processing);
    if (item.altText() != null && !item.altText().isBlank()) {
      api.postJson(
          account,
          "/2/media/metadata",
          Map.of("id", id, "metadata", Map.of("alt_text", Map.of("text", item.altText()))));
    }
    return id;
  }

  /** INIT, APPEND in 4 MB segments, FINALIZE: what X requires for video and large files. */
  private JsonNode chunked(Account account, MediaItem item) {
    byte[] bytes = item.bytes();
    JsonNode init =
        api.postForm(
                account,
                "/2/media/upload",
                new FormData()
                    .field("command", "INIT")
                    .field("media_type", item.contentType())
                    .field("total_bytes", Integer.toString(bytes.length))
                    .field("media_category", category(item)))
            .body()
            .path("data");
    String id = init.path("id").asText(null);
    if (id == null) {
      throw new XFailure(
          XFailure.Kind.TRANSIENT, 0, "X started no upload session (no media id)", "", null);
    }
    for (int offset = 0, segment = 0; offset < bytes.length; offset += CHUNK, segment++) {
      byte[] chunk = Arrays.copyOfRange(bytes, offset, Math.min(bytes.length, offset + CHUNK));
      api.postForm(
          account,
          "/2/media/upload",
          new FormData()
              .field("command", "APPEND")
              .field("media_id", id)
              .field("segment_index", Integer.toString(segment))
              .file("media", fileName(item), "application/octet-stream", chunk));
    }
    JsonNode done =
        api.postForm(
                account,
                "/2/media/upload",
                new FormData().field("command", "FINALIZE").field("media_id", id))
            .body()
            .path("data");
    return done.hasNonNull("id") ? done : init;
  }

  private static String category(MediaItem item) {
    return switch (item.kind()) {
      case GIF -> "tweet_gif";
      case VIDEO -> "tweet_video";
      default -> "tweet_image";
    };
  }

  private static String fileName(MediaItem item) {
    return item.fileName() == null ? "attachment" : item.fileName();
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
