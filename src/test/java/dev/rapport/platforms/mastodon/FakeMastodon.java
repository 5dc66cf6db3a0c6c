package dev.rapport.platforms.mastodon;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rapport.platforms.ConnectorContract;
import dev.rapport.platforms.oauth.LocalServer;
import dev.rapport.platforms.oauth.LocalServer.Request;
import dev.rapport.platforms.oauth.LocalServer.Response;
import dev.rapport.platforms.oauth.Pkce;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.regex.Matcher;

/**
 * A Mastodon instance as its API documentation describes it, in memory: OAuth apps and tokens,
 * accounts, statuses with media (processed asynchronously when asked), idempotency keys,
 * favourites, reblogs, replies, follows, notifications, Link-header pagination and rate-limit
 * headers. It checks each request the way the real API does (token, required fields, limits) and
 * answers with the documented entities and errors.
 */
final class FakeMastodon extends LocalServer implements ConnectorContract.PlatformSide {

  static final String BRAND_ID = "109000000000000001";
  static final int MAX_CHARS = 500;
  static final int RATE_LIMIT = 300;

  private record Status(
      String id,
      String accountId,
      String text,
      List<String> mediaIds,
      String inReplyToId,
      String inReplyToAccountId,
      Instant createdAt) {}

  private record Media(String id, String description, int pollsUntilReady) {}

  private record Mark(String id, String statusId, String accountId) {}

  private record Notification(
      String id, String type, String accountId, String statusId, Instant createdAt) {}

  private record App(String clientId, String secret, String redirectUri, String scopes) {}

  private record Code(String clientId, String redirectUri, String challenge, String scopes) {}

  private final AtomicLong ids = new AtomicLong(110_000_000_000_000_000L);
  private final Map<String, ObjectNode> accounts = new LinkedHashMap<>();
  private final Map<String, Status> statuses = new LinkedHashMap<>();
  private final Map<String, Media> media = new HashMap<>();
  private final Map<String, Integer> mediaPolls = new HashMap<>();
  private final List<Mark> favourites = new ArrayList<>();
  private final List<Mark> reblogs = new ArrayList<>();
  private final List<Mark> follows = new ArrayList<>();
  private final List<Notification> notifications = new ArrayList<>();
  private final Map<String, String> idempotency = new HashMap<>();
  private final Map<String, App> apps = new HashMap<>();
  private final Map<String, Code> codes = new HashMap<>();
  private final Map<String, String> tokens = new HashMap<>();
  private final Set<String> engagers = new HashSet<>();
  private int remaining = RATE_LIMIT;

  /** Uploads answer 202 and need this many polls of GET /api/v1/media/:id before they are ready. */
  volatile int processingPolls = 0;

  /** The instance fails to process uploads (GET /api/v1/media/:id answers 422). */
  volatile boolean failProcessing = false;

  FakeMastodon() {
    accounts.put(BRAND_ID, account(BRAND_ID, "bakery", "The Corner Bakery", false, false));
    tokens.put("brand-token", BRAND_ID);
    routes();
  }

  String brandToken() {
    return "brand-token";
  }

  String host() {
    return uri().getHost();
  }

  // ---- the platform side, as a person on the instance would act ----

  @Override
  public synchronized List<String> postsWithText(String text) {
    return statuses.values().stream()
        .filter(s -> s.accountId().equals(BRAND_ID) && s.text().equals(text))
        .map(Status::id)
        .toList();
  }

  @Override
  public synchronized List<String> altTexts(String platformPostId) {
    return statuses.get(platformPostId).mediaIds().stream()
        .map(id -> media.get(id).description())
        .toList();
  }

  @Override
  public synchronized String parentOf(String platformPostId) {
    return statuses.get(platformPostId).inReplyToId();
  }

