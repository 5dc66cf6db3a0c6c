package dev.rapport.platforms.x;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rapport.platforms.ConnectorContract;
import dev.rapport.platforms.oauth.LocalServer;
import dev.rapport.platforms.oauth.LocalServer.Request;
import dev.rapport.platforms.oauth.LocalServer.Response;
import dev.rapport.platforms.oauth.Pkce;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;

/**
 * The X API v2 as its documentation describes it, in memory: OAuth 2.0 with PKCE and rotating
 * refresh tokens (access tokens live two hours), users, posts with media and alt text, likes,
 * reposts, quotes, replies, mentions, recent search by conversation, followers, token pagination,
 * field selection ({@code user.fields}, {@code tweet.fields}, {@code expansions}), problem-details
 * errors and {@code x-rate-limit-*} headers.
 */
final class FakeX extends LocalServer implements ConnectorContract.PlatformSide {

  static final String CLIENT_ID = "rapport-client";
  static final String CLIENT_SECRET = "rapport-secret";
  static final String REDIRECT = "https://rapport.example/channels/x/callback";
  static final long EPOCH_MS = 1288834974657L;

  private record Tweet(
      String id,
      String authorId,
      String text,
      List<String> mediaIds,
      String inReplyTo,
      String quoted,
      String conversationId,
      Instant createdAt) {}

  private record User(
      String id, String username, String name, boolean defaultImage, boolean isProtected) {}

  private record Token(String userId, Instant expiresAt) {}

  private record Code(String challenge, String scope) {}

  private long sequence = 0;
  private final Map<String, User> users = new LinkedHashMap<>();
  private final Map<String, Tweet> tweets = new LinkedHashMap<>();
  private final Map<String, String> altTexts = new HashMap<>();
  private final Map<String, Integer> processing = new HashMap<>();
  private final List<String[]> likes = new ArrayList<>();
  private final List<String[]> retweets = new ArrayList<>();
  private final List<String> followers = new ArrayList<>();
  private final Map<String, Code> codes = new HashMap<>();
  private final Map<String, Token> accessTokens = new HashMap<>();
  private final Map<String, String> refreshTokens = new HashMap<>();
  final String brandId;

  /** GIF uploads report processing_info for this many STATUS checks. */
  volatile int gifPolls = 0;

  private int remaining = 300;

  FakeX() {
    brandId = nextId();
    users.put(brandId, new User(brandId, "cornerbakery", "The Corner Bakery", false, false));
    routes();
  }

  /** A fresh grant for the brand, as a completed sign-in would store it. */
  synchronized Map<String, String> grant(Instant expiresAt) {
    String access = UUID.randomUUID().toString();
    String refresh = UUID.randomUUID().toString();
    accessTokens.put(access, new Token(brandId, expiresAt));
    refreshTokens.put(refresh, brandId);
    return Map.of(
        "access_token", access, "refresh_token", refresh, "expires_at", expiresAt.toString());
  }

  synchronized void expireAccessTokens() {
    accessTokens.replaceAll((k, t) -> new Token(t.userId(), Instant.now().minusSeconds(1)));
  }

  synchronized void revokeRefreshTokens() {
    refreshTokens.clear();
  }

  synchronized int tweetCount() {
    return (int) tweets.values().stream().filter(t -> t.authorId().equals(brandId)).count();
  }

  synchronized String brandTweetAt(String text, Instant at) {
    String id = nextId();
    tweets.put(id, new Tweet(id, brandId, text, List.of(), null, null, id, at));
    return id;
  }

  // ---- the platform side ----

  @Override
  public synchronized List<String> postsWithText(String text) {
    return tweets.values().stream()
        .filter(t -> t.authorId().equals(brandId) && t.text().equals(text))
        .map(Tweet::id)
        .toList();
  }

  @Override
  public synchronized List<String> altTexts(String platformPostId) {
    return tweets.get(platformPostId).mediaIds().stream().map(altTexts::get).toList();
  }

  @Override
  public synchronized String parentOf(String platformPostId) {
    return tweets.get(platformPostId).inReplyTo();
  }

