package dev.rapport.platforms.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Pieces every Graph-style fake shares: documented error bodies, token checks, paging. */
public final class GraphFake {

  private GraphFake() {}

  /** The documented Graph error object. */
  public static FakeHttp.Response error(
      int status, String message, String type, int code, int subcode) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("message", message);
    e.put("type", type);
    e.put("code", code);
    if (subcode != 0) {
      e.put("error_subcode", subcode);
    }
    e.put("fbtrace_id", "A" + UUID.randomUUID().toString().replace("-", "").substring(0, 20));
    return FakeHttp.Response.json(status, Map.of("error", e));
  }

  public static FakeHttp.Response expiredToken() {
    return error(
        400,
        "Error validating access token: Session has expired on Tuesday, 10-Nov-26 12:00:00 PST.",
        "OAuthException",
        190,
        463);
  }

  public static FakeHttp.Response invalidToken() {
    return error(
        400, "Invalid OAuth access token - Cannot parse access token", "OAuthException", 190, 0);
  }

  /** Checks the version prefix and strips it: "/v24.0/123/media" → "123/media". */
  public static String route(FakeHttp.Request r, String version) {
    String prefix = "/" + version + "/";
    if (!r.path().startsWith(prefix)) {
      throw new FakeHttp.Violation("path must start with " + prefix);
    }
    return r.path().substring(prefix.length());
  }

  public static String required(FakeHttp.Request r, String name) {
    String v = r.param(name);
    if (v == null || v.isBlank()) {
      throw new FakeHttp.Violation("missing required parameter " + name);
    }
    return v;
  }

  public static void requireMethod(FakeHttp.Request r, String method) {
    if (!r.method().equals(method)) {
      throw new FakeHttp.Violation("expected " + method);
    }
  }

  /** A cursor page of {@code items} as Graph edges return it. */
  public static Map<String, Object> page(List<?> items, FakeHttp.Request r, int defaultLimit) {
    int limit = r.param("limit") == null ? defaultLimit : Integer.parseInt(r.param("limit"));
    int start = r.param("after") == null ? 0 : Integer.parseInt(decodeCursor(r.param("after")));
    int end = Math.min(items.size(), start + limit);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("data", items.subList(Math.min(start, items.size()), end));
    Map<String, Object> paging = new LinkedHashMap<>();
    paging.put("cursors", Map.of("before", cursor(start), "after", cursor(end)));
    if (end < items.size()) {
      paging.put("next", "https://graph.example/next?after=" + cursor(end));
    }
    out.put("paging", paging);
    return out;
  }

  private static String cursor(int offset) {
    return java.util.Base64.getEncoder().encodeToString(("offset:" + offset).getBytes());
  }

  private static String decodeCursor(String c) {
    String s = new String(java.util.Base64.getDecoder().decode(c));
    if (!s.startsWith("offset:")) {
      throw new FakeHttp.Violation("unknown cursor " + c);
    }
    return s.substring(7);
  }
}
