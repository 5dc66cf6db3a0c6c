package dev.rapport.platforms.linkedin;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rapport.platforms.graph.FakeHttp;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
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
 * LinkedIn's versioned REST API as documented, in memory: {@code /rest/posts} (create and the
 * author finder), {@code /rest/images?action=initializeUpload} with the upload PUT, {@code
 * /rest/socialActions/{urn}/comments} and {@code /likes}, and {@code /oauth/v2/accessToken}. Every
 * call must carry the bearer token, {@code LinkedIn-Version} and {@code X-Restli-Protocol-Version:
 * 2.0.0}.
 */
final class FakeLinkedIn implements FakeHttp.Handler {

  static final String VERSION = "202510";
  static final String ORG = "urn:li:organization:5515715";
  static final String FAN = "urn:li:person:8675309";

  record Image(String urn, byte[] bytes) {}

  record Post(String urn, String commentary, List<String> altTexts, Instant at) {}

  record Comment(
      String urn,
      String id,
      String postUrn,
      String parentUrn,
      String actor,
      String text,
      Instant at) {}

  record Like(String postUrn, String actor, Instant at) {}

  final Set<String> validTokens = new HashSet<>(Set.of("li-token-1"));
  final Map<String, String> refreshTokens = new LinkedHashMap<>(Map.of("li-refresh-1", "ok"));
  final Map<String, Image> images = new LinkedHashMap<>();
  final Map<String, Post> posts = new LinkedHashMap<>();
  final Map<String, Comment> comments = new LinkedHashMap<>();
  final List<Like> likes = new ArrayList<>();
  final Deque<FakeHttp.Response> nextPostAnswers = new ArrayDeque<>();
  final AtomicLong ids = new AtomicLong(7100000000000000000L);
  volatile String base;
  volatile Instant now = null;

  private Instant now() {
    return now == null ? Instant.now() : now;
  }

