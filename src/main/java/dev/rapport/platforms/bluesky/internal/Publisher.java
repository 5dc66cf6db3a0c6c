package dev.rapport.platforms.bluesky.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rapport.content.quality.MediaKind;
import dev.rapport.platforms.Account;
import dev.rapport.platforms.Lookup;
import dev.rapport.platforms.MediaItem;
import dev.rapport.platforms.OutboundPolicy;
import dev.rapport.platforms.Outgoing;
import dev.rapport.platforms.PublishResult;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Publishes posts, replies and thread parts, and finds them again. Every attempt of one variant
 * asks for the same record key ({@link RecordKeys}), so the PDS itself refuses a second copy and a
 * failed or doubtful attempt can be settled with one getRecord.
 */
public final class Publisher {

  static final String POST = "app.bsky.feed.post";
  static final int MAX_IMAGES = 4;
  static final int MAX_IMAGE_BYTES = 1_000_000;
  static final int MAX_ALT_GRAPHEMES = 2000;
  static final Set<String> IMAGE_TYPES =
      Set.of("image/jpeg", "image/png", "image/webp", "image/gif");

  private final BlueskyApi api;
  private final Clock clock;

  public Publisher(BlueskyApi api, Clock clock) {
    this.api = api;
    this.clock = clock;
  }

  public PublishResult publish(Account account, Outgoing post) {
    PublishResult.Rejected invalid = validate(post);
    if (invalid != null) {
      return invalid;
    }
    Sessions.Session session;
    try {
      session = api.session(account);
    } catch (SessionFailure f) {
      return sessionFailure(f);
    } catch (Xrpc.TransportFailure f) {
      return new PublishResult.Retryable("Bluesky could not be reached: " + f.getMessage(), null);
    } catch (OutboundPolicy.RefusedHostException e) {
      return refusedHost(e);
    }
    // Everything before createRecord changes nothing visible: any failure there is retryable.
    Map<String, Object> record;
    try {
      record = record(account, session, post);
    } catch (Refusal r) {
      return r.result;
    } catch (Xrpc.TransportFailure f) {
      return new PublishResult.Retryable(
          "Bluesky could not be reached before posting: " + f.getMessage(), null);
    } catch (SessionFailure f) {
      return sessionFailure(f);
    }
    String rkey =
        post.scheduledAt() == null
            ? null
            : RecordKeys.forPost(post.idempotencyKey(), post.scheduledAt());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("repo", session.did());
    body.put("collection", POST);
    if (rkey != null) {
      body.put("rkey", rkey);
    }
    body.put("record", record);
    XrpcResponse r;
    try {
      r = api.post(account, "com.atproto.repo.createRecord", body);
    } catch (Xrpc.TransportFailure f) {
      return f.maybeProcessed()
          ? new PublishResult.Unknown(
              "Bluesky did not confirm the post ("
                  + f.getMessage()
                  + "); Rapport checks whether it"
                  + " was published before trying again")
          : new PublishResult.Retryable("Bluesky could not be reached: " + f.getMessage(), null);
    } catch (SessionFailure f) {
      return sessionFailure(f);
    }
    if (r.ok()) {
      return published(account, r.body().path("uri").asText(), clock.instant());
    }
    return failed(account, session, post, rkey, r);
  }

  private PublishResult failed(
      Account account, Sessions.Session session, Outgoing post, String rkey, XrpcResponse r) {
    if (r.status() == 429) {
      return new PublishResult.Retryable(
          "Bluesky's rate limit is reached; nothing was published",
          r.retryAfter(clock).orElse(null));
    }
    if (rkey != null && r.status() != 401) {
      // A second attempt of a published variant fails on the taken record key; so may a crash
      // inside the PDS after the write. Either way the record says what happened.
      Lookup lookup = byKey(account, session, rkey);
      if (lookup instanceof Lookup.Found found) {
        return found.post();
      }
      if (lookup instanceof Lookup.NotFound && r.status() >= 500) {
        return new PublishResult.Retryable(
            "Bluesky failed (" + r.message() + "); nothing was published",
            r.retryAfter(clock).orElse(null));
      }
      if (lookup instanceof Lookup.CannotTell && r.status() >= 500) {
        return new PublishResult.Unknown(
            "Bluesky failed (" + r.message() + ") and could not say whether the post exists");
      }
    }
    if (r.status() == 503) {
      return new PublishResult.Retryable(
          "Bluesky is unavailable (" + r.message() + ")", r.retryAfter(clock).orElse(null));
    }
    if (r.status() >= 500) {
      return new PublishResult.Unknown(
          "Bluesky answered " + r.status() + " (" + r.message() + "); the post may exist");
    }
    if (r.status() == 401 || r.status() == 403) {
      account.reconnectNeeded("Bluesky refused the account's session: " + r.message());
      return new PublishResult.Rejected(
          "Bluesky refused the account's session: " + r.message(),
          "Reconnect the channel with a new app password.",
          true);
    }
    return new PublishResult.Rejected(
        "Bluesky refused the post: " + r.message(),
        "Change the Bluesky variant as the message says, then schedule it again.",
        false);
  }

