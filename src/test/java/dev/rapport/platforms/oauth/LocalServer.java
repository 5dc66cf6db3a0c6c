package dev.rapport.platforms.oauth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
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
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A small HTTP server on 127.0.0.1 for fake platform APIs: routes by method and path pattern,
 * records every request, and injects faults (an error answer, a slow answer after or before
 * processing, a dropped connection) into the next matching calls.
 */
public class LocalServer implements AutoCloseable {

  public static final ObjectMapper JSON = new ObjectMapper();

  /** One request as received. */
  public record Request(String method, String path, String rawQuery, Headers headers, byte[] body) {

    public String header(String name) {
      return headers.getFirst(name);
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    public List<String> params(String name) {
      return decodePairs(rawQuery).getOrDefault(name, List.of());
    }

    public String param(String name) {
      List<String> v = params(name);
      return v.isEmpty() ? null : v.get(0);
    }

    public Map<String, List<String>> form() {
      return decodePairs(text());
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body.length == 0 ? "{}" : text());
      } catch (IOException e) {
        throw new IllegalArgumentException("request body is not JSON: " + text(), e);
      }
    }

    /** Parts of a multipart/form-data body, by field name. */
    public Map<String, Part> multipart() {
      String type = header("Content-Type");
      if (type == null || !type.startsWith("multipart/form-data")) {
        return Map.of();
      }
      String boundary = type.substring(type.indexOf("boundary=") + 9).replace("\"", "");
      String all = new String(body, StandardCharsets.ISO_8859_1);
      Map<String, Part> parts = new LinkedHashMap<>();
      for (String chunk : all.split("--" + Pattern.quote(boundary))) {
        int split = chunk.indexOf("\r\n\r\n");
        if (split < 0) {
          continue;
        }
        String head = chunk.substring(0, split);
        String content = chunk.substring(split + 4);
        if (content.endsWith("\r\n")) {
          content = content.substring(0, content.length() - 2);
        }
        Matcher name = Pattern.compile("name=\"([^\"]*)\"").matcher(head);
        Matcher file = Pattern.compile("filename=\"([^\"]*)\"").matcher(head);
        Matcher ct = Pattern.compile("(?i)content-type:\\s*(\\S+)").matcher(head);
        if (name.find()) {
          parts.put(
              name.group(1),
              new Part(
                  file.find() ? file.group(1) : null,
                  ct.find() ? ct.group(1) : null,
                  content.getBytes(StandardCharsets.ISO_8859_1)));
        }
      }
      return parts;
    }
  }

  public record Part(String fileName, String contentType, byte[] content) {
    public String text() {
      return new String(content, StandardCharsets.UTF_8);
    }
  }

  /** An answer. */
  public record Response(int status, Map<String, String> headers, String body) {
    public static Response json(int status, Object body) {
      try {
        return new Response(status, Map.of(), JSON.writeValueAsString(body));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
    }

    public Response with(String header, String value) {
      Map<String, String> h = new LinkedHashMap<>(headers);
      h.put(header, value);
      return new Response(status, h, body);
    }
  }

  /** A route's handler. */
  public interface Handler {
    Response handle(Request request, Matcher path);
  }

  /** What to do instead of answering normally. */
  public sealed interface Fault {
    /** Answer this without processing the request. */
    record Answer(Response response) implements Fault {}

    /** Process the request, then wait before answering (a timeout after processing). */
    record SlowAfter(Duration delay) implements Fault {}

    /** Wait without processing (a timeout before processing); then answer 503. */
    record SlowBefore(Duration delay) implements Fault {}

    /** Process the request, then close the connection without answering. */
    record DropAfter() implements Fault {}
  }

  private record Route(String method, Pattern path, Handler handler) {}

  private record PendingFault(String method, String pathPrefix, Fault fault) {}

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();
  private final List<Route> routes = Collections.synchronizedList(new ArrayList<>());
  private final ConcurrentLinkedDeque<PendingFault> faults = new ConcurrentLinkedDeque<>();
  private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());

  public LocalServer() {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    server.setExecutor(executor);
    server.createContext("/", this::serve);
    server.start();
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  public void route(String method, String pathRegex, Handler handler) {
    routes.add(new Route(method, Pattern.compile(pathRegex), handler));
  }

  /**
   * The next request with this method whose path starts with {@code pathPrefix} meets the fault.
   */
  public void fault(String method, String pathPrefix, Fault fault) {
    faults.add(new PendingFault(method, pathPrefix, fault));
  }

  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  public List<Request> requests(String method, String pathPrefix) {
    return requests().stream()
        .filter(r -> r.method().equals(method) && r.path().startsWith(pathPrefix))
        .toList();
  }

  private void serve(HttpExchange exchange) throws IOException {
    try (exchange) {
      serveOne(exchange);
    }
  }

  private void serveOne(HttpExchange exchange) throws IOException {
    try {
      Request request =
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getRawPath(),
              exchange.getRequestURI().getRawQuery(),
              exchange.getRequestHeaders(),
              exchange.getRequestBody().readAllBytes());
      requests.add(request);
      Fault fault = takeFault(request);
      if (fault instanceof Fault.Answer a) {
        send(exchange, a.response());
        return;
      }
      if (fault instanceof Fault.SlowBefore s) {
        sleep(s.delay());
        send(exchange, Response.json(503, Map.of("error", "timed out")));
        return;
      }
      Response response = dispatch(request);
      if (fault instanceof Fault.SlowAfter s) {
        sleep(s.delay());
      }
      if (fault instanceof Fault.DropAfter) {
        return; // closing without a status line: the client sees the connection drop
      }
      send(exchange, response);
    } catch (RuntimeException e) {
      // A bug in a fake shows as a 500 with its cause, not as a silently dropped connection.
      send(exchange, Response.json(500, Map.of("error", "fake server failed: " + e)));
    }
  }

  private Response dispatch(Request request) {
    List<Route> snapshot;
    synchronized (routes) {
      snapshot = List.copyOf(routes);
    }
    boolean pathKnown = false;
    for (Route route : snapshot) {
      Matcher m = route.path().matcher(request.path());
      if (m.matches()) {
        pathKnown = true;
        if (route.method().equals(request.method())) {
          return route.handler().handle(request, m);
        }
      }
    }
    return Response.json(
        pathKnown ? 405 : 404, Map.of("error", pathKnown ? "Method not allowed" : "Not found"));
  }

  private PendingFault matching(Request request) {
    for (PendingFault f : faults) {
      if (f.method().equals(request.method()) && request.path().startsWith(f.pathPrefix())) {
        return f;
      }
    }
    return null;
  }

  private synchronized Fault takeFault(Request request) {
    PendingFault f = matching(request);
    if (f == null) {
      return null;
    }
    faults.remove(f);
    return f.fault();
  }

  private static void send(HttpExchange exchange, Response response) throws IOException {
    byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json; charset=utf-8");
    response.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.sendResponseHeaders(response.status(), bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static Map<String, List<String>> decodePairs(String raw) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
    }
    return out;
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