  static FakeHttp.Response error(int status, String code, int serviceErrorCode, String message) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("status", status);
    if (serviceErrorCode != 0) {
      body.put("serviceErrorCode", serviceErrorCode);
    }
    body.put("code", code);
    body.put("message", message);
    return FakeHttp.Response.json(status, body);
  }

  /** The text as LinkedIn shows it: little-text escapes and hashtag templates resolved. */
  static String shown(String commentary) {
    String s = commentary.replaceAll("\\{hashtag\\|\\\\#\\|([^}]*)}", "#$1");
    return s.replaceAll("\\\\(.)", "$1");
  }

  @Override
  public synchronized FakeHttp.Response handle(FakeHttp.Request r) {
    if (r.path().equals("/oauth/v2/accessToken")) {
      return token(r);
    }
    if (r.path().startsWith("/dms-uploads/")) {
      return upload(r);
    }
    if (!r.path().startsWith("/rest/")) {
      throw new FakeHttp.Violation("versioned APIs live under /rest/");
    }
    if (!VERSION.equals(r.headers().getFirst("LinkedIn-Version"))) {
      throw new FakeHttp.Violation("LinkedIn-Version must be " + VERSION);
    }
    if (!"2.0.0".equals(r.headers().getFirst("X-Restli-Protocol-Version"))) {
      throw new FakeHttp.Violation("X-Restli-Protocol-Version must be 2.0.0");
    }
    String auth = r.headers().getFirst("Authorization");
    if (auth == null || !auth.startsWith("Bearer ") || !validTokens.contains(auth.substring(7))) {
      return error(401, "INVALID_ACCESS_TOKEN", 65600, "Invalid access token");
    }
    String path = r.path();
    if (path.equals("/rest/posts") && r.method().equals("POST")) {
      return createPost(r);
    }
    if (path.equals("/rest/posts") && r.method().equals("GET")) {
      return findPosts(r);
    }
    if (path.equals("/rest/images") && r.method().equals("POST")) {
      return initializeUpload(r);
    }
    if (path.startsWith("/rest/socialActions/")) {
      String[] parts = path.substring("/rest/socialActions/".length()).split("/");
      String urn = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
      if (urn.equals(parts[0]) && urn.contains(":")) {
        throw new FakeHttp.Violation("URNs in paths must be URL-encoded");
      }
      return switch (r.method() + " " + parts[1]) {
        case "POST comments" -> comment(r, urn);
        case "GET comments" -> listComments(r, urn);
        case "GET likes" -> listLikes(r, urn);
        default -> throw new FakeHttp.Violation("unknown social action");
      };
    }
    throw new FakeHttp.Violation("unknown resource");
  }

  private FakeHttp.Response token(FakeHttp.Request r) {
    if (!r.method().equals("POST")) {
      throw new FakeHttp.Violation("token refresh is a POST");
    }
    if (!"refresh_token".equals(r.param("grant_type"))
        || r.param("client_id") == null
        || r.param("client_secret") == null) {
      throw new FakeHttp.Violation(
          "grant_type=refresh_token, client_id and client_secret required");
    }
    if (!refreshTokens.containsKey(r.param("refresh_token"))) {
      return FakeHttp.Response.json(
          400,
          Map.of(
              "error", "invalid_grant",
              "error_description",
                  "The provided authorization grant or refresh token is invalid, expired or revoked"));
    }
    String fresh = "li-token-" + ids.incrementAndGet();
    validTokens.add(fresh);
    return FakeHttp.Response.json(
        200,
        Map.of(
            "access_token",
            fresh,
            "expires_in",
            5184000,
            "refresh_token",
            r.param("refresh_token"),
            "refresh_token_expires_in",
            20000000));
  }

  private JsonNode json(FakeHttp.Request r) {
    if (!String.valueOf(r.headers().getFirst("Content-Type")).startsWith("application/json")) {
      throw new FakeHttp.Violation("JSON body expected");
    }
    try {
      return FakeHttp.JSON.readTree(r.body());
    } catch (IOException e) {
      throw new FakeHttp.Violation("unreadable JSON");
    }
  }

  private FakeHttp.Response initializeUpload(FakeHttp.Request r) {
    if (!"initializeUpload".equals(r.query().get("action"))) {
      throw new FakeHttp.Violation("action=initializeUpload expected");
    }
    String owner = json(r).path("initializeUploadRequest").path("owner").asText(null);
    if (!ORG.equals(owner)) {
      throw new FakeHttp.Violation("owner must be the author");
    }
    String id = "C4E10AQ" + ids.incrementAndGet();
    images.put("urn:li:image:" + id, new Image("urn:li:image:" + id, null));
    return FakeHttp.Response.json(
        200,
        Map.of(
            "value",
            Map.of(
                "uploadUrlExpiresAt", now().plusSeconds(3600).toEpochMilli(),
                "uploadUrl", base + "/dms-uploads/" + id,
                "image", "urn:li:image:" + id)));
  }

  private FakeHttp.Response upload(FakeHttp.Request r) {
    if (!r.method().equals("PUT")) {
      throw new FakeHttp.Violation("uploads are PUT");
    }
    String urn = "urn:li:image:" + r.path().substring("/dms-uploads/".length());
    if (!images.containsKey(urn) || r.body().length == 0) {
      throw new FakeHttp.Violation("upload to an unknown URL or without bytes");
    }
    images.put(urn, new Image(urn, r.body()));
    return FakeHttp.Response.empty(201);
  }

  private FakeHttp.Response createPost(FakeHttp.Request r) {
    if (!nextPostAnswers.isEmpty()) {
      return nextPostAnswers.removeFirst();
    }
    JsonNode b = json(r);
    if (!ORG.equals(b.path("author").asText())) {
      return error(
          403,
          "ACCESS_DENIED",
          100,
          "Not enough permissions to access: partnerApiPostsExternal.CREATE.20251001");
    }
    if (!"PUBLISHED".equals(b.path("lifecycleState").asText())
        || !"PUBLIC".equals(b.path("visibility").asText())
        || !"MAIN_FEED".equals(b.path("distribution").path("feedDistribution").asText())) {
      throw new FakeHttp.Violation("lifecycleState, visibility and distribution are required");
    }
    String commentary = b.path("commentary").asText("");
    if (shown(commentary).length() > 3000) {
      return error(
          422, "UNPROCESSABLE_ENTITY", 0, "ERROR :: /commentary :: length must be <= 3000");
    }
    List<String> alts = new ArrayList<>();
    JsonNode content = b.path("content");
    List<JsonNode> media = new ArrayList<>();
    if (content.has("media")) {
      media.add(content.get("media"));
    }
    content.path("multiImage").path("images").forEach(media::add);
    for (JsonNode m : media) {
      Image image = images.get(m.path("id").asText());
      if (image == null || image.bytes() == null) {
        return error(
            422, "UNPROCESSABLE_ENTITY", 0, "ERROR :: /content/media/id :: image not uploaded");
      }
      if (m.has("altText")) {
        alts.add(m.get("altText").asText());
      }
    }
    String urn = "urn:li:share:" + ids.incrementAndGet();
    posts.put(urn, new Post(urn, commentary, alts, now()));
    return FakeHttp.Response.empty(201).header("x-restli-id", urn);
  }

  private FakeHttp.Response findPosts(FakeHttp.Request r) {
    if (!"author".equals(r.param("q"))) {
      throw new FakeHttp.Violation("q=author expected");
    }
    if (!ORG.equals(r.param("author"))) {
      throw new FakeHttp.Violation("author must be the organization URN");
    }
    int start = Integer.parseInt(r.param("start") == null ? "0" : r.param("start"));
    int count = Integer.parseInt(r.param("count") == null ? "10" : r.param("count"));
    List<Map<String, Object>> all =
        posts.values().stream()
            .sorted(Comparator.comparing(Post::at).reversed())
            .map(
                p -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("id", p.urn());
                  m.put("author", ORG);
                  m.put("commentary", p.commentary());
                  m.put("createdAt", p.at().toEpochMilli());
                  m.put("publishedAt", p.at().toEpochMilli());
                  m.put("lifecycleState", "PUBLISHED");
                  m.put("visibility", "PUBLIC");
                  return m;
                })
            .toList();
    return FakeHttp.Response.json(200, page(all, start, count));
  }

  private static Map<String, Object> page(List<?> all, int start, int count) {
    int from = Math.min(start, all.size());
    int to = Math.min(all.size(), start + count);
    return Map.of(
        "elements", all.subList(from, to),
        "paging", Map.of("start", start, "count", count, "total", all.size()));
  }

  private FakeHttp.Response comment(FakeHttp.Request r, String target) {
    JsonNode b = json(r);
    String actor = b.path("actor").asText(null);
    String object = b.path("object").asText(null);
    String text = b.path("message").path("text").asText(null);
    if (actor == null || object == null || text == null) {
      throw new FakeHttp.Violation("actor, object and message.text are required");
    }
    if (!posts.containsKey(object)) {
      return error(404, "NOT_FOUND", 0, "Not Found: " + object);
    }
    String parent = b.path("parentComment").asText(null);
    if (target.startsWith("urn:li:comment:") != (parent != null)) {
      throw new FakeHttp.Violation("a comment on a comment names it as parentComment");
    }
    String urn = add(object, parent, actor, text);
    Comment c = comments.get(urn);
    return FakeHttp.Response.json(201, commentJson(c)).header("x-restli-id", c.id());
  }

  String add(String postUrn, String parentUrn, String actor, String text) {
    String id = Long.toString(ids.incrementAndGet());
    String urn = "urn:li:comment:(" + postUrn + "," + id + ")";
    comments.put(urn, new Comment(urn, id, postUrn, parentUrn, actor, text, now()));
    return urn;
  }

  private Map<String, Object> commentJson(Comment c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("actor", c.actor());
    m.put("commentUrn", c.urn());
    m.put("id", c.id());
    m.put("object", c.postUrn());
    m.put("message", Map.of("text", c.text()));
    m.put("created", Map.of("actor", c.actor(), "time", c.at().toEpochMilli()));
    if (c.parentUrn() != null) {
      m.put("parentComment", c.parentUrn());
    }
    long replies = comments.values().stream().filter(x -> c.urn().equals(x.parentUrn())).count();
    m.put(
        "commentsSummary",
        Map.of("aggregatedTotalComments", replies, "selectedComments", List.of()));
    return m;
  }

  private FakeHttp.Response listComments(FakeHttp.Request r, String target) {
    int start = Integer.parseInt(r.param("start") == null ? "0" : r.param("start"));
    int count = Integer.parseInt(r.param("count") == null ? "10" : r.param("count"));
    boolean onComment = target.startsWith("urn:li:comment:");
    List<Map<String, Object>> list =
        comments.values().stream()
            .filter(
                c ->
                    onComment
                        ? target.equals(c.parentUrn())
                        : c.postUrn().equals(target) && c.parentUrn() == null)
            .map(this::commentJson)
            .toList();
    return FakeHttp.Response.json(200, page(list, start, count));
  }

  private FakeHttp.Response listLikes(FakeHttp.Request r, String target) {
    int start = Integer.parseInt(r.param("start") == null ? "0" : r.param("start"));
    int count = Integer.parseInt(r.param("count") == null ? "10" : r.param("count"));
    List<Map<String, Object>> list =
        likes.stream()
            .filter(l -> l.postUrn().equals(target))
            .map(
                l ->
                    Map.<String, Object>of(
                        "actor", l.actor(),
                        "object", l.postUrn(),
                        "$URN", "urn:li:like:(" + l.postUrn() + "," + l.actor() + ")",
                        "created", Map.of("actor", l.actor(), "time", l.at().toEpochMilli())))
            .toList();
    return FakeHttp.Response.json(200, page(list, start, count));
  }
}
