package dev.rapport.platforms.testplatform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

/**
 * A small social platform on loopback for dispatch tests: creates posts, lists them, and finds them
 * by idempotency key, with injected faults. It is a raw HTTP/1.1 server over sockets so that it can
 * do what real platforms and networks do to clients: answer late, answer after creating, drop the
 * connection with nothing sent.
 *
 * <p>It counts every create per idempotency key and per text, which is what the tests check:
 * exactly one post per variant, whatever happened on the way.
 */
public final class TestPlatformServer implements AutoCloseable {

  /** What the server does to one matching request. */
  public enum Fault {
    /** HTTP 500 before doing anything. */
    ERROR_500,
    /** HTTP 429 with Retry-After, before doing anything. */
    RATE_LIMITED,
    /** Holds the request past the client's timeout, then drops it without creating. */
    TIMEOUT_BEFORE,
    /** Creates the post, then holds the answer past the client's timeout. */
    TIMEOUT_AFTER,
    /**
     * Holds the request past the client's timeout, then creates the post anyway (a backlogged
     * platform): a lookup made soon after the timeout does not see it yet.
     */
    SLOW_CREATE,
    /** Creates the post, then closes the connection without answering. */
    DROP_AFTER,
    /** Closes the connection as soon as the request is read, without creating. */
    DROP_BEFORE,
    /** HTTP 422 with a message: the platform refuses this post. */
    REJECT,
    /** HTTP 503 on lookups (list and by-key): the platform cannot be asked. */
    LOOKUP_UNAVAILABLE
  }

  /** One created post as the platform holds it. */
  public record Created(String id, String text, String idempotencyKey, Instant at) {}

  private record Rule(Predicate<String> text, Fault fault, AtomicLong remaining) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ServerSocket socket;
  private final ExecutorService threads = Executors.newCachedThreadPool(daemon());
  private final boolean idempotency;
  private final List<Created> created = new CopyOnWriteArrayList<>();
  private final Map<String, Created> byKey = new ConcurrentHashMap<>();
  private final List<Rule> rules = new CopyOnWriteArrayList<>();
  private final AtomicLong ids = new AtomicLong();
  private final AtomicLong createRequests = new AtomicLong();
  private final Map<Fault, AtomicLong> served = new ConcurrentHashMap<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private volatile Duration latency = Duration.ZERO;
  private volatile Duration hold = Duration.ofSeconds(3);
  private volatile int retryAfterSeconds = 1;
  private volatile boolean closed;

  private TestPlatformServer(boolean idempotency) throws IOException {
    this.idempotency = idempotency;
    this.socket = new ServerSocket();
    socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
    threads.execute(this::accept);
  }

