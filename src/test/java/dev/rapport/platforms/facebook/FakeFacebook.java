package dev.rapport.platforms.facebook;

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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Graph API Page endpoints as documented, in memory: {@code /{page}/feed} (message, link,
 * attached_media), {@code /{page}/photos} (url or source, caption, published, alt_text_custom),
 * {@code /{object}/comments}, {@code /{page}/posts}, {@code /{post}/reactions}.
 */
final class FakeFacebook implements FakeHttp.Handler {

  static final String VERSION = "v24.0";
  static final String PAGE_ID = "104000000000001";
  static final String FAN_ID = "7000000000000042";
  static final String FAN_NAME = "Maria Baker";
  static final String TOKEN = "page-token-1";

  record Photo(String id, String url, byte[] bytes, String altText, boolean published) {}

  record Post(String id, String message, String link, List<String> altTexts, Instant at) {}

  record Comment(
      String id,
      String objectId,
      String postId,
      String message,
      String fromId,
      String fromName,
      Instant at) {}

  record Reaction(String postId, String userId, String name, String type) {}

  final Set<String> validTokens = new HashSet<>(Set.of(TOKEN));
  final Set<String> expiredTokens = new HashSet<>();
  final Map<String, Photo> photos = new LinkedHashMap<>();
  final Map<String, Post> posts = new LinkedHashMap<>();
  final Map<String, Comment> comments = new LinkedHashMap<>();
  final List<Reaction> reactions = new ArrayList<>();
  final Deque<FakeHttp.Response> nextFeedAnswers = new ArrayDeque<>();
  final AtomicLong ids = new AtomicLong(900000000000L);
  volatile Instant now = null;

  private Instant now() {
    return now == null ? Instant.now() : now;
  }

  @Override
  public synchronized FakeHttp.Response handle(FakeHttp.Request r) {
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
    if (parts.length != 2) {
      throw new FakeHttp.Violation("unknown request");
    }
    String node = parts[0];
    return switch (r.method() + " " + parts[1]) {
      case "POST feed" -> feed(r, node);
      case "POST photos" -> photo(r, node);
      case "POST comments" -> comment(r, node);
      case "GET posts" -> listPosts(r, node);
      case "GET comments" -> listComments(r, node);
      case "GET reactions" -> listReactions(r, node);
      default -> throw new FakeHttp.Violation("no such edge " + parts[1]);
    };
  }

  private FakeHttp.Response exchange(FakeHttp.Request r) {
    if (!"fb_exchange_token".equals(r.param("grant_type"))) {
      throw new FakeHttp.Violation("grant_type must be fb_exchange_token");
    }
    required(r, "client_id");
    required(r, "client_secret");
    String old = required(r, "fb_exchange_token");
    if (!validTokens.contains(old)) {
      return GraphFake.expiredToken();
    }
    String fresh = "user-token-" + ids.incrementAndGet();
    validTokens.add(fresh);
    return FakeHttp.Response.json(
        200, Map.of("access_token", fresh, "token_type", "bearer", "expires_in", 5184000));
  }

  private void requirePage(String node) {
    if (!node.equals(PAGE_ID)) {
      throw new FakeHttp.Violation("not the page " + node);
    }
  }

  private FakeHttp.Response feed(FakeHttp.Request r, String node) {
    requirePage(node);
    if (!nextFeedAnswers.isEmpty()) {
      return nextFeedAnswers.removeFirst();
    }
    String message = r.param("message");
    List<String> alts = new ArrayList<>();
    Pattern fbid = Pattern.compile("\\{\"media_fbid\":\"(\\d+)\"}");
    for (int i = 0; r.param("attached_media[" + i + "]") != null; i++) {
      Matcher m = fbid.matcher(r.param("attached_media[" + i + "]"));
      if (!m.matches() || !photos.containsKey(m.group(1)) || photos.get(m.group(1)).published()) {
        throw new FakeHttp.Violation("attached_media must name an unpublished photo");
      }
      if (photos.get(m.group(1)).altText() != null) {
        alts.add(photos.get(m.group(1)).altText());
      }
    }
    if ((message == null || message.isBlank())
        && r.param("link") == null
        && alts.isEmpty()
        && r.param("attached_media[0]") == null) {
      return error(400, "(#100) Missing message or attachment", "OAuthException", 100, 0);
    }
    String id = PAGE_ID + "_" + ids.incrementAndGet();
    posts.put(id, new Post(id, message == null ? "" : message, r.param("link"), alts, now()));
    return FakeHttp.Response.json(200, Map.of("id", id));
  }

