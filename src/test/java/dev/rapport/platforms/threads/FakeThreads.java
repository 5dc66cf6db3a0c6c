package dev.rapport.platforms.threads;

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
 * The Threads API publishing and reply endpoints as documented, in memory: containers ({@code
 * status}: IN_PROGRESS, FINISHED, ERROR, EXPIRED, PUBLISHED with {@code error_message}), {@code
 * threads_publish}, {@code threads_publishing_limit}, {@code /replies} and {@code /conversation},
 * and {@code th_refresh_token}.
 */
final class FakeThreads implements FakeHttp.Handler {

  static final String VERSION = "v1.0";
  static final String BRAND_ID = "9000000000000001";
  static final String BRAND_HANDLE = "rapport.bakery";
  static final String FAN_HANDLE = "maria.bakes";

  record Container(
      String id,
      String type,
      String text,
      String imageUrl,
      String altText,
      String replyTo,
      List<String> children,
      boolean item) {}

  record Post(
      String id, String owner, String text, List<String> altTexts, String replyTo, Instant at) {}

  final Set<String> validTokens = new HashSet<>(Set.of("th-token-1"));
  final Set<String> expiredTokens = new HashSet<>();
  final Map<String, Container> containers = new LinkedHashMap<>();
  final Map<String, Deque<String>> statuses = new LinkedHashMap<>();
  final Map<String, Post> posts = new LinkedHashMap<>();
  final Deque<String> nextStatuses = new ArrayDeque<>();
  final Deque<FakeHttp.Response> nextPublishAnswers = new ArrayDeque<>();
  final AtomicLong ids = new AtomicLong(17900000000000000L);
  volatile int quotaUsage = 0;
  volatile int replyQuotaUsage = 0;
  volatile Instant now = null;

  private Instant now() {
    return now == null ? Instant.now() : now;
  }

