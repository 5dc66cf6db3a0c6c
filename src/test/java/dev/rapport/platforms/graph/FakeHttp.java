package dev.rapport.platforms.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A local HTTP server for connector tests: records every request, hands it to a platform fake, and
 * turns the fake's {@link Violation} (a request the platform's documentation does not allow) into a
 * 400 answer and a recorded violation the test asserts is absent.
 */
public final class FakeHttp implements AutoCloseable {

  public static final ObjectMapper JSON = new ObjectMapper();

  /** One request as the server saw it; {@code params} merges the query and a form body. */
  public record Request(
      String method,
      String path,
      Map<String, String> query,
      Map<String, String> params,
      Headers headers,
      byte[] body,
      Map<String, byte[]> files) {

    public String param(String name) {
      return params.get(name);
    }

    public String bodyText() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  /** An answer. */
  public record Response(int status, byte[] body, Map<String, String> headers) {

    public static Response json(int status, Object body) {
      try {
        return new Response(status, JSON.writeValueAsBytes(body), new LinkedHashMap<>());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    public static Response empty(int status) {
      return new Response(status, new byte[0], new LinkedHashMap<>());
    }

    public Response header(String name, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(name, value);
      return new Response(status, body, h);
    }
  }

  /** A request the platform's documentation does not allow. */
  public static final class Violation extends RuntimeException {
    public Violation(String message) {
      super(message);
    }
  }

  /** The platform fake. */
  @FunctionalInterface
  public interface Handler {
    Response handle(Request request);
  }

  private final HttpServer server;
  private final java.util.concurrent.ExecutorService executor =
      java.util.concurrent.Executors.newCachedThreadPool();
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<String> violations = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, FakeHttp.Response> cannedNext =
      Collections.synchronizedMap(new LinkedHashMap<>());
  private volatile Duration stall = Duration.ZERO;
  private volatile String stallPath;

  public FakeHttp(Handler handler) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.createContext("/", exchange -> serve(exchange, handler));
    server.setExecutor(executor);
    server.start();
  }

  public URI base() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  public List<Request> requests(String method, String pathSuffix) {
    return requests().stream()
        .filter(r -> r.method().equals(method) && r.path().endsWith(pathSuffix))
        .toList();
  }

  public List<String> violations() {
    synchronized (violations) {
      return List.copyOf(violations);
    }
  }

  /**
   * The next {@code method} request whose path ends with {@code pathSuffix} gets {@code response}
   * instead of reaching the fake (a documented error the platform may answer with).
   */
  public void answerNext(String method, String pathSuffix, Response response) {
    cannedNext.put(method + " " + pathSuffix, response);
  }

  private Response canned(Request request) {
    synchronized (cannedNext) {
      for (var it = cannedNext.entrySet().iterator(); it.hasNext(); ) {
        var e = it.next();
        String[] key = e.getKey().split(" ", 2);
        if (request.method().equals(key[0]) && request.path().endsWith(key[1])) {
          it.remove();
          return e.getValue();
        }
      }
    }
    return null;
  }

  /** The next request whose path ends with {@code pathSuffix} is processed, then answered late. */
  public void stallAfterProcessing(String pathSuffix, Duration delay) {
    stallPath = pathSuffix;
    stall = delay;
  }

  private void serve(HttpExchange exchange, Handler handler) throws IOException {
    try (exchange) {
      byte[] body = exchange.getRequestBody().readAllBytes();
      Map<String, String> query = decode(exchange.getRequestURI().getRawQuery());
      Map<String, String> params = new LinkedHashMap<>(query);
      String type = exchange.getRequestHeaders().getFirst("Content-Type");
      if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
        params.putAll(decode(new String(body, StandardCharsets.UTF_8)));
      }
      Map<String, byte[]> files = new LinkedHashMap<>();
      if (type != null && type.startsWith("multipart/form-data")) {
        multipart(type.substring(type.indexOf("boundary=") + 9), body, params, files);
      }
      Request request =
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getRawPath(),
              query,
              params,
              exchange.getRequestHeaders(),
              body,
              files);
      requests.add(request);
      Response response;
      try {
        Response canned = canned(request);
        response = canned != null ? canned : handler.handle(request);
      } catch (Violation v) {
        violations.add(request.method() + " " + request.path() + ": " + v.getMessage());
        response =
            Response.json(
                400,
                Map.of(
                    "error",
                    Map.of(
                        "message",
                        "fake server: " + v.getMessage(),
                        "type",
                        "FakeServerViolation",
                        "code",
                        100)));
      } catch (RuntimeException e) {
        violations.add(request.method() + " " + request.path() + ": fake crashed: " + e);
        response = Response.json(500, Map.of("error", Map.of("message", e.toString(), "code", 1)));
      }
      String stalled = stallPath;
      if (stalled != null && request.path().endsWith(stalled)) {
        stallPath = null;
        try {
          Thread.sleep(stall.toMillis());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      if (!response.headers().containsKey("Content-Type") && response.body().length > 0) {
        exchange.getResponseHeaders().add("Content-Type", "application/json");
      }
      exchange.sendResponseHeaders(
          response.status(), response.body().length == 0 ? -1 : response.body().length);
      if (response.body().length > 0) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(response.body());
        }
      }
    } catch (IOException e) {
      // the client gave up (timeout tests); nothing to answer
    }
  }

  /** Splits a multipart body: text fields into params, files (with a filename) into files. */
  private static void multipart(
      String boundary, byte[] body, Map<String, String> params, Map<String, byte[]> files) {
    String all = new String(body, StandardCharsets.ISO_8859_1);
    for (String part : all.split("--" + java.util.regex.Pattern.quote(boundary))) {
      int split = part.indexOf("\r\n\r\n");
      if (split < 0) {
        continue;
      }
      String head = part.substring(0, split);
      String content = part.substring(split + 4);
      if (content.endsWith("\r\n")) {
        content = content.substring(0, content.length() - 2);
      }
      java.util.regex.Matcher name =
          java.util.regex.Pattern.compile("name=\"([^\"]*)\"").matcher(head);
      if (!name.find()) {
        continue;
      }
      byte[] bytes = content.getBytes(StandardCharsets.ISO_8859_1);
      if (head.contains("filename=")) {
        files.put(name.group(1), bytes);
      } else {
        params.put(name.group(1), new String(bytes, StandardCharsets.UTF_8));
      }
    }
  }

  private static Map<String, String> decode(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      String v = eq < 0 ? "" : pair.substring(eq + 1);
      out.put(
          URLDecoder.decode(k, StandardCharsets.UTF_8),
          URLDecoder.decode(v, StandardCharsets.UTF_8));
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