  public Lookup find(Account account, Outgoing post) {
    try {
      Sessions.Session session = api.session(account);
      if (post.scheduledAt() != null) {
        Lookup byKey =
            byKey(account, session, RecordKeys.forPost(post.idempotencyKey(), post.scheduledAt()));
        if (!(byKey instanceof Lookup.NotFound)) {
          return byKey;
        }
      }
      return byText(account, session, post);
    } catch (SessionFailure f) {
      return new Lookup.CannotTell(f.getMessage());
    } catch (Xrpc.TransportFailure f) {
      return new Lookup.CannotTell("Bluesky could not be reached: " + f.getMessage());
    } catch (OutboundPolicy.RefusedHostException e) {
      return new Lookup.CannotTell(e.getMessage());
    }
  }

  private Lookup byKey(Account account, Sessions.Session session, String rkey) {
    XrpcResponse r;
    try {
      r =
          api.get(
              account,
              "com.atproto.repo.getRecord",
              Map.of("repo", session.did(), "collection", POST, "rkey", rkey));
    } catch (Xrpc.TransportFailure f) {
      return new Lookup.CannotTell("Bluesky could not be reached: " + f.getMessage());
    }
    if (r.ok()) {
      Instant created = Profiles.time(r.body().path("value").path("createdAt"));
      return new Lookup.Found(
          published(
              account, r.body().path("uri").asText(), created == null ? clock.instant() : created));
    }
    if (r.status() == 400 && r.error().equals("RecordNotFound")) {
      return new Lookup.NotFound();
    }
    return new Lookup.CannotTell("Bluesky could not be asked: " + r.message());
  }

  /** Posts made without a chosen key: the account's newest records with the same text. */
  private Lookup byText(Account account, Sessions.Session session, Outgoing post) {
    String cursor = null;
    Instant earliest =
        post.scheduledAt() == null ? null : post.scheduledAt().minus(Duration.ofHours(1));
    for (int page = 0; page < 3; page++) {
      Map<String, Object> params = new LinkedHashMap<>();
      params.put("repo", session.did());
      params.put("collection", POST);
      params.put("limit", 100);
      params.put("cursor", cursor);
      XrpcResponse r = api.get(account, "com.atproto.repo.listRecords", params);
      if (!r.ok()) {
        return new Lookup.CannotTell("Bluesky could not list the account's posts: " + r.message());
      }
      boolean older = false;
      for (JsonNode rec : r.body().path("records")) {
        JsonNode value = rec.path("value");
        Instant created = Profiles.time(value.path("createdAt"));
        if (earliest != null && created != null && created.isBefore(earliest)) {
          older = true;
          continue;
        }
        if (post.text().equals(value.path("text").asText()) && sameParent(post, value)) {
          return new Lookup.Found(
              published(
                  account, rec.path("uri").asText(), created == null ? clock.instant() : created));
        }
      }
      cursor = r.body().path("cursor").asText(null);
      if (cursor == null || older || r.body().path("records").isEmpty()) {
        break;
      }
    }
    return new Lookup.NotFound();
  }

  private static boolean sameParent(Outgoing post, JsonNode value) {
    String parent = value.path("reply").path("parent").path("uri").asText(null);
    String wanted = post.replyTo() == null ? null : post.replyTo().platformPostId();
    return java.util.Objects.equals(parent, wanted);
  }

