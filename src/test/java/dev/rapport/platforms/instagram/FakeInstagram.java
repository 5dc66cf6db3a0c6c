package dev.rapport.platforms.instagram;

import static dev.rapport.platforms.graph.GraphFake.error;
import static dev.rapport.platforms.graph.GraphFake.required;

import dev.rapport.platforms.graph.FakeHttp;
import dev.rapport.platforms.graph.GraphFake;
import dev.rapport.platforms.graph.GraphTime;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The Instagram Graph API content-publishing and comment endpoints as documented, in memory: media
 * containers with a status the test can script, {@code media_publish} within the 24-hour quota,
 * comments and replies with {@code from{id,username}}, and {@code refresh_access_token}.
 */
final class FakeInstagram implements FakeHttp.Handler {

  static final String VERSION = "v24.0";
  static final String BRAND_ID = "17841400000000001";
  static final String BRAND_HANDLE = "rapport.bakery";
  static final String FAN_ID = "17841400000000777";
  static final String FAN_HANDLE = "maria.bakes";

  record Container(
      String id,
      String imageUrl,
      String videoUrl,
      String mediaType,
      String caption,
      String altText,
      List<String> children,
      boolean carouselItem) {}

  record Media(String id, String caption, List<String> altTexts, Instant timestamp) {}

  record Comment(
      String id,
      String mediaId,
      String parentId,
      String text,
      String fromId,
      String fromName,
      Instant at) {}

  final Set<String> validTokens = new HashSet<>(Set.of("ig-token-1"));
  final Set<String> expiredTokens = new HashSet<>();
  final Map<String, Container> containers = new LinkedHashMap<>();
  final Map<String, Deque<String>> scriptedStatus = new LinkedHashMap<>();
  final Map<String, Media> media = new LinkedHashMap<>();
  final Map<String, Comment> comments = new LinkedHashMap<>();
  final Map<String, Integer> likeCounts = new LinkedHashMap<>();
  final Deque<String> nextStatuses = new ArrayDeque<>();
  final Deque<FakeHttp.Response> nextPublishAnswers = new ArrayDeque<>();
  final AtomicLong ids = new AtomicLong(18000000000000000L);
  volatile int quotaTotal = 100;
  volatile int quotaUsage = 0;
  volatile Instant now = null;

  private Instant now() {
    return now == null ? Instant.now() : now;
  }

  @Override
  public synchronized FakeHttp.Response handle(FakeHttp.Request r) {
    if (r.path().equals("/refresh_access_token")) {
      return refresh(r);
    }
    String path = GraphFake.route(r, VERSION);
    if (path.equals("oauth/access_token")) {
      return exchange(r);
    }
    String token = required(r, "access_token");
    if (expiredTokens.contains(token)) {
      return GraphFake.expiredToken();
    }
    if (!validTokens.contains(token)) {
      return GraphFake.invalidToken();
    }
    String[] parts = path.split("/");
    if (parts.length == 2 && parts[0].equals(BRAND_ID)) {
      return switch (r.method() + " " + parts[1]) {
        case "POST media" -> createContainer(r);
        case "POST media_publish" -> publish(r);
        case "GET media" -> listMedia(r);
        case "GET content_publishing_limit" -> limit(r);
        default -> throw new FakeHttp.Violation("no such edge " + parts[1]);
      };
    }
    if (parts.length == 2 && r.method().equals("POST")) {
      return switch (parts[1]) {
        case "comments" -> comment(r, parts[0], null);
        case "replies" -> comment(r, comments.get(parts[0]).mediaId(), parts[0]);
        default -> throw new FakeHttp.Violation("no such edge " + parts[1]);
      };
    }
    if (parts.length == 2 && r.method().equals("GET")) {
      return listComments(r, parts[0], parts[1]);
    }
    if (parts.length == 1 && r.method().equals("GET")) {
      return node(r, parts[0]);
    }
    throw new FakeHttp.Violation("unknown request");
  }

  private FakeHttp.Response refresh(FakeHttp.Request r) {
    GraphFake.requireMethod(r, "GET");
    if (!"ig_refresh_token".equals(r.param("grant_type"))) {
      throw new FakeHttp.Violation("grant_type must be ig_refresh_token");
    }
    String token = required(r, "access_token");
    if (expiredTokens.contains(token) || !validTokens.contains(token)) {
      return GraphFake.expiredToken();
    }
    String fresh = "ig-token-" + ids.incrementAndGet();
    validTokens.add(fresh);
    return FakeHttp.Response.json(
        200, Map.of("access_token", fresh, "token_type", "bearer", "expires_in", 5183944));
  }

