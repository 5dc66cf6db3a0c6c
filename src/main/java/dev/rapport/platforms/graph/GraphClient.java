package dev.rapport.platforms.graph;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Calls a Graph-style API (graph.facebook.com, graph.instagram.com, graph.threads.net): versioned
 * paths, the access token as a parameter, form-encoded POSTs, JSON answers and the Graph error
 * object.
 */
public final class GraphClient {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Wire wire;

  public GraphClient(Wire wire) {
    this.wire = wire;
  }

  /**
   * GET {@code base/version/path?params}. {@code version} may be empty for the unversioned
   * endpoints (token refresh).
   */
  public GraphReply get(URI base, String version, String path, Map<String, String> params) {
    URI uri = URI.create(url(base, version, path) + "?" + form(params));
    return answer(wire.send(HttpRequest.newBuilder(uri).GET()));
  }

  /** POST with the parameters form-encoded in the body (keeps the token out of access logs). */
  public GraphReply post(URI base, String version, String path, Map<String, String> params) {
    URI uri = URI.create(url(base, version, path));
    return answer(
        wire.send(
            HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(params)))));
  }

  /**
   * POST {@code multipart/form-data}: the parameters as fields plus one file (a photo uploaded as
   * {@code source} when it has no public URL).
   */
  public GraphReply postFile(
      URI base,
      String version,
      String path,
      Map<String, String> params,
      String fileField,
      String fileName,
      String contentType,
      byte[] bytes) {
    String boundary = "rapport-" + java.util.UUID.randomUUID();
    java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
    params.forEach(
        (k, v) -> {
          if (v != null) {
            write(
                body,
                "--"
                    + boundary
                    + "\r\nContent-Disposition: form-data; name=\""
                    + k
                    + "\"\r\n\r\n"
                    + v
                    + "\r\n");
          }
        });
    write(
        body,
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\""
            + fileField
            + "\"; filename=\""
            + fileName.replace("\"", "")
            + "\"\r\nContent-Type: "
            + contentType
            + "\r\n\r\n");
    body.writeBytes(bytes);
    write(body, "\r\n--" + boundary + "--\r\n");
    URI uri = URI.create(url(base, version, path));
    return answer(
        wire.send(
            HttpRequest.newBuilder(uri)
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))));
  }

  private static void write(java.io.ByteArrayOutputStream out, String s) {
    out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }

  private static String url(URI base, String version, String path) {
    String root = base.toString().replaceAll("/+$", "");
    String p = path.startsWith("/") ? path.substring(1) : path;
    return version == null || version.isEmpty() ? root + "/" + p : root + "/" + version + "/" + p;
  }

  public static String form(Map<String, String> params) {
    StringJoiner joiner = new StringJoiner("&");
    params.forEach(
        (k, v) -> {
          if (v != null) {
            joiner.add(encode(k) + "=" + encode(v));
          }
        });
    return joiner.toString();
  }

  public static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static GraphReply answer(Wire.Reply reply) {
    if (reply instanceof Wire.Reply.NotSent n) {
      return new GraphReply.NotSent(n.message());
    }
    if (reply instanceof Wire.Reply.Lost l) {
      return new GraphReply.Lost(l.message());
    }
    if (reply instanceof Wire.Reply.Refused r) {
      return new GraphReply.Refused(r.message());
    }
    Wire.Reply.Answered a = (Wire.Reply.Answered) reply;
    JsonNode body = parse(a.body());
    if (a.status() / 100 == 2 && body != null && !body.has("error")) {
      return new GraphReply.Ok(body, a.headers());
    }
    return new GraphReply.Failed(GraphError.of(a.status(), body), a.headers());
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return null;
    }
  }
}