  @Override
  public synchronized String likeRepostAndReply(String platformPostId) {
    String engager = newAccount("reader", false);
    Instant now = Instant.now();
    favourites.add(new Mark(nextId(), platformPostId, engager));
    notify("favourite", engager, platformPostId, now);
    reblogs.add(new Mark(nextId(), platformPostId, engager));
    notify("reblog", engager, platformPostId, now);
    String reply = nextId();
    statuses.put(
        reply,
        new Status(
            reply,
            engager,
            "@bakery Looks delicious!",
            List.of(),
            platformPostId,
            statuses.get(platformPostId).accountId(),
            now));
    notify("mention", engager, reply, now);
    return engager;
  }

  @Override
  public synchronized String follow() {
    String follower = newAccount("neighbour", false);
    follows.add(new Mark(nextId(), null, follower));
    notify("follow", follower, null, Instant.now());
    return follower;
  }

  /** A bot account with a default avatar follows the brand. */
  synchronized String followAsBot() {
    String follower = newAccount("feedbot", true);
    follows.add(new Mark(nextId(), null, follower));
    notify("follow", follower, null, Instant.now());
    return follower;
  }

  /** A status the brand published at {@code at} (older history for lookups). */
  synchronized String brandStatusAt(String text, Instant at) {
    String id = nextId();
    statuses.put(id, new Status(id, BRAND_ID, text, List.of(), null, null, at));
    return id;
  }

  synchronized int statusCount() {
    return (int) statuses.values().stream().filter(s -> s.accountId().equals(BRAND_ID)).count();
  }

  synchronized void revoke(String token) {
    tokens.remove(token);
  }

  /** What a browser does on /oauth/authorize when the user approves: the code it is given. */
  synchronized String approve(URI authorizationUrl) {
    Map<String, String> q = new HashMap<>();
    Request r =
        new Request(
            "GET",
            authorizationUrl.getRawPath(),
            authorizationUrl.getRawQuery(),
            null,
            new byte[0]);
    for (String k :
        List.of(
            "response_type",
            "client_id",
            "redirect_uri",
            "scope",
            "state",
            "code_challenge",
            "code_challenge_method")) {
      q.put(k, r.param(k));
    }
    App app = apps.get(q.get("client_id"));
    if (!"/oauth/authorize".equals(authorizationUrl.getPath())
        || app == null
        || !"code".equals(q.get("response_type"))
        || !app.redirectUri().equals(q.get("redirect_uri"))
        || q.get("state") == null) {
      throw new IllegalArgumentException(
          "the instance shows an error page for " + authorizationUrl);
    }
    if (q.get("code_challenge") != null && !"S256".equals(q.get("code_challenge_method"))) {
      throw new IllegalArgumentException("unsupported code_challenge_method");
    }
    String code = UUID.randomUUID().toString();
    codes.put(
        code, new Code(app.clientId(), app.redirectUri(), q.get("code_challenge"), q.get("scope")));
    return code;
  }

  // ---- the REST API ----

  private void routes() {
    route("POST", "/api/v1/apps", (r, m) -> registerApp(r));
    route("POST", "/oauth/token", (r, m) -> token(r));
    route("POST", "/oauth/revoke", (r, m) -> revokeToken(r));
    route("GET", "/api/v1/accounts/verify_credentials", authed((r, m, me) -> verify(me)));
    route("POST", "/api/v2/media", authed((r, m, me) -> upload(r)));
    route("GET", "/api/v1/media/(\\d+)", authed((r, m, me) -> mediaStatus(m.group(1))));
    route("POST", "/api/v1/statuses", authed(this::createStatus));
    route(
        "GET",
        "/api/v1/statuses/(\\d+)/favourited_by",
        authed((r, m, me) -> marks(r, m, favourites)));
    route(
        "GET", "/api/v1/statuses/(\\d+)/reblogged_by", authed((r, m, me) -> marks(r, m, reblogs)));
    route("GET", "/api/v1/statuses/(\\d+)", authed((r, m, me) -> oneStatus(m.group(1))));
    route("GET", "/api/v1/statuses/(\\d+)/context", authed((r, m, me) -> context(m.group(1))));
    route("GET", "/api/v1/notifications", authed((r, m, me) -> notifications(r, me)));
    route(
        "GET",
        "/api/v1/accounts/(\\d+)/statuses",
        authed((r, m, me) -> accountStatuses(r, m.group(1))));
    route(
        "GET", "/api/v1/accounts/(\\d+)/followers", authed((r, m, me) -> followers(r, m.group(1))));
  }