  private PublishResult.Published published(Account account, String uri, Instant at) {
    AtUri at1 = AtUri.parse(uri);
    String who =
        account.handle() != null && !account.handle().isBlank() ? account.handle() : at1.repo();
    return new PublishResult.Published(
        uri, "https://bsky.app/profile/" + who + "/post/" + at1.rkey(), at);
  }

  private Map<String, Object> record(Account account, Sessions.Session session, Outgoing post) {
    Map<String, Object> record = new LinkedHashMap<>();
    record.put("$type", POST);
    record.put("text", post.text());
    record.put("createdAt", clock.instant().toString());
    List<Map<String, Object>> facets = RichText.facets(post.text(), h -> resolveHandle(account, h));
    if (!facets.isEmpty()) {
      record.put("facets", facets);
    }
    if (post.replyTo() != null) {
      record.put("reply", replyRefs(account, post.replyTo()));
    }
    if (!post.media().isEmpty()) {
      List<Map<String, Object>> images = new ArrayList<>();
      for (MediaItem m : post.media()) {
        Map<String, Object> image = new LinkedHashMap<>();
        image.put("alt", m.altText() == null ? "" : m.altText());
        image.put("image", upload(account, m));
        if (m.width() != null && m.height() != null && m.width() > 0 && m.height() > 0) {
          image.put("aspectRatio", Map.of("width", m.width(), "height", m.height()));
        }
        images.add(image);
      }
      record.put("embed", Map.of("$type", "app.bsky.embed.images", "images", images));
    }
    return record;
  }

  private Object upload(Account account, MediaItem m) {
    XrpcResponse r = api.upload(account, m.bytes(), m.contentType());
    if (r.ok() && r.body().has("blob")) {
      return Xrpc.JSON.convertValue(r.body().get("blob"), Object.class);
    }
    if (r.status() == 429 || r.status() >= 500) {
      throw new Refusal(
          new PublishResult.Retryable(
              "Bluesky did not take the image " + name(m) + " (" + r.message() + ")",
              r.retryAfter(clock).orElse(null)));
    }
    throw new Refusal(
        new PublishResult.Rejected(
            "Bluesky refused the image " + name(m) + ": " + r.message(),
            "Use a JPEG, PNG or WebP image under 1 MB.",
            false));
  }

  private Map<String, Object> replyRefs(Account account, Outgoing.ReplyTarget target) {
    JsonNode parent = getRecord(account, target.platformPostId());
    Map<String, Object> parentRef = ref(parent);
    Map<String, Object> rootRef;
    String rootUri = target.rootPlatformPostId();
    if (rootUri != null && !rootUri.equals(target.platformPostId())) {
      rootRef = ref(getRecord(account, rootUri));
    } else if (rootUri == null && parent.path("value").path("reply").has("root")) {
      // The parent is itself a reply: the thread's root is its root.
      JsonNode root = parent.path("value").path("reply").path("root");
      rootRef = Map.of("uri", root.path("uri").asText(), "cid", root.path("cid").asText());
    } else {
      rootRef = parentRef;
    }
    return Map.of("root", rootRef, "parent", parentRef);
  }

  private static Map<String, Object> ref(JsonNode record) {
    return Map.of("uri", record.path("uri").asText(), "cid", record.path("cid").asText());
  }

  private JsonNode getRecord(Account account, String uri) {
    AtUri at;
    try {
      at = AtUri.parse(uri);
    } catch (IllegalArgumentException e) {
      throw new Refusal(
          new PublishResult.Rejected(
              "The post to reply to is not a Bluesky post (" + uri + ")",
              "Reply to a Bluesky post from the same channel.",
              false));
    }
    XrpcResponse r =
        api.get(
            account,
            "com.atproto.repo.getRecord",
            Map.of("repo", at.repo(), "collection", at.collection(), "rkey", at.rkey()));
    if (r.ok()) {
      return r.body();
    }
    if (r.status() == 400 && r.error().equals("RecordNotFound")) {
      throw new Refusal(
          new PublishResult.Rejected(
              "The post to reply to no longer exists on Bluesky (" + uri + ")",
              "Remove the reply or attach it to another post.",
              false));
    }
    throw new Refusal(
        new PublishResult.Retryable(
            "Bluesky could not show the post to reply to: " + r.message(),
            r.retryAfter(clock).orElse(null)));
  }

