package dev.rapport.web;

import dev.rapport.content.quality.MediaKind;
import dev.rapport.publishing.MediaLibrary;
import dev.rapport.publishing.PlannedPost;
import dev.rapport.publishing.PlannedVariant;
import dev.rapport.publishing.Refused;
import dev.rapport.publishing.Reviews;
import dev.rapport.publishing.StoredMedia;
import dev.rapport.publishing.VariantMedia;
import dev.rapport.workspace.Workspace;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import io.javalin.http.NotFoundResponse;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Attaching media to a saved post's variant in the composer (an uploaded file Rapport keeps, or the
 * URL of a file hosted elsewhere), removing an attachment, and serving kept files at {@code
 * /media/<name>} without a login, since Instagram, Threads and Facebook fetch media by URL. The
 * names are 128 random bits, so a file is only found by whoever was given its address. Thread-safe.
 */
final class ComposeMedia {

  /** More than any platform takes on one post (Instagram and X carousels: 10 and 4). */
  static final int MAX_PER_VARIANT = 10;

  private final MediaLibrary library;
  private final Reviews reviews;
  private final ComposeRoutes compose;

  ComposeMedia(MediaLibrary library, Reviews reviews, ComposeRoutes compose) {
    this.library = library;
    this.reviews = reviews;
    this.compose = compose;
  }

  void register(Javalin app) {
    // Refuse an oversized upload before the multipart parser reads it.
    app.before("/w/{slug}/compose/media", ComposeMedia::limitSize);
    app.before("/api/w/{slug}/media", ComposeMedia::limitSize);
    app.post("/api/w/{slug}/media", this::keepApi, Access.AUTHOR);
    app.post("/w/{slug}/compose/media", this::attach, Access.AUTHOR);
    app.post("/w/{slug}/compose/media/remove", this::remove, Access.AUTHOR);
    app.get("/media/{name}", this::serve, Access.PUBLIC);
  }

  private static void limitSize(Context ctx) {
    if (ctx.method().name().equals("POST")
        && ctx.contentLength() > MediaLibrary.MAX_BYTES + 65_536) {
      throw new io.javalin.http.HttpResponseException(
          HttpStatus.CONTENT_TOO_LARGE.getCode(),
          "The file is larger than the "
              + (MediaLibrary.MAX_BYTES >> 20)
              + " MiB Rapport keeps. Attach a larger video by the URL where it is hosted.");
    }
  }

  private void attach(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    long actor = Guard.caller(ctx).orElseThrow().user().id();
    PlannedPost post = post(ctx, ws);
    PlannedVariant variant = variant(ctx, post);
    String field = "media-" + variant.channelId();
    String alt = String.valueOf(ctx.formParamAsClass("alt", String.class).getOrDefault("")).strip();
    UploadedFile file = ctx.uploadedFile("file");
    String url = String.valueOf(ctx.formParamAsClass("url", String.class).getOrDefault("")).strip();
    try {
      if (variant.media().size() >= MAX_PER_VARIANT) {
        throw new Refused(
            "This channel's post already has "
                + MAX_PER_VARIANT
                + " attachments, the most any platform takes.");
      }
      if (alt.length() > 1500) {
        throw new Refused(
            "A description is at most 1,500 characters (Mastodon's limit, the longest).");
      }
      VariantMedia added;
      if (file != null && file.size() > 0) {
        StoredMedia kept = library.add(actor, ws.id(), file.filename(), bytes(file));
        added = new VariantMedia(kept.kind(), kept.location(), alt);
      } else if (!url.isEmpty()) {
        added = new VariantMedia(kindOf(url), hosted(url), alt);
      } else {
        throw new Refused(
            "Choose a file to upload, or give the address of a file hosted elsewhere.");
      }
      List<VariantMedia> media = new ArrayList<>(variant.media());
      media.add(added);
      reviews.edit(actor, ws.id(), variant.id(), variant.text(), media);
    } catch (Refused | IllegalArgumentException e) {
      PlannedPost now = reviews.post(ws.id(), post.id()).orElseThrow();
      compose.showSaved(ctx, ws, now, Map.of(field, e.getMessage()), 422);
      return;
    }
    redirect(ctx, ws, post, variant, "media-added");
  }

  private void remove(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    long actor = Guard.caller(ctx).orElseThrow().user().id();
    PlannedPost post = post(ctx, ws);
    PlannedVariant variant = variant(ctx, post);
    int index;
    try {
      index = Integer.parseInt(String.valueOf(ctx.formParam("index")).strip());
    } catch (NumberFormatException e) {
      throw new NotFoundResponse("No such attachment.");
    }
    if (index < 0 || index >= variant.media().size()) {
      throw new NotFoundResponse("No such attachment.");
    }
    List<VariantMedia> media = new ArrayList<>(variant.media());
    media.remove(index);
    try {
      reviews.edit(actor, ws.id(), variant.id(), variant.text(), media);
    } catch (Refused e) {
      PlannedPost now = reviews.post(ws.id(), post.id()).orElseThrow();
      compose.showSaved(ctx, ws, now, Map.of("media-" + variant.channelId(), e.getMessage()), 409);
      return;
    }
    redirect(ctx, ws, post, variant, "media-removed");
  }