  /** Facebook Login: a valid long-lived user token exchanged for a fresh one. */
  private FakeHttp.Response exchange(FakeHttp.Request r) {
    GraphFake.requireMethod(r, "GET");
    if (!"fb_exchange_token".equals(r.param("grant_type"))) {
      throw new FakeHttp.Violation("grant_type must be fb_exchange_token");
    }
    required(r, "client_id");
    required(r, "client_secret");
    if (!validTokens.contains(required(r, "fb_exchange_token"))) {
      return GraphFake.expiredToken();
    }
    String fresh = "fb-user-token-" + ids.incrementAndGet();
    validTokens.add(fresh);
    return FakeHttp.Response.json(
        200, Map.of("access_token", fresh, "token_type", "bearer", "expires_in", 5184000));
  }

  private FakeHttp.Response createContainer(FakeHttp.Request r) {
    String type = r.param("media_type");
    String id = Long.toString(ids.incrementAndGet());
    boolean item = "true".equals(r.param("is_carousel_item"));
    if ("CAROUSEL".equals(type)) {
      List<String> children = List.of(required(r, "children").split(","));
      if (children.size() < 2 || children.size() > 10) {
        return error(400, "Invalid parameter", "OAuthException", 100, 2207028);
      }
      for (String c : children) {
        if (!containers.containsKey(c) || !containers.get(c).carouselItem()) {
          throw new FakeHttp.Violation("child " + c + " is not a carousel item container");
        }
      }
      containers.put(
          id, new Container(id, null, null, type, r.param("caption"), null, children, false));
    } else if ("REELS".equals(type) || "VIDEO".equals(type)) {
      containers.put(
          id,
          new Container(
              id, null, required(r, "video_url"), type, r.param("caption"), null, List.of(), item));
    } else if (type == null || type.equals("IMAGE")) {
      String url = required(r, "image_url");
      if (url.contains("unreachable")) {
        return error(
            400,
            "Only photo or video can be accepted as media type.",
            "OAuthException",
            9004,
            2207052);
      }
      if (item && r.param("caption") != null) {
        throw new FakeHttp.Violation("carousel items take no caption");
      }
      containers.put(
          id,
          new Container(
              id, url, null, "IMAGE", r.param("caption"), r.param("alt_text"), List.of(), item));
    } else {
      throw new FakeHttp.Violation("unknown media_type " + type);
    }
    Deque<String> script = new ArrayDeque<>(nextStatuses);
    nextStatuses.clear();
    if (script.isEmpty()) {
      script.add("FINISHED");
    }
    scriptedStatus.put(id, script);
    return FakeHttp.Response.json(200, Map.of("id", id));
  }

  private String status(String containerId) {
    Deque<String> script = scriptedStatus.get(containerId);
    return script.size() > 1 ? script.removeFirst() : script.peekFirst();
  }

  private FakeHttp.Response publish(FakeHttp.Request r) {
    if (!nextPublishAnswers.isEmpty()) {
      return nextPublishAnswers.removeFirst();
    }
    String creation = required(r, "creation_id");
    Container c = containers.get(creation);
    if (c == null || c.carouselItem()) {
      return error(400, "Media ID is not available", "OAuthException", 9007, 2207006);
    }
    if (!"FINISHED".equals(scriptedStatus.get(creation).peekFirst())
        || scriptedStatus.get(creation).size() > 1) {
      throw new FakeHttp.Violation("media_publish before the container is FINISHED");
    }
    if (quotaUsage >= quotaTotal) {
      return error(400, "Application request limit reached", "OAuthException", 9, 2207042);
    }
    quotaUsage++;
    List<String> alts = new ArrayList<>();
    if (c.children().isEmpty()) {
      if (c.altText() != null) {
        alts.add(c.altText());
      }
    } else {
      for (String child : c.children()) {
        if (containers.get(child).altText() != null) {
          alts.add(containers.get(child).altText());
        }
      }
    }
    String id = Long.toString(ids.incrementAndGet());
    media.put(id, new Media(id, c.caption() == null ? "" : c.caption(), alts, now()));
    scriptedStatus.put(creation, new ArrayDeque<>(List.of("PUBLISHED")));
    return FakeHttp.Response.json(200, Map.of("id", id));
  }