  private interface AuthedHandler {
    Response handle(Request r, Matcher m, String accountId);
  }

  /** Checks the bearer token (401 as documented) and adds the rate-limit headers. */
  private Handler authed(AuthedHandler handler) {
    return (r, m) -> {
      synchronized (this) {
        String auth = r.header("Authorization");
        String me =
            auth != null && auth.startsWith("Bearer ") ? tokens.get(auth.substring(7)) : null;
        if (me == null) {
          return Response.json(401, Map.of("error", "The access token is invalid"));
        }
        remaining = Math.max(0, remaining - 1);
        return handler
            .handle(r, m, me)
            .with("X-RateLimit-Limit", String.valueOf(RATE_LIMIT))
            .with("X-RateLimit-Remaining", String.valueOf(remaining))
            .with("X-RateLimit-Reset", resetAt(Instant.now()));
      }
    };
  }

  static String resetAt(Instant now) {
    return now.truncatedTo(ChronoUnit.SECONDS)
        .plusSeconds(300 - now.getEpochSecond() % 300)
        .toString();
  }

  private synchronized Response registerApp(Request r) {
    Map<String, List<String>> f = r.form();
    String name = first(f, "client_name");
    String redirect = first(f, "redirect_uris");
    if (name == null || name.isBlank()) {
      return Response.json(
          422, Map.of("error", "Validation failed: Application name can't be blank"));
    }
    if (redirect == null || redirect.isBlank()) {
      return Response.json(422, Map.of("error", "Validation failed: Redirect URI can't be blank"));
    }
    String scopes = first(f, "scopes") == null ? "read" : first(f, "scopes");
    App app = new App(UUID.randomUUID().toString(), UUID.randomUUID().toString(), redirect, scopes);
    apps.put(app.clientId(), app);
    ObjectNode out = LocalServer.JSON.createObjectNode();
    out.put("id", nextId());
    out.put("name", name);
    out.put("website", first(f, "website"));
    out.put("scopes", LocalServer.JSON.valueToTree(List.of(scopes.split(" "))));
    out.set("redirect_uris", LocalServer.JSON.valueToTree(List.of(redirect)));
    out.put("redirect_uri", redirect);
    out.put("client_id", app.clientId());
    out.put("client_secret", app.secret());
    out.put(
        "vapid_key",
        "BCk-QqERU0q-CfYZjcuB6lnyyOYfJ2AifKqfeGIm7Z-HiTU5T9eTG5GxVA0_OH5mMlI4UkkDTpaZwozy0TzdZ2M=");
    return Response.json(200, out);
  }

  private synchronized Response token(Request r) {
    Map<String, List<String>> f = r.form();
    App app = apps.get(first(f, "client_id"));
    if (app == null || !app.secret().equals(first(f, "client_secret"))) {
      return Response.json(
          401,
          Map.of(
              "error",
              "invalid_client",
              "error_description",
              "Client authentication failed due to unknown client, no client authentication"
                  + " included, or unsupported authentication method."));
    }
    if (!"authorization_code".equals(first(f, "grant_type"))) {
      return Response.json(400, Map.of("error", "unsupported_grant_type"));
    }
    Code code = codes.remove(first(f, "code"));
    boolean verifierOk =
        code != null
            && (code.challenge() == null
                || (first(f, "code_verifier") != null
                    && Pkce.fromVerifier(first(f, "code_verifier"))
                        .challenge()
                        .equals(code.challenge())));
    if (code == null
        || !code.clientId().equals(app.clientId())
        || !code.redirectUri().equals(first(f, "redirect_uri"))
        || !verifierOk) {
      return Response.json(
          400,
          Map.of(
              "error",
              "invalid_grant",
              "error_description",
              "The provided authorization grant is invalid, expired, revoked, does not match the"
                  + " redirection URI used in the authorization request, or was issued to another"
                  + " client."));
    }
    String token = UUID.randomUUID().toString();
    tokens.put(token, BRAND_ID);
    return Response.json(
        200,
        Map.of(
            "access_token",
            token,
            "token_type",
            "Bearer",
            "scope",
            code.scopes(),
            "created_at",
            Instant.now().getEpochSecond()));
  }