  @Override
  public synchronized FakeHttp.Response handle(FakeHttp.Request r) {
    if (r.path().equals("/refresh_access_token")) {
      GraphFake.requireMethod(r, "GET");
      if (!"th_refresh_token".equals(r.param("grant_type"))) {
        throw new FakeHttp.Violation("grant_type must be th_refresh_token");
      }
      String token = required(r, "access_token");
      if (!validTokens.contains(token) || expiredTokens.contains(token)) {
        return GraphFake.expiredToken();
      }
      String fresh = "th-token-" + ids.incrementAndGet();
      validTokens.add(fresh);
      return FakeHttp.Response.json(
          200, Map.of("access_token", fresh, "token_type", "bearer", "expires_in", 5183944));
    }
    String path = GraphFake.route(r, VERSION);
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
        case "POST threads" -> create(r);
        case "POST threads_publish" -> publish(r);
        case "GET threads" -> list(r, false);
        case "GET replies" -> list(r, true);
        case "GET threads_publishing_limit" -> limit(r);
        default -> throw new FakeHttp.Violation("no such edge " + parts[1]);
      };
    }
    if (parts.length == 2 && r.method().equals("GET")) {
      return conversation(r, parts[0], parts[1]);
    }
    if (parts.length == 1 && r.method().equals("GET")) {
      return node(r, parts[0]);
    }
    throw new FakeHttp.Violation("unknown request");
  }

  private FakeHttp.Response create(FakeHttp.Request r) {
    String type = required(r, "media_type");
    boolean item = "true".equals(r.param("is_carousel_item"));
    String id = Long.toString(ids.incrementAndGet());
    String replyTo = r.param("reply_to_id");
    if (replyTo != null && !posts.containsKey(replyTo)) {
      return error(400, "The requested resource does not exist", "THApiException", 100, 0);
    }
    switch (type) {
      case "TEXT" -> {
        String text = required(r, "text");
        if (text.codePointCount(0, text.length()) > 500) {
          return error(
              400, "Param text must be at most 500 characters long.", "THApiException", 100, 0);
        }
        containers.put(id, new Container(id, type, text, null, null, replyTo, List.of(), false));
      }
      case "IMAGE" ->
          containers.put(
              id,
              new Container(
                  id,
                  type,
                  r.param("text"),
                  required(r, "image_url"),
                  r.param("alt_text"),
                  replyTo,
                  List.of(),
                  item));
      case "CAROUSEL" -> {
        List<String> children = List.of(required(r, "children").split(","));
        for (String c : children) {
          if (!containers.containsKey(c) || !containers.get(c).item()) {
            throw new FakeHttp.Violation("child " + c + " is not a carousel item");
          }
        }
        containers.put(
            id, new Container(id, type, r.param("text"), null, null, replyTo, children, false));
      }
      default -> throw new FakeHttp.Violation("unsupported media_type " + type);
    }
    Deque<String> script = new ArrayDeque<>(nextStatuses);
    nextStatuses.clear();
    if (script.isEmpty()) {
      script.add("FINISHED");
    }
    statuses.put(id, script);
    return FakeHttp.Response.json(200, Map.of("id", id));
  }

  private FakeHttp.Response publish(FakeHttp.Request r) {
    if (!nextPublishAnswers.isEmpty()) {
      return nextPublishAnswers.removeFirst();
    }
    String creation = required(r, "creation_id");
    Container c = containers.get(creation);
    if (c == null || c.item()) {
      return error(400, "The requested resource does not exist", "THApiException", 24, 4279009);
    }
    Deque<String> s = statuses.get(creation);
    if (s.size() > 1 || !"FINISHED".equals(s.peekFirst())) {
      throw new FakeHttp.Violation("threads_publish before the container is FINISHED");
    }
    List<String> alts = new ArrayList<>();
    if (c.altText() != null) {
      alts.add(c.altText());
    }
    for (String child : c.children()) {
      if (containers.get(child).altText() != null) {
        alts.add(containers.get(child).altText());
      }
    }
    if (c.replyTo() != null) {
      replyQuotaUsage++;
    } else {
      quotaUsage++;
    }
    String id = Long.toString(ids.incrementAndGet());
    posts.put(
        id, new Post(id, BRAND_HANDLE, c.text() == null ? "" : c.text(), alts, c.replyTo(), now()));
    statuses.put(creation, new ArrayDeque<>(List.of("PUBLISHED")));
    return FakeHttp.Response.json(200, Map.of("id", id));
  }

  String addFanReply(String replyTo, String text) {
    String id = Long.toString(ids.incrementAndGet());
    posts.put(id, new Post(id, FAN_HANDLE, text, List.of(), replyTo, now()));
    return id;
  }

  private Map<String, Object> json(Post p) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", p.id());
    out.put("text", p.text());
    out.put("username", p.owner());
    out.put("timestamp", GraphTime.format(p.at()));
    out.put("permalink", "https://www.threads.net/@" + p.owner() + "/post/" + p.id());
    out.put("is_reply", p.replyTo() != null);
    if (p.replyTo() != null) {
      out.put("replied_to", Map.of("id", p.replyTo()));
      out.put("root_post", Map.of("id", root(p).id()));
    }
    return out;
  }

  private Post root(Post p) {
    Post x = p;
    while (x.replyTo() != null) {
      x = posts.get(x.replyTo());
    }
    return x;
  }

  private FakeHttp.Response node(FakeHttp.Request r, String id) {
    String fields = required(r, "fields");
    if (containers.containsKey(id)) {
      if (!fields.contains("status")) {
        throw new FakeHttp.Violation("container read without status");
      }
      Deque<String> s = statuses.get(id);
      String status = s.size() > 1 ? s.removeFirst() : s.peekFirst();
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("id", id);
      out.put("status", status);
      if (status.equals("ERROR")) {
        out.put("error_message", "FAILED_DOWNLOADING_VIDEO");
      }
      return FakeHttp.Response.json(200, out);
    }
    Post p = posts.get(id);
    if (p == null) {
      return error(400, "The requested resource does not exist", "THApiException", 100, 33);
    }
    return FakeHttp.Response.json(200, json(p));
  }

  private FakeHttp.Response list(FakeHttp.Request r, boolean replies) {
    required(r, "fields");
    List<Map<String, Object>> all =
        posts.values().stream()
            .filter(p -> p.owner().equals(BRAND_HANDLE) && (p.replyTo() != null) == replies)
            .sorted(Comparator.comparing(Post::at).reversed())
            .map(this::json)
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
                    Map.of("quota_total", 250, "quota_duration", 86400),
                    "reply_quota_usage",
                    replyQuotaUsage,
                    "reply_config",
                    Map.of("quota_total", 1000, "quota_duration", 86400)))));
  }

  private FakeHttp.Response conversation(FakeHttp.Request r, String id, String edge) {
    required(r, "fields");
    if (!posts.containsKey(id)) {
      return error(400, "The requested resource does not exist", "THApiException", 100, 33);
    }
    List<Map<String, Object>> list =
        switch (edge) {
          case "replies" ->
              posts.values().stream().filter(p -> id.equals(p.replyTo())).map(this::json).toList();
          case "conversation" ->
              posts.values().stream()
                  .filter(p -> p.replyTo() != null && root(p).id().equals(id))
                  .map(this::json)
                  .toList();
          default -> throw new FakeHttp.Violation("no such edge " + edge);
        };
    return FakeHttp.Response.json(200, GraphFake.page(list, r, 25));
  }
}
