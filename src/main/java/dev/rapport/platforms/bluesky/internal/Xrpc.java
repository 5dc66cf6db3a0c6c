package dev.rapport.platforms.bluesky.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.rapport.platforms.OutboundPolicy;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.StringJoiner;

/**
 * XRPC over the JDK's HTTP client: GET queries and POST procedures against a PDS, with every
 * transport failure sorted into "not sent" and "maybe processed", because a publish must know which
 * of the two happened.
 */
public final class Xrpc {

  static final ObjectMapper JSON = new ObjectMapper();

  private final HttpClient http;
  private final OutboundPolicy policy;
  private final Duration timeout;

  public Xrpc(HttpClient http, OutboundPolicy policy, Duration timeout) {
    this.http = http;
    this.policy = policy;
    this.timeout = timeout;
  }

  /** A query ({@code GET /xrpc/nsid?params}). */
  public XrpcResponse get(URI service, String nsid, Map<String, ?> params, String token) {
    URI uri = uri(service, nsid, params);
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout).GET();
    return send(b, token);
  }

  /** A procedure with a JSON body. */
  public XrpcResponse post(URI service, String nsid, Object body, String token) {
    byte[] bytes;
    try {
      bytes = body == null ? new byte[0] : JSON.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot encode request body", e);
    }
    return postBytes(service, nsid, bytes, body == null ? null : "application/json", token);
  }

  /** A procedure with a raw body (uploadBlob). */
  public XrpcResponse postBytes(
      URI service, String nsid, byte[] bytes, String contentType, String token) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri(service, nsid, Map.of()))
            .timeout(timeout)
            .POST(HttpRequest.BodyPublishers.ofByteArray(bytes));
    if (contentType != null) {
      b.header("Content-Type", contentType);
    }
    return send(b, token);
  }

  private XrpcResponse send(HttpRequest.Builder b, String token) {
    b.header("Accept", "application/json");
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    HttpRequest request = b.build();
    policy.check(request.uri());
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (HttpConnectTimeoutException | ConnectException e) {
      throw new TransportFailure(false, "cannot connect to " + request.uri().getHost(), e);
    } catch (HttpTimeoutException e) {
      throw new TransportFailure(
          true, "no answer from " + request.uri().getHost() + " within " + timeout, e);
    } catch (IOException e) {
      throw new TransportFailure(
          true, "the connection to " + request.uri().getHost() + " broke: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransportFailure(true, "interrupted while waiting for Bluesky", e);
    }
    return new XrpcResponse(response.statusCode(), parse(response.body()), response.headers());
  }

  private static JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      // A proxy's HTML error page: the status code says enough.
      return MissingNode.getInstance();
    }
  }

  private static URI uri(URI service, String nsid, Map<String, ?> params) {
    String base = service.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    StringJoiner q = new StringJoiner("&");
    for (Map.Entry<String, ?> e : params.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      Iterable<?> values =
          e.getValue() instanceof Iterable<?> it ? it : java.util.List.of(e.getValue());
      for (Object v : values) {
        q.add(
            URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                + "="
                + URLEncoder.encode(String.valueOf(v), StandardCharsets.UTF_8));
      }
    }
    String query = q.length() == 0 ? "" : "?" + q;
    return URI.create(base + "/xrpc/" + nsid + query);
  }

  /**
   * The request could not be completed. {@code maybeProcessed} is false only when the request
   * certainly never reached the server (connection refused, connect timeout).
   */
  public static final class TransportFailure extends RuntimeException {
    private final boolean maybeProcessed;

    TransportFailure(boolean maybeProcessed, String message, Throwable cause) {
      super(message, cause);
      this.maybeProcessed = maybeProcessed;
    }

    public boolean maybeProcessed() {
      return maybeProcessed;
    }
  }
}