  private synchronized Response revokeToken(Request r) {
    Map<String, List<String>> f = r.form();
    App app = apps.get(first(f, "client_id"));
    if (app == null || !app.secret().equals(first(f, "client_secret"))) {
      return Response.json(
          403,
          Map.of(
              "error",
              "unauthorized_client",
              "error_description",
              "You are not authorized to revoke this token"));
    }
    tokens.remove(first(f, "token"));
    return Response.json(200, Map.of());
  }

  private Response verify(String me) {
    ObjectNode a = accounts.get(me).deepCopy();
    a.set("source", LocalServer.JSON.createObjectNode().put("privacy", "public").put("note", ""));
    return Response.json(200, a);
  }

  private Response upload(Request r) {
    var parts = r.multipart();
    var file = parts.get("file");
    if (file == null || file.content().length == 0) {
      return Response.json(422, Map.of("error", "Validation failed: File can't be blank"));
    }
    if (file.contentType() == null || !file.contentType().startsWith("image/")) {
      return Response.json(422, Map.of("error", "Validation failed: File content type is invalid"));
    }
    String id = nextId();
    var description = parts.get("description");
    int polls = processingPolls;
    media.put(id, new Media(id, description == null ? null : description.text(), polls));
    mediaPolls.put(id, polls);
    return Response.json(polls > 0 ? 202 : 200, attachment(id, polls == 0));
  }

  private Response mediaStatus(String id) {
    if (!media.containsKey(id)) {
      return Response.json(404, Map.of("error", "Record not found"));
    }
    int left = mediaPolls.get(id);
    if (failProcessing) {
      return Response.json(422, Map.of("error", "Error processing thumbnail for uploaded media"));
    }
    if (left > 0) {
      mediaPolls.put(id, left - 1);
      return Response.json(206, attachment(id, false));
    }
    return Response.json(200, attachment(id, true));
  }

  private ObjectNode attachment(String id, boolean ready) {
    ObjectNode a = LocalServer.JSON.createObjectNode();
    a.put("id", id);
    a.put("type", "image");
    if (ready) {
      a.put("url", uri() + "/system/media_attachments/files/" + id + "/original/dot.png");
    } else {
      a.putNull("url");
    }
    a.put("preview_url", uri() + "/system/media_attachments/files/" + id + "/small/dot.png");
    a.putNull("remote_url");
    a.put("description", media.get(id) == null ? null : media.get(id).description());
    a.put("blurhash", "UFBWY:8_0Jxv4mx]t8t64.%M-:IUWGWAt6M}");
    return a;
  }

