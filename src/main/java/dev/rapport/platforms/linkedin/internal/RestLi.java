package dev.rapport.platforms.linkedin.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.rapport.platforms.graph.Trouble;
import dev.rapport.platforms.graph.Wire;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Calls LinkedIn's versioned REST API ({@code /rest/...}) with the headers every call needs: {@code
 * Authorization: Bearer}, {@code LinkedIn-Version: YYYYMM} and {@code X-Restli-Protocol-Version:
 * 2.0.0}; classifies LinkedIn's error bodies ({@code {"status",
 * "serviceErrorCode","code","message"}}).
 */
public final class RestLi {

  public static final ObjectMapper JSON = new ObjectMapper();

  private final Wire wire;
  private final String version;
  private final Clock clock;

  public RestLi(Wire wire, String version, Clock clock) {
    this.wire = wire;
    this.version = version;
    this.clock = clock;
  }

  /** A successful answer: status, headers ({@code x-restli-id}) and body (NullNode when empty). */
  public record Ok(int status, HttpHeaders headers, JsonNode body) {}

  /** Either an answer or the trouble. */
  public record Answer(Ok ok, Trouble trouble) {
    public boolean failed() {
      return trouble != null;
    }
  }

  public static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  public Answer get(URI base, String path, Map<String, String> query, String token) {
    StringJoiner q = new StringJoiner("&");
    query.forEach(
        (k, v) -> {
          if (v != null) {
            q.add(k + "=" + v); // values are encoded by the caller: Rest.li syntax needs raw ( , :
          }
        });
    URI uri = URI.create(root(base) + path + (q.length() == 0 ? "" : "?" + q));
    HttpRequest.Builder request = headers(HttpRequest.newBuilder(uri).GET(), token);
    if ("author".equals(query.get("q"))) {
      request.header("X-RestLi-Method", "FINDER");
    }
    return answer(wire.send(request));
  }

  public Answer post(URI base, String path, Object body, String token) {
    try {
      URI uri = URI.create(root(base) + path);
      return answer(
          wire.send(
              headers(HttpRequest.newBuilder(uri), token)
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** PUTs image bytes to the upload URL LinkedIn handed out. */
  public Answer upload(URI uploadUrl, String contentType, byte[] bytes, String token) {
    return answer(
        wire.send(
            HttpRequest.newBuilder(uploadUrl)
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes))));
  }

  private HttpRequest.Builder headers(HttpRequest.Builder b, String token) {
    return b.header("Authorization", "Bearer " + token)
        .header("LinkedIn-Version", version)
        .header("X-Restli-Protocol-Version", "2.0.0");
  }

  private static String root(URI base) {
    return base.toString().replaceAll("/+$", "");
  }

  private Answer answer(Wire.Reply reply) {
    if (reply instanceof Wire.Reply.NotSent n) {
      return new Answer(null, Trouble.notSent("LinkedIn could not be reached: " + n.message()));
    }
    if (reply instanceof Wire.Reply.Lost l) {
      return new Answer(null, Trouble.lost("LinkedIn did not answer: " + l.message()));
    }
    if (reply instanceof Wire.Reply.Refused r) {
      return new Answer(
          null,
          Trouble.refused(
              "Rapport may not call this LinkedIn address: " + r.message(),
              "Check the channel's service URL in the connection settings"));
    }
    Wire.Reply.Answered a = (Wire.Reply.Answered) reply;
    JsonNode body = parse(a.body());
    if (a.status() / 100 == 2) {
      return new Answer(new Ok(a.status(), a.headers(), body), null);
    }
    return new Answer(null, classify(a.status(), a.headers(), body));
  }

  /** LinkedIn's documented statuses: 401 token, 403 permission, 422/400 content, 429 throttle. */
  Trouble classify(int status, HttpHeaders headers, JsonNode body) {
    String message = body.path("message").asText("HTTP " + status);
    int serviceCode = body.path("serviceErrorCode").asInt(0);
    String detail = message + (serviceCode != 0 ? " (serviceErrorCode " + serviceCode + ")" : "");
    return switch (status) {
      case 401 ->
          Trouble.reconnect(
              "LinkedIn no longer accepts Rapport's access: " + detail,
              "Reconnect the LinkedIn channel in Settings → Channels");
      case 403 ->
          Trouble.reconnect(
              "LinkedIn refused: a permission is missing (" + detail + ")",
              "Reconnect the LinkedIn channel as an administrator of the page and grant every"
                  + " permission Rapport asks for (w_organization_social, r_organization_social)");
      case 429 ->
          Trouble.rateLimited("LinkedIn rate limit reached: " + detail, retryAfter(headers));
      default ->
          status >= 500
              ? Trouble.transientFailure("LinkedIn failed temporarily: " + detail)
              : Trouble.refused(
                  "LinkedIn refused the post: " + detail,
                  "Correct the post as the message says and try again");
    };
  }

  /** Retry-After when sent; otherwise LinkedIn's daily limits reset at midnight UTC. */
  private Duration retryAfter(HttpHeaders headers) {
    var header = headers.firstValue("Retry-After");
    if (header.isPresent()) {
      try {
        return Duration.ofSeconds(Long.parseLong(header.get().trim()));
      } catch (NumberFormatException ignored) {
        // an HTTP date: fall back to the daily reset
      }
    }
    var now = clock.instant();
    var midnight =
        LocalDate.ofInstant(now, ZoneOffset.UTC)
            .plusDays(1)
            .atStartOfDay()
            .toInstant(ZoneOffset.UTC);
    return Duration.between(now, midnight);
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return NullNode.getInstance();
    }
    try {
      return JSON.readTree(body);
    } catch (JsonProcessingException e) {
      return NullNode.getInstance();
    }
  }
}