  @Override
  public synchronized String likeRepostAndReply(String platformPostId) {
    String fan = newUser("fan", false);
    likes.add(new String[] {platformPostId, fan});
    retweets.add(new String[] {platformPostId, fan});
    Tweet parent = tweets.get(platformPostId);
    String id = nextId();
    tweets.put(
        id,
        new Tweet(
            id,
            fan,
            "@cornerbakery Looks great!",
            List.of(),
            platformPostId,
            null,
            parent.conversationId(),
            Instant.now()));
    return fan;
  }

  /** Someone quotes the post. */
  synchronized String quote(String platformPostId) {
    String fan = newUser("quoter", false);
    String id = nextId();
    tweets.put(
        id,
        new Tweet(id, fan, "Worth a visit", List.of(), null, platformPostId, id, Instant.now()));
    return fan;
  }

  @Override
  public synchronized String follow() {
    String f = newUser("follower", false);
    followers.add(0, f);
    return f;
  }

  synchronized String followWithDefaults() {
    String f = newUser("egg", true);
    followers.add(0, f);
    return f;
  }

  /** What X's consent screen does when the user approves: the code the callback receives. */
  synchronized String approve(URI url) {
    Request r = new Request("GET", url.getRawPath(), url.getRawQuery(), null, new byte[0]);
    if (!"/i/oauth2/authorize".equals(url.getPath())
        || !"code".equals(r.param("response_type"))
        || !CLIENT_ID.equals(r.param("client_id"))
        || !REDIRECT.equals(r.param("redirect_uri"))
        || r.param("state") == null
        || r.param("code_challenge") == null
        || !"S256".equals(r.param("code_challenge_method"))) {
      throw new IllegalArgumentException("X shows an error page for " + url);
    }
    String code = UUID.randomUUID().toString();
    codes.put(code, new Code(r.param("code_challenge"), r.param("scope")));
    return code;
  }

  // ---- the API ----

  private void routes() {
    route("POST", "/2/oauth2/token", (r, m) -> token(r));
    route("POST", "/2/oauth2/revoke", (r, m) -> revoke(r));
    route(
        "GET",
        "/2/users/me",
        authed((r, m, me) -> Response.json(200, Map.of("data", user(users.get(me), Set.of())))));
    route("POST", "/2/media/upload", authed((r, m, me) -> upload(r)));
    route("GET", "/2/media/upload", authed((r, m, me) -> mediaStatus(r)));
    route("POST", "/2/media/metadata", authed((r, m, me) -> metadata(r)));
    route("POST", "/2/tweets", authed(this::createTweet));
    route("GET", "/2/users/(\\d+)/tweets", authed((r, m, me) -> timeline(r, m.group(1))));
    route("GET", "/2/users/(\\d+)/mentions", authed((r, m, me) -> mentions(r, m.group(1))));
    route("GET", "/2/users/(\\d+)/followers", authed((r, m, me) -> followerList(r)));
    route(
        "GET", "/2/tweets/(\\d+)/liking_users", authed((r, m, me) -> marks(r, m.group(1), likes)));
    route(
        "GET",
        "/2/tweets/(\\d+)/retweeted_by",
        authed((r, m, me) -> marks(r, m.group(1), retweets)));
    route("GET", "/2/tweets/(\\d+)/quote_tweets", authed((r, m, me) -> quotes(r, m.group(1))));
    route("GET", "/2/tweets/search/recent", authed((r, m, me) -> search(r)));
  }

  private interface AuthedHandler {
    Response handle(Request r, Matcher m, String userId);
  }

  private Handler authed(AuthedHandler handler) {
    return (r, m) -> {
      synchronized (this) {
        String auth = r.header("Authorization");
        Token t =
            auth != null && auth.startsWith("Bearer ") ? accessTokens.get(auth.substring(7)) : null;
        if (t == null || t.expiresAt().isBefore(Instant.now())) {
          return problem(401, "Unauthorized", "Unauthorized");
        }
        remaining = Math.max(0, remaining - 1);
        return handler
            .handle(r, m, t.userId())
            .with("x-rate-limit-limit", "300")
            .with("x-rate-limit-remaining", String.valueOf(remaining))
            .with("x-rate-limit-reset", String.valueOf(Instant.now().getEpochSecond() + 900));
      }
    };
  }