  private Response createStatus(Request r, Matcher m, String me) {
    String key = r.header("Idempotency-Key");
    if (key != null && idempotency.containsKey(me + "|" + key)) {
      return Response.json(200, status(statuses.get(idempotency.get(me + "|" + key))));
    }
    JsonNode body =
        r.header("Content-Type") != null && r.header("Content-Type").startsWith("application/json")
            ? r.json()
            : LocalServer.JSON.valueToTree(flatten(r.form()));
    String text = body.path("status").asText("");
    List<String> mediaIds = new ArrayList<>();
    body.path("media_ids").forEach(n -> mediaIds.add(n.asText()));
    if (text.isBlank() && mediaIds.isEmpty()) {
      return Response.json(422, Map.of("error", "Validation failed: Text can't be blank"));
    }
    if (text.codePointCount(0, text.length()) > MAX_CHARS) {
      return Response.json(
          422,
          Map.of("error", "Validation failed: Text character limit of " + MAX_CHARS + " exceeded"));
    }
    if (mediaIds.size() > 4) {
      return Response.json(
          422, Map.of("error", "Validation failed: Media attachments exceed the limit of 4"));
    }
    for (String id : mediaIds) {
      if (!media.containsKey(id)) {
        return Response.json(
            422, Map.of("error", "Validation failed: Media attachments are invalid"));
      }
      if (mediaPolls.get(id) > 0) {
        return Response.json(
            422,
            Map.of(
                "error",
                "Cannot attach files that have not finished processing. Try again in a moment!"));
      }
    }
    String parent = body.hasNonNull("in_reply_to_id") ? body.get("in_reply_to_id").asText() : null;
    if (parent != null && !statuses.containsKey(parent)) {
      return Response.json(404, Map.of("error", "Record not found"));
    }
    String id = nextId();
    Status s =
        new Status(
            id,
            me,
            text,
            mediaIds,
            parent,
            parent == null ? null : statuses.get(parent).accountId(),
            Instant.now());
    statuses.put(id, s);
    if (key != null) {
      idempotency.put(me + "|" + key, id);
    }
    return Response.json(200, status(s));
  }

  private Response marks(Request r, Matcher m, List<Mark> marks) {
    String statusId = m.group(1);
    if (!statuses.containsKey(statusId)) {
      return Response.json(404, Map.of("error", "Record not found"));
    }
    List<Mark> list =
        marks.stream()
            .filter(x -> statusId.equals(x.statusId()))
            .sorted(Comparator.comparing(Mark::id, FakeMastodon::compareIds).reversed())
            .toList();
    return paged(r, list, Mark::id, x -> accounts.get(x.accountId()), r.path());
  }

  private Response oneStatus(String id) {
    return statuses.containsKey(id)
        ? Response.json(200, status(statuses.get(id)))
        : Response.json(404, Map.of("error", "Record not found"));
  }

  /** The reply a person wrote to the brand's status, as the brand's reply target. */
  synchronized String replyOf(String statusId) {
    return statuses.values().stream()
        .filter(s -> statusId.equals(s.inReplyToId()) && !s.accountId().equals(BRAND_ID))
        .map(Status::id)
        .findFirst()
        .orElseThrow();
  }

  synchronized String textOf(String statusId) {
    return statuses.get(statusId).text();
  }

  private Response context(String id) {
    if (!statuses.containsKey(id)) {
      return Response.json(404, Map.of("error", "Record not found"));
    }
    ArrayNode ancestors = LocalServer.JSON.createArrayNode();
    for (String p = statuses.get(id).inReplyToId(); p != null; p = statuses.get(p).inReplyToId()) {
      ancestors.insert(0, status(statuses.get(p)));
    }
    ArrayNode descendants = LocalServer.JSON.createArrayNode();
    Set<String> tree = new HashSet<>(Set.of(id));
    for (Status s : statuses.values()) {
      if (s.inReplyToId() != null && tree.contains(s.inReplyToId())) {
        tree.add(s.id());
        descendants.add(status(s));
      }
    }
    ObjectNode out = LocalServer.JSON.createObjectNode();
    out.set("ancestors", ancestors);
    out.set("descendants", descendants);
    return Response.json(200, out);
  }

  private Response notifications(Request r, String me) {
    List<String> types = r.params("types[]");
    List<Notification> list =
        notifications.stream()
            .filter(n -> types.isEmpty() || types.contains(n.type()))
            .sorted(Comparator.comparing(Notification::id, FakeMastodon::compareIds).reversed())
            .toList();
    return paged(r, list, Notification::id, this::notification, "/api/v1/notifications");
  }