  private FakeHttp.Response photo(FakeHttp.Request r, String node) {
    requirePage(node);
    String url = r.param("url");
    byte[] source = r.files().get("source");
    if (url == null && source == null) {
      return error(400, "(#324) Requires upload file", "OAuthException", 324, 0);
    }
    boolean published = !"false".equals(r.param("published"));
    String id = Long.toString(ids.incrementAndGet());
    photos.put(id, new Photo(id, url, source, r.param("alt_text_custom"), published));
    if (!published) {
      if (r.param("caption") != null) {
        throw new FakeHttp.Violation("an unpublished photo's caption would be lost");
      }
      return FakeHttp.Response.json(200, Map.of("id", id));
    }
    String postId = PAGE_ID + "_" + id;
    String alt = r.param("alt_text_custom");
    posts.put(
        postId,
        new Post(
            postId,
            r.param("caption") == null ? "" : r.param("caption"),
            null,
            alt == null ? List.of() : List.of(alt),
            now()));
    return FakeHttp.Response.json(200, Map.of("id", id, "post_id", postId));
  }

  private FakeHttp.Response comment(FakeHttp.Request r, String node) {
    String postId =
        posts.containsKey(node)
            ? node
            : comments.containsKey(node) ? comments.get(node).postId() : null;
    if (postId == null) {
      return error(
          400,
          "(#100) Unsupported post request. Object with ID '" + node + "' does not exist",
          "GraphMethodException",
          100,
          33);
    }
    String id = postId.split("_")[1] + "_" + ids.incrementAndGet();
    comments.put(
        id,
        new Comment(id, node, postId, required(r, "message"), PAGE_ID, "Rapport Bakery", now()));
    return FakeHttp.Response.json(200, Map.of("id", id));
  }

  String addFanComment(String objectId, String message) {
    String postId = posts.containsKey(objectId) ? objectId : comments.get(objectId).postId();
    String id = postId.split("_")[1] + "_" + ids.incrementAndGet();
    comments.put(id, new Comment(id, objectId, postId, message, FAN_ID, FAN_NAME, now()));
    return id;
  }

  private Map<String, Object> json(Post p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", p.id());
    out.put("message", p.message());
    out.put("created_time", GraphTime.format(p.at()));
    out.put("permalink_url", "https://www.facebook.com/" + p.id());
    return out;
  }

  private FakeHttp.Response listPosts(FakeHttp.Request r, String node) {
    requirePage(node);
    required(r, "fields");
    List<Map<String, Object>> all =
        posts.values().stream()
            .sorted(Comparator.comparing(Post::at).reversed())
            .map(this::json)
            .toList();
    return FakeHttp.Response.json(200, GraphFake.page(all, r, 25));
  }

  private FakeHttp.Response listComments(FakeHttp.Request r, String node) {
    required(r, "fields");
    boolean stream = "stream".equals(r.param("filter"));
    List<Map<String, Object>> list =
        comments.values().stream()
            .filter(c -> stream ? c.postId().equals(node) : c.objectId().equals(node))
            .map(
                c -> {
                  Map<String, Object> out = new LinkedHashMap<>();
                  out.put("id", c.id());
                  out.put("message", c.message());
                  out.put("created_time", GraphTime.format(c.at()));
                  out.put("from", Map.of("id", c.fromId(), "name", c.fromName()));
                  return out;
                })
            .toList();
    return FakeHttp.Response.json(200, GraphFake.page(list, r, 25));
  }

  private FakeHttp.Response listReactions(FakeHttp.Request r, String node) {
    if (!posts.containsKey(node)) {
      return error(400, "Unsupported get request", "GraphMethodException", 100, 33);
    }
    List<Map<String, Object>> list =
        reactions.stream()
            .filter(x -> x.postId().equals(node))
            .map(x -> Map.<String, Object>of("id", x.userId(), "name", x.name(), "type", x.type()))
            .toList();
    return FakeHttp.Response.json(200, GraphFake.page(list, r, 25));
  }
}