  /** A kept file as the API answers it; {@code location} goes into a variant's media. */
  record KeptJson(
      String name,
      String location,
      String url,
      String kind,
      String contentType,
      long sizeBytes,
      Integer width,
      Integer height) {}

  /**
   * {@code POST /api/w/{slug}/media}: the body is the file itself (or multipart with the file in
   * {@code file}); {@code ?filename=} names it in messages. 415 when no platform takes that kind.
   */
  private void keepApi(Context ctx) {
    Workspace ws = Guard.member(ctx).workspace();
    long actor = Guard.caller(ctx).orElseThrow().user().id();
    String name = Requests.query(ctx, "filename");
    byte[] content;
    if (ctx.isMultipartFormData()) {
      UploadedFile file = ctx.uploadedFile("file");
      if (file == null) {
        throw Invalid.field("file", "Send the file in the 'file' part.");
      }
      content = bytes(file);
      name = name != null ? name : file.filename();
    } else {
      try (InputStream in = ctx.bodyInputStream()) {
        content = in.readNBytes((int) MediaLibrary.MAX_BYTES + 1);
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    name = name == null || name.isBlank() ? "The file" : name;
    if (content.length == 0) {
      throw Invalid.field("file", "The body is empty: send the file itself.");
    }
    if (content.length > MediaLibrary.MAX_BYTES) {
      throw new io.javalin.http.ContentTooLargeResponse(
          name + " is larger than the " + (MediaLibrary.MAX_BYTES >> 20) + " MiB Rapport keeps.");
    }
    StoredMedia kept;
    try {
      kept = library.add(actor, ws.id(), name, content);
    } catch (Refused e) {
      throw new io.javalin.http.HttpResponseException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE.getCode(), e.getMessage());
    }
    ctx.status(HttpStatus.CREATED)
        .header("Location", "/media/" + kept.name())
        .json(
            new KeptJson(
                kept.name(),
                kept.location(),
                "/media/" + kept.name(),
                kept.kind().name().toLowerCase(Locale.ROOT),
                kept.contentType(),
                kept.sizeBytes(),
                kept.width(),
                kept.height()));
  }

  private void serve(Context ctx) {
    MediaLibrary.MediaContent file =
        library
            .content(ctx.pathParam("name"))
            .orElseThrow(() -> new NotFoundResponse("No such file."));
    ctx.contentType(file.contentType());
    // The name never changes its content: caches may keep it for good.
    ctx.header("Cache-Control", "public, max-age=31536000, immutable");
    ctx.header("Content-Disposition", "inline; filename=\"" + file.name() + "\"");
    ctx.result(file.bytes());
  }

  private PlannedPost post(Context ctx, Workspace ws) {
    long id = formId(ctx, "post");
    return reviews.post(ws.id(), id).orElseThrow(() -> new NotFoundResponse("No such post."));
  }

  private static PlannedVariant variant(Context ctx, PlannedPost post) {
    long id = formId(ctx, "variant");
    return post.variants().stream()
        .filter(v -> v.id() == id)
        .findFirst()
        .orElseThrow(() -> new NotFoundResponse("No such post."));
  }

  private static long formId(Context ctx, String name) {
    try {
      return Long.parseLong(String.valueOf(ctx.formParam(name)).strip());
    } catch (NumberFormatException e) {
      throw new NotFoundResponse("No such post.");
    }
  }

  private static byte[] bytes(UploadedFile file) {
    if (file.size() > MediaLibrary.MAX_BYTES) {
      throw new Refused(
          file.filename()
              + " is larger than the "
              + (MediaLibrary.MAX_BYTES >> 20)
              + " MiB Rapport keeps. Attach a larger video by the URL where it is hosted.");
    }
    try (InputStream in = file.content()) {
      return in.readNBytes((int) MediaLibrary.MAX_BYTES + 1);
    } catch (IOException e) {
      throw new Refused("The upload of " + file.filename() + " was cut off; try again.");
    }
  }

  /** A file hosted elsewhere: an absolute https (or http) address. */
  private static String hosted(String url) {
    URI u;
    try {
      u = URI.create(url);
    } catch (IllegalArgumentException e) {
      throw new Refused("'" + url + "' is not a web address.");
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || u.getHost() == null) {
      throw new Refused(
          "Give the full address of the file, starting with https:// (for example"
              + " https://example.com/photo.jpg).");
    }
    if (url.length() > 2000) {
      throw new Refused("A file's address is at most 2,000 characters.");
    }
    return url;
  }

  private static MediaKind kindOf(String url) {
    String path = URI.create(url).getPath();
    String lower = path == null ? "" : path.toLowerCase(Locale.ROOT);
    if (lower.endsWith(".mp4") || lower.endsWith(".mov")) {
      return MediaKind.VIDEO;
    }
    return lower.endsWith(".gif") ? MediaKind.GIF : MediaKind.IMAGE;
  }

  private static void redirect(
      Context ctx, Workspace ws, PlannedPost post, PlannedVariant variant, String done) {
    ctx.redirect(
        "/w/"
            + ws.slug()
            + "/compose?post="
            + post.id()
            + "&done="
            + done
            + "#media-"
            + variant.channelId(),
        HttpStatus.SEE_OTHER);
  }
}