  private Response accountStatuses(Request r, String accountId) {
    if (!accounts.containsKey(accountId)) {
      return Response.json(404, Map.of("error", "Record not found"));
    }
    List<Status> list =
        statuses.values().stream()
            .filter(s -> s.accountId().equals(accountId))
            .sorted(Comparator.comparing(Status::id, FakeMastodon::compareIds).reversed())
            .toList();
    return paged(r, list, Status::id, this::status, r.path());
  }

  private Response followers(Request r, String accountId) {
    if (!accounts.containsKey(accountId)) {
      return Response.json(404, Map.of("error", "Record not found"));
    }
    List<Mark> list =
        follows.stream()
            .sorted(Comparator.comparing(Mark::id, FakeMastodon::compareIds).reversed())
            .toList();
    return paged(r, list, Mark::id, x -> accounts.get(x.accountId()), r.path());
  }

  /**
   * Mastodon's pagination over a newest-first list: max_id (older than), since_id (newer than,
   * newest page), min_id (newer than, the page right after it), limit (default 20, capped), and a
   * Link header with next (max_id) and prev (min_id).
   */
  private <T> Response paged(
      Request r,
      List<T> newestFirst,
      Function<T, String> id,
      Function<T, JsonNode> render,
      String path) {
    int max = path.endsWith("/statuses") ? 40 : 80;
    int limit = r.param("limit") == null ? 20 : Math.min(max, Integer.parseInt(r.param("limit")));
    String maxId = r.param("max_id");
    String sinceId = r.param("since_id");
    String minId = r.param("min_id");
    List<T> filtered =
        newestFirst.stream()
            .filter(x -> maxId == null || compareIds(id.apply(x), maxId) < 0)
            .filter(x -> sinceId == null || compareIds(id.apply(x), sinceId) > 0)
            .filter(x -> minId == null || compareIds(id.apply(x), minId) > 0)
            .toList();
    List<T> page;
    if (minId != null) {
      int from = Math.max(0, filtered.size() - limit);
      page = filtered.subList(from, filtered.size());
    } else {
      page = filtered.subList(0, Math.min(limit, filtered.size()));
    }
    ArrayNode out = LocalServer.JSON.createArrayNode();
    page.forEach(x -> out.add(render.apply(x)));
    Response response = Response.json(200, out);
    if (!page.isEmpty()) {
      String base = uri() + path + "?limit=" + limit;
      response =
          response.with(
              "Link",
              "<"
                  + base
                  + "&max_id="
                  + id.apply(page.get(page.size() - 1))
                  + ">; rel=\"next\", <"
                  + base
                  + "&min_id="
                  + id.apply(page.get(0))
                  + ">; rel=\"prev\"");
    }
    return response;
  }

  // ---- entities ----

  private ObjectNode status(Status s) {
    ObjectNode o = LocalServer.JSON.createObjectNode();
    o.put("id", s.id());
    o.put("created_at", s.createdAt().toString());
    o.put("in_reply_to_id", s.inReplyToId());
    o.put("in_reply_to_account_id", s.inReplyToAccountId());
    o.put("sensitive", false);
    o.put("spoiler_text", "");
    o.put("visibility", "public");
    o.put("language", "en");
    o.put(
        "uri",
        uri()
            + "/users/"
            + accounts.get(s.accountId()).get("username").asText()
            + "/statuses/"
            + s.id());
    o.put(
        "url", uri() + "/@" + accounts.get(s.accountId()).get("username").asText() + "/" + s.id());
    o.put("replies_count", 0);
    o.put("reblogs_count", 0);
    o.put("favourites_count", 0);
    o.put("content", html(s.text()));
    o.putNull("reblog");
    o.set("account", accounts.get(s.accountId()));
    ArrayNode attachments = o.putArray("media_attachments");
    s.mediaIds().forEach(id -> attachments.add(attachment(id, true)));
    o.putArray("mentions");
    o.putArray("tags");
    o.putArray("emojis");
    return o;
  }

