package dev.rapport.platforms.mastodon.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rapport.platforms.OutboundPolicy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * HTTP calls to one Mastodon instance's REST API, with every failure classified ({@link
 * ApiFailure}). Checks the instance against the {@link OutboundPolicy} before each call: instance
 * URLs come from users.
 */
public final class MastodonApi {

  /** A successful answer: 2xx, including 202 and 206 for media still processing. */
  public record Reply(int status, JsonNode body, HttpHeaders headers) {
    public String link() {
      return headers.firstValue("Link").orElse(null);
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final OutboundPolicy policy;
  private final Clock clock;
  private final Duration timeout;

  public MastodonApi(HttpClient http, OutboundPolicy policy, Clock clock, Duration timeout) {
    this.http = http;
    this.policy = policy;
    this.clock = clock;
    this.timeout = timeout;
  }

  public Reply get(URI instance, String token, String pathAndQuery) {
    return send(request(instance, token, pathAndQuery).GET().build());
  }

  /** A JSON POST; {@code idempotencyKey} is sent as Mastodon's {@code Idempotency-Key} when set. */
  public Reply postJson(
      URI instance, String token, String path, Object body, String idempotencyKey) {
    HttpRequest.Builder b =
        request(instance, token, path).header("Content-Type", "application/json");
    if (idempotencyKey != null) {
      b.header("Idempotency-Key", idempotencyKey);
    }
    try {
      return send(
          b.POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build());
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("body is not serialisable", e);
    }
  }

  /** A form POST (OAuth app registration), without a token when {@code token} is null. */
  public Reply postForm(URI instance, String token, String path, Map<String, String> fields) {
    String body =
        fields.entrySet().stream()
            .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
            .collect(Collectors.joining("&"));
    return send(
        request(instance, token, path)
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  public Reply postMultipart(URI instance, String token, String path, Multipart form) {
    return send(
        request(instance, token, path)
            .header("Content-Type", form.contentType())
            .POST(HttpRequest.BodyPublishers.ofByteArray(form.bytes()))
            .build());
  }

  private HttpRequest.Builder request(URI instance, String token, String pathAndQuery) {
    URI uri = resolve(instance, pathAndQuery);
    try {
      policy.check(uri);
    } catch (OutboundPolicy.RefusedHostException e) {
      if (e.getMessage().startsWith("unknown host")) {
        // DNS failing is usually passing; a refused address is not.
        throw new ApiFailure(
            ApiFailure.Kind.TRANSIENT,
            "Could not resolve " + uri.getHost(),
            "Rapport tries again later.",
            null);
      }
      throw new ApiFailure(
          ApiFailure.Kind.REFUSED,
          "Rapport may not call " + instance + ": " + e.getMessage(),
          "Connect an instance on a public address.",
          null);
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return b;
  }

  static URI resolve(URI instance, String pathAndQuery) {
    String base = instance.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + pathAndQuery);
  }

  private Reply send(HttpRequest request) {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw new ApiFailure(
          ApiFailure.Kind.TRANSIENT,
          "Could not reach " + request.uri().getHost() + " (" + describe(e) + ")",
          "Rapport tries again later.",
          null);
    } catch (HttpTimeoutException e) {
      throw new ApiFailure(
          ApiFailure.Kind.MAYBE_PROCESSED,
          request.uri().getHost() + " did not answer within " + timeout.toSeconds() + " s",
          "Rapport checks whether the post arrived before trying again.",
          null);
    } catch (IOException e) {
      throw new ApiFailure(
          ApiFailure.Kind.MAYBE_PROCESSED,
          "The connection to " + request.uri().getHost() + " broke (" + describe(e) + ")",
          "Rapport checks whether the post arrived before trying again.",
          null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiFailure(ApiFailure.Kind.MAYBE_PROCESSED, "interrupted", "", null);
    }
    JsonNode body = parse(response.body());
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return new Reply(status, body, response.headers());
    }
    throw Failures.classify(status, body, response.headers(), clock.instant());
  }

  private static String describe(IOException e) {
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      // Proxies answer 502/503 with HTML; the status alone then classifies the failure.
      return JSON.createObjectNode()
          .put("error", body.length() > 200 ? body.substring(0, 200) : body);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /**
   * Mastodon sends {@code X-RateLimit-Reset} as an ISO 8601 time; {@code Retry-After} in seconds.
   */
  static Duration retryAfter(HttpHeaders headers, Instant now) {
    Duration fromReset =
        headers
            .firstValue("X-RateLimit-Reset")
            .map(
                v -> {
                  try {
                    return Duration.between(now, Instant.parse(v));
                  } catch (DateTimeParseException e) {
                    return null;
                  }
                })
            .orElse(null);
    Duration fromRetryAfter =
        headers
            .firstValue("Retry-After")
            .filter(v -> v.trim().matches("\\d+"))
            .map(v -> Duration.ofSeconds(Long.parseLong(v.trim())))
            .orElse(null);
    Duration d = fromRetryAfter != null ? fromRetryAfter : fromReset;
    if (fromRetryAfter != null && fromReset != null && fromReset.compareTo(fromRetryAfter) > 0) {
      d = fromReset;
    }
    return d == null ? null : d.isNegative() ? Duration.ZERO : d;
  }
}