  private String resolveHandle(Account account, String handle) {
    XrpcResponse r =
        api.publicGet(account, "com.atproto.identity.resolveHandle", Map.of("handle", handle));
    if (r.ok()) {
      return r.body().path("did").asText(null);
    }
    if (r.status() == 429 || r.status() >= 500) {
      throw new Refusal(
          new PublishResult.Retryable(
              "Bluesky could not resolve @" + handle + ": " + r.message(),
              r.retryAfter(clock).orElse(null)));
    }
    return null; // no such handle: the text stays as written
  }

  private static PublishResult.Rejected validate(Outgoing post) {
    int graphemes = RichText.graphemes(post.text());
    if (graphemes > RichText.MAX_GRAPHEMES) {
      return new PublishResult.Rejected(
          "Bluesky allows " + RichText.MAX_GRAPHEMES + " characters; this text has " + graphemes,
          "Shorten the Bluesky variant by "
              + (graphemes - RichText.MAX_GRAPHEMES)
              + " characters, or split it into a thread.",
          false);
    }
    if (RichText.bytes(post.text()) > RichText.MAX_BYTES) {
      return new PublishResult.Rejected(
          "Bluesky allows "
              + RichText.MAX_BYTES
              + " bytes of text; this text has "
              + RichText.bytes(post.text()),
          "Shorten the Bluesky variant.",
          false);
    }
    if (post.text().isBlank() && post.media().isEmpty()) {
      return new PublishResult.Rejected(
          "The Bluesky variant is empty", "Write a text or attach an image.", false);
    }
    if (post.media().size() > MAX_IMAGES) {
      return new PublishResult.Rejected(
          "Bluesky takes at most "
              + MAX_IMAGES
              + " images per post; this post has "
              + post.media().size(),
          "Remove "
              + (post.media().size() - MAX_IMAGES)
              + " image(s) or split the post into a thread.",
          false);
    }
    for (MediaItem m : post.media()) {
      if (m.kind() != MediaKind.IMAGE
          || !IMAGE_TYPES.contains(m.contentType().toLowerCase(java.util.Locale.ROOT))) {
        return new PublishResult.Rejected(
            "Bluesky posts from Rapport take images only; " + name(m) + " is " + m.contentType(),
            "Attach JPEG, PNG, WebP or GIF images.",
            false);
      }
      if (m.bytes() == null || m.bytes().length == 0) {
        return new PublishResult.Rejected(
            "The image " + name(m) + " has no content to upload",
            "Attach the image file again.",
            false);
      }
      if (m.bytes().length > MAX_IMAGE_BYTES) {
        return new PublishResult.Rejected(
            "Bluesky takes images up to 1 MB; "
                + name(m)
                + " has "
                + (m.bytes().length / 1024)
                + " KB",
            "Resize or compress the image below 1 MB.",
            false);
      }
      if (m.altText() != null && RichText.graphemes(m.altText()) > MAX_ALT_GRAPHEMES) {
        return new PublishResult.Rejected(
            "Bluesky alt text is limited to " + MAX_ALT_GRAPHEMES + " characters (" + name(m) + ")",
            "Shorten the image description.",
            false);
      }
    }
    return null;
  }

  private static String name(MediaItem m) {
    return m.fileName() == null ? "(unnamed)" : m.fileName();
  }

  private static PublishResult sessionFailure(SessionFailure f) {
    return f.reconnect()
        ? new PublishResult.Rejected(
            f.getMessage(),
            "Create a new app password in Bluesky (Settings → Privacy and security → App"
                + " passwords) and reconnect the channel in Rapport.",
            true)
        : new PublishResult.Retryable(f.getMessage(), f.retryAfter());
  }

  private static PublishResult.Rejected refusedHost(OutboundPolicy.RefusedHostException e) {
    return new PublishResult.Rejected(
        e.getMessage(),
        "Connect the channel to a public Bluesky server (https://bsky.social).",
        false);
  }

  /** A publish step that ends the attempt with a known result. */
  private static final class Refusal extends RuntimeException {
    final transient PublishResult result;

    Refusal(PublishResult result) {
      super(null, null, false, false);
      this.result = result;
    }
  }
}