  private FakeHttp.Response node(FakeHttp.Request r, String id) {
    String fields = required(r, "fields");
    if (containers.containsKey(id)) {
      if (!fields.contains("status_code")) {
        throw new FakeHttp.Violation("container read without status_code");
      }
      String status = status(id);
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("id", id);
      out.put("status_code", status);
      out.put(
          "status",
          status.equals("ERROR")
              ? "Error: The media could not be fetched from this URI (2207052)"
              : status.equals("FINISHED") ? "Finished: Media has been uploaded" : status);
      return FakeHttp.Response.json(200, out);
    }
    Media m = media.get(id);
    if (m == null) {
      return error(
          400,
          "Unsupported get request. Object with ID '" + id + "' does not exist",
          "GraphMethodException",
          100,
          33);
    }
    return FakeHttp.Response.json(200, mediaJson(m));
  }

  private Map<String, Object> mediaJson(Media m) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", m.id());
    out.put("caption", m.caption());
    out.put("timestamp", GraphTime.format(m.timestamp()));
    out.put("permalink", "https://www.instagram.com/p/" + m.id() + "/");
    out.put("like_count", likeCounts.getOrDefault(m.id(), 0));
    return out;
  }

  private FakeHttp.Response listMedia(FakeHttp.Request r) {
    required(r, "fields");
    List<Map<String, Object>> all =
        media.values().stream()
            .sorted(Comparator.comparing(Media::timestamp).reversed())
            .map(this::mediaJson)
            .toList();
    return FakeHttp.Response.json(200, GraphFake.page(all, r, 25));
  }

  private FakeHttp.Response limit(FakeHttp.Request r) {
    return FakeHttp.Response.json(
        200,
        Map.of(
            "data",
            List.of(
                Map.of(
                    "quota_usage",
                    quotaUsage,
                    "config",
                    Map.of("quota_total", quotaTotal, "quota_duration", 86400)))));
  }

  private FakeHttp.Response comment(FakeHttp.Request r, String mediaId, String parentId) {
    if (!media.containsKey(mediaId)) {
      return error(400, "Unsupported post request", "GraphMethodException", 100, 33);
    }
    String text = required(r, "message");
    String id = Long.toString(ids.incrementAndGet());
    comments.put(id, new Comment(id, mediaId, parentId, text, BRAND_ID, BRAND_HANDLE, now()));
    return FakeHttp.Response.json(200, Map.of("id", id));
  }

  String addFanComment(String mediaId, String parentId, String text) {
    String id = Long.toString(ids.incrementAndGet());
    comments.put(id, new Comment(id, mediaId, parentId, text, FAN_ID, FAN_HANDLE, now()));
    return id;
  }

  private Map<String, Object> commentJson(Comment c, boolean withReplies) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", c.id());
    out.put("text", c.text());
    out.put("timestamp", GraphTime.format(c.at()));
    out.put("username", c.fromName());
    out.put("from", Map.of("id", c.fromId(), "username", c.fromName()));
    if (withReplies) {
      List<Map<String, Object>> replies =
          comments.values().stream()
              .filter(x -> c.id().equals(x.parentId()))
              .map(x -> commentJson(x, false))
              .toList();
      out.put("replies", Map.of("data", replies));
    }
    return out;
  }

  private FakeHttp.Response listComments(FakeHttp.Request r, String id, String edge) {
    String fields = required(r, "fields");
    List<Map<String, Object>> list;
    if (edge.equals("comments")) {
      if (!media.containsKey(id)) {
        return error(400, "Unsupported get request", "GraphMethodException", 100, 33);
      }
      boolean nested = fields.contains("replies{");
      list =
          comments.values().stream()
              .filter(c -> c.mediaId().equals(id) && c.parentId() == null)
              .map(c -> commentJson(c, nested))
              .toList();
    } else if (edge.equals("replies")) {
      list =
          comments.values().stream()
              .filter(c -> id.equals(c.parentId()))
              .map(c -> commentJson(c, false))
              .toList();
    } else {
      throw new FakeHttp.Violation("no such edge " + edge);
    }
    return FakeHttp.Response.json(200, GraphFake.page(list, r, 25));
  }
}