  static Response problem(int status, String title, String detail) {
    return Response.json(
        status, Map.of("title", title, "detail", detail, "type", "about:blank", "status", status));
  }

  private static Response invalid(String message) {
    return Response.json(
        400,
        Map.of(
            "errors", List.of(Map.of("message", message)),
            "title", "Invalid Request",
            "detail", "One or more parameters to your request was invalid.",
            "type", "https://api.twitter.com/2/problems/invalid-request"));
  }

  private synchronized Response revoke(Request r) {
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(r.header("Authorization"))) {
      return Response.json(401, Map.of("error", "unauthorized_client"));
    }
    String token = first(r.form(), "token");
    accessTokens.remove(token);
    refreshTokens.remove(token);
    return Response.json(200, Map.of("revoked", true));
  }

  private synchronized Response token(Request r) {
    String auth = r.header("Authorization");
    String expected =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
    if (!expected.equals(auth)) {
      return Response.json(
          401,
          Map.of(
              "error",
              "unauthorized_client",
              "error_description",
              "Missing valid authorization header"));
    }
    Map<String, List<String>> f = r.form();
    String grantType = first(f, "grant_type");
    String scope;
    String userId;
    if ("authorization_code".equals(grantType)) {
      Code code = codes.remove(first(f, "code"));
      String verifier = first(f, "code_verifier");
      if (code == null
          || verifier == null
          || !Pkce.fromVerifier(verifier).challenge().equals(code.challenge())
          || !REDIRECT.equals(first(f, "redirect_uri"))) {
        return Response.json(
            400,
            Map.of(
                "error",
                "invalid_request",
                "error_description",
                "Value passed for the authorization code was invalid."));
      }
      scope = code.scope();
      userId = brandId;
    } else if ("refresh_token".equals(grantType)) {
      userId = refreshTokens.remove(first(f, "refresh_token"));
      if (userId == null) {
        return Response.json(
            400,
            Map.of(
                "error",
                "invalid_request",
                "error_description",
                "Value passed for the token was invalid."));
      }
      scope = "tweet.read tweet.write users.read follows.read like.read media.write offline.access";
    } else {
      return Response.json(400, Map.of("error", "unsupported_grant_type"));
    }
    String access = UUID.randomUUID().toString();
    accessTokens.put(access, new Token(userId, Instant.now().plusSeconds(7200)));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("token_type", "bearer");
    out.put("expires_in", 7200);
    out.put("access_token", access);
    out.put("scope", scope);
    if (scope.contains("offline.access")) {
      String refresh = UUID.randomUUID().toString();
      refreshTokens.put(refresh, userId);
      out.put("refresh_token", refresh);
    }
    return Response.json(200, out);
  }

  /** A chunked upload session: declared size, type and the segments received. */
  private record Session(int totalBytes, String category, Map<Integer, byte[]> segments) {}

  private final Map<String, Session> sessions = new HashMap<>();

  /** Videos report processing_info for this many STATUS checks after FINALIZE. */
  volatile int videoPolls = 0;

  private Response upload(Request r) {
    var parts = r.multipart();
    if (parts.containsKey("command")) {
      return chunked(parts);
    }
    var media = parts.get("media");
    var category = parts.get("media_category");
    if (media == null || media.content().length == 0) {
      return invalid("media: must not be empty");
    }
    String id = nextId();
    altTexts.put(id, null);
    ObjectNode data = LocalServer.JSON.createObjectNode();
    data.put("id", id);
    data.put("media_key", "3_" + id);
    data.put("size", media.content().length);
    data.put("expires_after_secs", 86400);
    if (category != null && category.text().equals("tweet_gif") && gifPolls > 0) {
      processing.put(id, gifPolls);
      data.putObject("processing_info").put("state", "pending").put("check_after_secs", 0);
    }
    return Response.json(200, Map.of("data", data));
  }

  private Response chunked(Map<String, LocalServer.Part> parts) {
    String command = parts.get("command").text();
    String id = parts.containsKey("media_id") ? parts.get("media_id").text() : null;
    switch (command) {
      case "INIT" -> {
        if (!parts.containsKey("total_bytes") || !parts.containsKey("media_type")) {
          return invalid("total_bytes and media_type are required for INIT");
        }
        String newId = nextId();
        String category =
            parts.containsKey("media_category")
                ? parts.get("media_category").text()
                : "tweet_image";
        sessions.put(
            newId,
            new Session(
                Integer.parseInt(parts.get("total_bytes").text()), category, new HashMap<>()));
        return Response.json(
            200,
            Map.of(
                "data",
                Map.of("id", newId, "media_key", "7_" + newId, "expires_after_secs", 86399)));
      }
      case "APPEND" -> {
        Session session = sessions.get(id);
        if (session == null || !parts.containsKey("segment_index") || !parts.containsKey("media")) {
          return invalid("media_id, segment_index and media are required for APPEND");
        }
        session
            .segments()
            .put(Integer.parseInt(parts.get("segment_index").text()), parts.get("media").content());
        return new Response(204, Map.of(), "");
      }
      case "FINALIZE" -> {
        Session session = sessions.get(id);
        if (session == null) {
          return invalid("media_id: unknown upload session");
        }
        int received = 0;
        for (int i = 0; i < session.segments().size(); i++) {
          if (!session.segments().containsKey(i)) {
            return invalid("segment " + i + " is missing");
          }
          received += session.segments().get(i).length;
        }
        if (received != session.totalBytes()) {
          return invalid(
              "File size mismatch: received "
                  + received
                  + " of "
                  + session.totalBytes()
                  + " bytes");
        }
        altTexts.put(id, null);
        ObjectNode data =
            LocalServer.JSON
                .createObjectNode()
                .put("id", id)
                .put("media_key", "7_" + id)
                .put("size", received)
                .put("expires_after_secs", 86400);
        if (session.category().equals("tweet_video") && videoPolls > 0) {
          processing.put(id, videoPolls);
          data.putObject("processing_info").put("state", "pending").put("check_after_secs", 0);
        }
        return Response.json(200, Map.of("data", data));
      }
      default -> {
        return invalid("command: must be INIT, APPEND or FINALIZE");
      }
    }
  }

  synchronized int uploadedSegments(String mediaId) {
    return sessions.containsKey(mediaId) ? sessions.get(mediaId).segments().size() : 0;
  }

  synchronized List<String> mediaOf(String tweetId) {
    return tweets.get(tweetId).mediaIds();
  }

  private Response mediaStatus(Request r) {
    String id = r.param("media_id");
    if (!"STATUS".equals(r.param("command")) || id == null || !altTexts.containsKey(id)) {
      return invalid("media_id: unknown");
    }
    int left = processing.getOrDefault(id, 0);
    processing.put(id, Math.max(0, left - 1));
    ObjectNode data = LocalServer.JSON.createObjectNode().put("id", id).put("media_key", "3_" + id);
    data.putObject("processing_info")
        .put("state", left > 1 ? "in_progress" : "succeeded")
        .put("check_after_secs", 0)
        .put("progress_percent", left > 1 ? 50 : 100);
    return Response.json(200, Map.of("data", data));
  }

  private Response metadata(Request r) {
    JsonNode body = r.json();
    String id = body.path("id").asText(null);
    String alt = body.path("metadata").path("alt_text").path("text").asText(null);
    if (id == null || !altTexts.containsKey(id)) {
      return invalid("id: media not found");
    }
    if (alt == null || alt.length() > 1000) {
      return invalid("alt_text: must be 1 to 1000 characters");
    }
    altTexts.put(id, alt);
    return Response.json(
        200,
        Map.of(
            "data",
            Map.of("id", id, "associated_metadata", Map.of("alt_text", Map.of("text", alt)))));
  }

  private Response createTweet(Request r, Matcher m, String me) {
    if (!r.header("Content-Type").startsWith("application/json")) {
      return invalid("Content-Type must be application/json");
    }
    JsonNode body = r.json();
    String text = body.path("text").asText("");
    List<String> mediaIds = new ArrayList<>();
    body.path("media").path("media_ids").forEach(n -> mediaIds.add(n.asText()));
    if (text.isBlank() && mediaIds.isEmpty()) {
      return invalid("text: must not be empty unless media is attached");
    }
    if (weighted(text) > 280) {
      return problem(
          403, "Forbidden", "You are not permitted to create a Tweet longer than 280 characters.");
    }
    if (mediaIds.size() > 4 || !mediaIds.stream().allMatch(altTexts::containsKey)) {
      return invalid("Your media IDs are invalid.");
    }
    if (mediaIds.stream().anyMatch(id -> processing.getOrDefault(id, 0) > 0)) {
      return invalid("Your media IDs are invalid.");
    }
    String parent = body.path("reply").path("in_reply_to_tweet_id").asText(null);
    if (parent != null && !tweets.containsKey(parent)) {
      return invalid("reply.in_reply_to_tweet_id: The Tweet you are replying to does not exist.");
    }
    boolean duplicate =
        tweets.values().stream()
            .filter(t -> t.authorId().equals(me))
            .reduce((a, b) -> b)
            .map(t -> t.text().equals(text) && !text.isBlank())
            .orElse(false);
    if (duplicate) {
      return problem(
          403, "Forbidden", "You are not allowed to create a Tweet with duplicate content.");
    }
    String id = nextId();
    tweets.put(
        id,
        new Tweet(
            id,
            me,
            text,
            mediaIds,
            parent,
            null,
            parent == null ? id : tweets.get(parent).conversationId(),
            Instant.now()));
    return Response.json(
        201, Map.of("data", Map.of("id", id, "text", text, "edit_history_tweet_ids", List.of(id))));
  }

  /** X's counting, simply: a link is 23, a character beyond U+10FF is 2. */
  private static int weighted(String text) {
    String rest = text.replaceAll("https?://\\S+", "");
    int links =
        (text.length() - rest.length()) == 0 ? 0 : text.split("https?://\\S+", -1).length - 1;
    return rest.codePoints().map(cp -> cp > 0x10FF ? 2 : 1).sum() + 23 * links;
  }

  private Response timeline(Request r, String userId) {
    Instant start = r.param("start_time") == null ? null : Instant.parse(r.param("start_time"));
    List<Tweet> list =
        newestFirst(
            t -> t.authorId().equals(userId) && (start == null || !t.createdAt().isBefore(start)));
    return tweetPage(r, list, 5, 100);
  }

  private Response mentions(Request r, String userId) {
    String handle = "@" + users.get(userId).username();
    String since = r.param("since_id");
    List<Tweet> list =
        newestFirst(
            t ->
                !t.authorId().equals(userId)
                    && t.text().contains(handle)
                    && (since == null || compare(t.id(), since) > 0));
    return tweetPage(r, list, 5, 100);
  }

  private Response quotes(Request r, String id) {
    if (!tweets.containsKey(id)) {
      return problem(404, "Not Found Error", "Could not find tweet with id: [" + id + "].");
    }
    return tweetPage(r, newestFirst(t -> id.equals(t.quoted())), 10, 100);
  }

  private Response search(Request r) {
    String query = r.param("query");
    Matcher q =
        java.util.regex.Pattern.compile("conversation_id:(\\d+)( is:reply)?")
            .matcher(query == null ? "" : query);
    if (!q.matches()) {
      return invalid("query: this fake only understands conversation_id:<id> [is:reply]");
    }
    String conversation = q.group(1);
    boolean replies = q.group(2) != null;
    Instant weekAgo = Instant.now().minusSeconds(7 * 86400);
    return tweetPage(
        r,
        newestFirst(
            t ->
                t.conversationId().equals(conversation)
                    && !t.id().equals(conversation)
                    && (!replies || t.inReplyTo() != null)
                    && t.createdAt().isAfter(weekAgo)),
        10,
        100);
  }

  private Response marks(Request r, String tweetId, List<String[]> marks) {
    if (!tweets.containsKey(tweetId)) {
      return problem(404, "Not Found Error", "Could not find tweet with id: [" + tweetId + "].");
    }
    List<String> ids = new ArrayList<>();
    for (int i = marks.size() - 1; i >= 0; i--) {
      if (marks.get(i)[0].equals(tweetId)) {
        ids.add(marks.get(i)[1]);
      }
    }
    return userPage(r, ids, 1, 100);
  }

  private Response followerList(Request r) {
    return userPage(r, followers, 1, 1000);
  }

  private Response userPage(Request r, List<String> ids, int min, int max) {
    Set<String> fields = fields(r, "user.fields");
    return page(r, ids, min, max, id -> user(users.get(id), fields), null, Map.of());
  }

  private Response tweetPage(Request r, List<Tweet> list, int min, int max) {
    Set<String> fields = fields(r, "tweet.fields");
    Set<String> userFields = fields(r, "user.fields");
    boolean authors = fields(r, "expansions").contains("author_id");
    return page(
        r,
        list,
        min,
        max,
        t -> tweet(t, fields),
        Tweet::id,
        authors
            ? Map.of(
                "users",
                (Function<List<Tweet>, List<JsonNode>>)
                    page ->
                        page.stream()
                            .map(Tweet::authorId)
                            .distinct()
                            .map(id -> (JsonNode) user(users.get(id), userFields))
                            .toList())
            : Map.of());
  }

  /** X's token pagination: max_results within bounds, next_token while more, meta counts. */
  private <T> Response page(
      Request r,
      List<T> all,
      int min,
      int max,
      Function<T, JsonNode> render,
      Function<T, String> id,
      Map<String, Function<List<T>, List<JsonNode>>> includes) {
    int size =
        r.param("max_results") == null
            ? Math.min(100, max)
            : Integer.parseInt(r.param("max_results"));
    if (size < min || size > max) {
      return invalid(
          "The `max_results` query parameter value ["
              + size
              + "] is not between "
              + min
              + " and "
              + max);
    }
    int offset =
        r.param("pagination_token") == null
            ? 0
            : Integer.parseInt(r.param("pagination_token").substring(1));
    List<T> page = all.subList(Math.min(offset, all.size()), Math.min(offset + size, all.size()));
    ObjectNode out = LocalServer.JSON.createObjectNode();
    ObjectNode meta = LocalServer.JSON.createObjectNode().put("result_count", page.size());
    if (!page.isEmpty()) {
      ArrayNode data = out.putArray("data");
      page.forEach(x -> data.add(render.apply(x)));
      if (id != null) {
        meta.put("newest_id", id.apply(page.get(0)))
            .put("oldest_id", id.apply(page.get(page.size() - 1)));
      }
      if (!includes.isEmpty()) {
        ObjectNode inc = out.putObject("includes");
        includes.forEach((k, f) -> inc.set(k, LocalServer.JSON.valueToTree(f.apply(page))));
      }
    }
    if (offset + size < all.size()) {
      meta.put("next_token", "p" + (offset + size));
    }
    out.set("meta", meta);
    return Response.json(200, out);
  }

  private List<Tweet> newestFirst(java.util.function.Predicate<Tweet> filter) {
    return tweets.values().stream()
        .filter(filter)
        .sorted(Comparator.comparing(Tweet::id, FakeX::compare).reversed())
        .toList();
  }

  // ---- objects ----

  /** A post as the API returns it: links shortened to t.co, entities escaped, reply mentions. */
  private ObjectNode tweet(Tweet t, Set<String> fields) {
    ObjectNode o = LocalServer.JSON.createObjectNode();
    o.put("id", t.id());
    String text = t.text().replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    text =
        text.replaceAll("https?://\\S+", "https://t.co/" + t.id().substring(t.id().length() - 10));
    if (t.inReplyTo() != null && !text.startsWith("@")) {
      text = "@" + users.get(tweets.get(t.inReplyTo()).authorId()).username() + " " + text;
    }
    o.put("text", text);
    o.set("edit_history_tweet_ids", LocalServer.JSON.valueToTree(List.of(t.id())));
    if (fields.contains("created_at")) {
      o.put("created_at", t.createdAt().toString());
    }
    if (fields.contains("author_id")) {
      o.put("author_id", t.authorId());
    }
    if (fields.contains("conversation_id")) {
      o.put("conversation_id", t.conversationId());
    }
    if (fields.contains("in_reply_to_user_id") && t.inReplyTo() != null) {
      o.put("in_reply_to_user_id", tweets.get(t.inReplyTo()).authorId());
    }
    if (fields.contains("referenced_tweets") && (t.inReplyTo() != null || t.quoted() != null)) {
      ArrayNode refs = o.putArray("referenced_tweets");
      if (t.inReplyTo() != null) {
        refs.addObject().put("type", "replied_to").put("id", t.inReplyTo());
      }
      if (t.quoted() != null) {
        refs.addObject().put("type", "quoted").put("id", t.quoted());
      }
    }
    return o;
  }

  private ObjectNode user(User u, Set<String> fields) {
    ObjectNode o = LocalServer.JSON.createObjectNode();
    o.put("id", u.id());
    o.put("name", u.name());
    o.put("username", u.username());
    if (fields.contains("created_at")) {
      o.put("created_at", "2019-03-01T09:00:00.000Z");
    }
    if (fields.contains("description")) {
      o.put("description", u.defaultImage() ? "" : "Coffee lover in Leeds");
    }
    if (fields.contains("location")) {
      o.put("location", u.defaultImage() ? "" : "Leeds");
    }
    if (fields.contains("url")) {
      o.put("url", u.defaultImage() ? "" : "https://t.co/abc");
    }
    if (fields.contains("entities") && !u.defaultImage()) {
      o.putObject("entities")
          .putObject("url")
          .putArray("urls")
          .addObject()
          .put("url", "https://t.co/abc")
          .put("expanded_url", "https://leeds.example/me");
    }
    if (fields.contains("profile_image_url")) {
      o.put(
          "profile_image_url",
          u.defaultImage()
              ? "https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png"
              : "https://pbs.twimg.com/profile_images/" + u.id() + "/me_normal.jpg");
    }
    if (fields.contains("protected")) {
      o.put("protected", u.isProtected());
    }
    if (fields.contains("verified")) {
      o.put("verified", false);
    }
    if (fields.contains("verified_type")) {
      o.put("verified_type", "none");
    }
    if (fields.contains("most_recent_tweet_id")) {
      tweets.values().stream()
          .filter(t -> t.authorId().equals(u.id()))
          .reduce((a, b) -> b)
          .ifPresent(t -> o.put("most_recent_tweet_id", t.id()));
    }
    if (fields.contains("public_metrics")) {
      o.putObject("public_metrics")
          .put("followers_count", u.defaultImage() ? 0 : 250)
          .put("following_count", u.defaultImage() ? 2000 : 180)
          .put("tweet_count", u.defaultImage() ? 0 : 1200)
          .put("listed_count", 3)
          .put("like_count", 900);
    }
    return o;
  }

  private static Set<String> fields(Request r, String param) {
    String v = r.param(param);
    return v == null ? Set.of() : Set.of(v.split(","));
  }

  private String newUser(String prefix, boolean defaults) {
    String id = nextId();
    users.put(
        id,
        new User(id, prefix + id.substring(id.length() - 4), "Person " + prefix, defaults, false));
    return id;
  }

  /** Snowflake ids: milliseconds since X's epoch, shifted, plus a sequence. */
  private synchronized String nextId() {
    return Long.toString(((System.currentTimeMillis() - EPOCH_MS) << 22) | (++sequence & 0x3fffff));
  }

  static int compare(String a, String b) {
    int c = Integer.compare(a.length(), b.length());
    return c != 0 ? c : a.compareTo(b);
  }

  private static String first(Map<String, List<String>> form, String name) {
    List<String> v = form.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }
}