  private ObjectNode notification(Notification n) {
    ObjectNode o = LocalServer.JSON.createObjectNode();
    o.put("id", n.id());
    o.put("type", n.type());
    o.put("created_at", n.createdAt().toString());
    o.put("group_key", "ungrouped-" + n.id());
    o.set("account", accounts.get(n.accountId()));
    if (n.statusId() != null) {
      o.set("status", status(statuses.get(n.statusId())));
    }
    return o;
  }

  /** Status content as Mastodon renders it: paragraphs, line breaks, linkified URLs. */
  static String html(String text) {
    StringBuilder out = new StringBuilder();
    for (String paragraph : text.split("\n\n")) {
      String escaped =
          paragraph
              .replace("&", "&amp;")
              .replace("<", "&lt;")
              .replace(">", "&gt;")
              .replace("\"", "&quot;");
      escaped =
          escaped.replaceAll(
              "https://(\\S+)",
              "<a href=\"https://$1\" rel=\"nofollow noopener noreferrer\" target=\"_blank\">"
                  + "<span class=\"invisible\">https://</span><span class=\"\">$1</span>"
                  + "<span class=\"invisible\"></span></a>");
      out.append("<p>").append(escaped.replace("\n", "<br />")).append("</p>");
    }
    return out.toString();
  }

  private ObjectNode account(
      String id, String username, String name, boolean bot, boolean defaults) {
    ObjectNode a = LocalServer.JSON.createObjectNode();
    a.put("id", id);
    a.put("username", username);
    a.put("acct", username);
    a.put("display_name", name);
    a.put("locked", false);
    a.put("bot", bot);
    a.put("discoverable", true);
    a.put("group", false);
    a.put("created_at", "2022-11-05T00:00:00.000Z");
    a.put("note", defaults ? "" : "<p>Bread, pastries &amp; coffee.</p>");
    a.put("url", uri() + "/@" + username);
    a.put(
        "avatar",
        defaults
            ? uri() + "/avatars/original/missing.png"
            : uri() + "/system/accounts/avatars/" + id + ".png");
    a.put("avatar_static", a.get("avatar").asText());
    a.put("header", uri() + "/headers/original/missing.png");
    a.put("header_static", uri() + "/headers/original/missing.png");
    a.put("followers_count", defaults ? 0 : 120);
    a.put("following_count", defaults ? 4000 : 80);
    a.put("statuses_count", defaults ? 9000 : 340);
    a.put("last_status_at", LocalDate.now(ZoneOffset.UTC).toString());
    a.putArray("emojis");
    ArrayNode fields = a.putArray("fields");
    if (!defaults) {
      fields
          .addObject()
          .put("name", "Website")
          .put("value", "<a href=\"https://bakery.example\" rel=\"me nofollow\">bakery.example</a>")
          .putNull("verified_at");
    }
    return a;
  }

  private synchronized String newAccount(String prefix, boolean bot) {
    String id = nextId();
    String username = prefix + (engagers.size() + 1);
    engagers.add(id);
    ObjectNode a =
        account(
            id, username, bot ? "Feed Bot" : "Reader " + id.substring(id.length() - 3), bot, bot);
    a.put("acct", username + "@other.example");
    accounts.put(id, a);
    return id;
  }

  private void notify(String type, String accountId, String statusId, Instant at) {
    notifications.add(new Notification(nextId(), type, accountId, statusId, at));
  }

  private String nextId() {
    return Long.toString(ids.incrementAndGet());
  }

  static int compareIds(String a, String b) {
    int c = Integer.compare(a.length(), b.length());
    return c != 0 ? c : a.compareTo(b);
  }

  private static String first(Map<String, List<String>> form, String name) {
    List<String> v = form.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  private static Map<String, Object> flatten(Map<String, List<String>> form) {
    Map<String, Object> out = new LinkedHashMap<>();
    form.forEach(
        (k, v) ->
            out.put(
                k.endsWith("[]") ? k.substring(0, k.length() - 2) : k,
                k.endsWith("[]") ? v : v.get(0)));
    return out;
  }
}