  /**
   * Starts a server on 127.0.0.1 and a random port.
   *
   * @param idempotency de-duplicate creates by the {@code Idempotency-Key} header (like Mastodon);
   *     without it, only the client's outbox and lookups prevent duplicates
   */
  public static TestPlatformServer start(boolean idempotency) {
    try {
      return new TestPlatformServer(idempotency);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public URI uri() {
    return URI.create("http://127.0.0.1:" + socket.getLocalPort());
  }

  public boolean idempotency() {
    return idempotency;
  }

  /** Added to every request (the benchmark's 5 ms). A create is stored before the wait. */
  public TestPlatformServer latency(Duration d) {
    this.latency = d;
    return this;
  }

  /** How long the timeout faults hold a request (longer than the client's timeout). */
  public TestPlatformServer hold(Duration d) {
    this.hold = d;
    return this;
  }

  public TestPlatformServer retryAfterSeconds(int s) {
    this.retryAfterSeconds = s;
    return this;
  }

  /** The next {@code times} requests whose text matches get {@code fault}. */
  public TestPlatformServer inject(Predicate<String> text, Fault fault, int times) {
    rules.add(new Rule(text, fault, new AtomicLong(times)));
    return this;
  }

  public List<Created> created() {
    return List.copyOf(created);
  }

  /** Create requests received, including the faulted ones. */
  public long createRequests() {
    return createRequests.get();
  }

  /** How many requests got each fault (the soak's count of injected faults). */
  public Map<Fault, Long> faultsServed() {
    Map<Fault, Long> out = new java.util.EnumMap<>(Fault.class);
    served.forEach((f, n) -> out.put(f, n.get()));
    return out;
  }

  /** How many posts carry each text. */
  public Map<String, Integer> countsByText() {
    Map<String, Integer> counts = new HashMap<>();
    for (Created c : created) {
      counts.merge(c.text(), 1, Integer::sum);
    }
    return counts;
  }

  private Fault fault(String text, boolean lookup) {
    for (Rule r : rules) {
      boolean kind = (r.fault() == Fault.LOOKUP_UNAVAILABLE) == lookup;
      if (kind && r.text().test(text == null ? "" : text)) {
        long left = r.remaining().getAndUpdate(n -> n > 0 ? n - 1 : 0);
        if (left > 0) {
          served.computeIfAbsent(r.fault(), k -> new AtomicLong()).incrementAndGet();
          return r.fault();
        }
      }
    }
    return null;
  }

  private void accept() {
    while (!closed) {
      try {
        Socket s = socket.accept();
        open.add(s);
        threads.execute(() -> serve(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      InputStream in = new BufferedInputStream(s.getInputStream());
      OutputStream out = s.getOutputStream();
      while (!closed) {
        Request req = Request.read(in);
        if (req == null) {
          return;
        }
        if (!handle(req, out, s)) {
          return;
        }
      }
    } catch (IOException | InterruptedException e) {
      // The client went away, or the server is closing.
    } finally {
      open.remove(s);
    }
  }

  /** Returns false when the connection must be closed. */
  private boolean handle(Request req, OutputStream out, Socket s)
      throws IOException, InterruptedException {
    if (req.method.equals("POST") && req.path.equals("/posts")) {
      return create(req, out, s);
    }
    if (req.method.equals("GET") && req.path.equals("/posts")) {
      if (fault(null, true) != null) {
        return respond(out, 503, null, "{\"error\":\"lookups are down\"}");
      }
      sleep(latency);
      Instant since = Instant.parse(req.query.getOrDefault("since", Instant.EPOCH.toString()));
      ArrayNode list = JSON.createArrayNode();
      for (Created c : created) {
        if (!c.at().isBefore(since)) {
          list.add(json(c));
        }
      }
      return respond(out, 200, null, list.toString());
    }
    if (req.method.equals("GET") && req.path.startsWith("/posts/by-key/") && idempotency) {
      if (fault(null, true) != null) {
        return respond(out, 503, null, "{\"error\":\"lookups are down\"}");
      }
      sleep(latency);
      String key = URLDecoder.decode(req.path.substring(14), StandardCharsets.UTF_8);
      Created c = byKey.get(key);
      return c == null
          ? respond(out, 404, null, "{\"error\":\"no such post\"}")
          : respond(out, 200, null, json(c).toString());
    }
    return respond(out, 404, null, "{\"error\":\"no such endpoint\"}");
  }

  private boolean create(Request req, OutputStream out, Socket s)
      throws IOException, InterruptedException {
    createRequests.incrementAndGet();
    JsonNode body = JSON.readTree(req.body);
    String text = body.path("text").asText("");
    if (text.isBlank()) {
      return respond(out, 422, null, "{\"error\":\"Validation failed: Text can't be blank\"}");
    }
    String key = req.headers.get("idempotency-key");
    Fault f = fault(text, false);
    if (f == Fault.ERROR_500) {
      return respond(out, 500, null, "{\"error\":\"internal error\"}");
    }
    if (f == Fault.RATE_LIMITED) {
      return respond(out, 429, "Retry-After: " + retryAfterSeconds, "{\"error\":\"rate limited\"}");
    }
    if (f == Fault.REJECT) {
      return respond(
          out,
          422,
          null,
          "{\"error\":\"Text contains a link to a blocked domain (spam.example)\"}");
    }
    if (f == Fault.DROP_BEFORE) {
      s.setSoLinger(true, 0);
      return false;
    }
    if (f == Fault.TIMEOUT_BEFORE) {
      sleep(hold);
      return false;
    }
    if (f == Fault.SLOW_CREATE) {
      sleep(hold);
      store(text, key);
      return false;
    }
    Created c = store(text, key);
    if (f == Fault.DROP_AFTER) {
      s.setSoLinger(true, 0);
      return false;
    }
    if (f == Fault.TIMEOUT_AFTER) {
      sleep(hold);
      return false;
    }
    sleep(latency);
    return respond(out, 200, null, json(c).toString());
  }

  private Created store(String text, String key) {
    if (idempotency && key != null) {
      return byKey.computeIfAbsent(key, k -> add(text, k));
    }
    Created c = add(text, key);
    if (key != null) {
      byKey.putIfAbsent(key, c);
    }
    return c;
  }

  private Created add(String text, String key) {
    Created c = new Created(Long.toString(ids.incrementAndGet()), text, key, Instant.now());
    created.add(c);
    return c;
  }

  private ObjectNode json(Created c) {
    ObjectNode n = JSON.createObjectNode();
    n.put("id", c.id());
    n.put("text", c.text());
    n.put("url", uri() + "/p/" + c.id());
    n.put("createdAt", c.at().toString());
    return n;
  }

  private static boolean respond(OutputStream out, int status, String header, String body)
      throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    String head =
        "HTTP/1.1 "
            + status
            + " X\r\nContent-Type: application/json\r\nContent-Length: "
            + b.length
            + "\r\n"
            + (header == null ? "" : header + "\r\n")
            + "\r\n";
    out.write(head.getBytes(StandardCharsets.US_ASCII));
    out.write(b);
    out.flush();
    return true;
  }

  private static void sleep(Duration d) throws InterruptedException {
    if (!d.isZero()) {
      Thread.sleep(d.toMillis());
    }
  }

  private static java.util.concurrent.ThreadFactory daemon() {
    return r -> {
      Thread t = new Thread(r, "test-platform");
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    closed = true;
    try {
      socket.close();
    } catch (IOException e) {
      // closing anyway
    }
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    threads.shutdownNow();
  }

  /** One parsed HTTP/1.1 request. */
  private record Request(
      String method,
      String path,
      Map<String, String> query,
      Map<String, String> headers,
      byte[] body) {

    static Request read(InputStream in) throws IOException {
      String line = line(in);
      if (line == null || line.isEmpty()) {
        return null;
      }
      String[] parts = line.split(" ");
      Map<String, String> headers = new HashMap<>();
      String h = line(in);
      for (; h != null && !h.isEmpty(); h = line(in)) {
        int colon = h.indexOf(':');
        if (colon < 0) {
          return null; // a header cut short: the client died while writing it
        }
        headers.put(
            h.substring(0, colon).trim().toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
      }
      if (h == null) {
        return null; // the connection ended before the blank line that closes the headers
      }
      int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
      byte[] body = in.readNBytes(length);
      if (body.length < length) {
        // A client killed between writing its headers and its body: a real server drops the
        // request, it does not create a post from an empty body.
        return null;
      }
      String target = parts[1];
      String path = target;
      Map<String, String> query = new HashMap<>();
      int q = target.indexOf('?');
      if (q >= 0) {
        path = target.substring(0, q);
        for (String kv : target.substring(q + 1).split("&")) {
          int eq = kv.indexOf('=');
          if (eq > 0) {
            query.put(
                kv.substring(0, eq),
                URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
          }
        }
      }
      return new Request(parts[0], path, query, headers, body);
    }

    private static String line(InputStream in) throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      int c;
      while ((c = in.read()) != -1) {
        if (c == '\n') {
          break;
        }
        if (c != '\r') {
          b.write(c);
        }
      }
      if (c == -1 && b.size() == 0) {
        return null;
      }
      return b.toString(StandardCharsets.US_ASCII);
    }
  }
}
