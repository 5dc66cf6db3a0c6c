package dev.rapport.platforms.bluesky;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.DriverManager;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The real Bluesky network on loopback (PLC, PDS, AppView, Ozone from {@code @atproto/dev-env}),
 * started once per test run from {@code src/test/peers/bluesky} and stopped when the run ends. It
 * needs the peer's node_modules, Node, PostgreSQL (a fresh schema per run) and Redis (a throwaway
 * {@code redis-server} on a free port). When any is missing the tests are skipped, unless {@code
 * RAPPORT_TEST_REQUIRE_PEERS=true}, when they fail.
 */
public final class BlueskyNetwork implements BeforeAllCallback {

  static final Path PEER_DIR = Path.of("src/test/peers/bluesky");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(5))
          .build();

  private static volatile Running running;

  @Override
  public void beforeAll(ExtensionContext context) {
    Running r =
        context
            .getRoot()
            .getStore(ExtensionContext.Namespace.GLOBAL)
            .getOrComputeIfAbsent(BlueskyNetwork.class.getName(), k -> start(), Running.class);
    if (r.problem != null) {
      if (Boolean.parseBoolean(System.getenv("RAPPORT_TEST_REQUIRE_PEERS"))) {
        throw new IllegalStateException("the Bluesky peer is required but " + r.problem);
      }
      Assumptions.abort("Bluesky peer not available: " + r.problem);
    }
    running = r;
  }

  /** The running network; only inside a class extended with this. */
  public static Running network() {
    if (running == null || running.problem != null) {
      throw new IllegalStateException("the Bluesky network is not running");
    }
    return running;
  }

  private static Running start() {
    Running r = new Running();
    try {
      r.startAll();
    } catch (Exception e) {
      r.problem = e.getMessage();
      r.close();
    }
    return r;
  }

  /** A test account on the PDS. */
  public record TestAccount(String did, String handle, String password, String accessJwt) {}

  /** The started processes and how to reach them. */
  public static final class Running
      implements ExtensionContext.Store.CloseableResource, AutoCloseable {
    String problem;
    URI pds;
    URI appview;
    Duration startup;
    private Process node;
    private Process redis;
    private String pgJdbc;
    private String schema;
    private Path log;
    private Path tmp;

    public URI pds() {
      return pds;
    }

    public Duration startup() {
      return startup;
    }

    void startAll() throws Exception {
      if (!Files.isDirectory(PEER_DIR.resolve("node_modules/@atproto/dev-env"))) {
        throw new IllegalStateException(
            "node_modules missing in "
                + PEER_DIR
                + " (run: npm ci --no-audit --no-fund --nodedir=/usr there)");
      }
      pgJdbc = postgresJdbc();
      try (var c = DriverManager.getConnection(pgJdbc)) {
        c.isValid(2);
      } catch (Exception e) {
        throw new IllegalStateException(
            "PostgreSQL not reachable at " + pgJdbc + ": " + e.getMessage());
      }
      schema = "rapport_bsky_" + letters(10);
      String redisHost = System.getenv("RAPPORT_TEST_REDIS_HOST");
      if (redisHost == null || redisHost.isBlank()) {
        int port = freePort();
        String exe =
            Files.isExecutable(Path.of("/usr/bin/redis-server"))
                ? "/usr/bin/redis-server"
                : "redis-server";
        try {
          redis =
              new ProcessBuilder(
                      exe,
                      "--bind",
                      "127.0.0.1",
                      "--port",
                      String.valueOf(port),
                      "--save",
                      "",
                      "--appendonly",
                      "no")
                  .redirectErrorStream(true)
                  .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                  .start();
        } catch (IOException e) {
          throw new IllegalStateException("redis-server cannot be started: " + e.getMessage());
        }
        redisHost = "127.0.0.1:" + port;
      }
      int plc = freePort();
      int pdsPort = freePort();
      int bsky = freePort();
      int ozone = freePort();
      Files.createDirectories(Path.of("target"));
      log = Path.of("target", "bluesky-peer.log");
      ProcessBuilder pb =
          new ProcessBuilder("node", "start-network.js")
              .directory(PEER_DIR.toFile())
              .redirectError(log.toFile());
      Map<String, String> env = pb.environment();
      env.put("DB_POSTGRES_URL", postgresUrlForNode(pgJdbc));
      env.put("DB_POSTGRES_SCHEMA", schema);
      env.put("REDIS_HOST", redisHost);
      env.put("PLC_PORT", String.valueOf(plc));
      env.put("PDS_PORT", String.valueOf(pdsPort));
      env.put("BSKY_PORT", String.valueOf(bsky));
      env.put("OZONE_PORT", String.valueOf(ozone));
      env.put("LOG_ENABLED", "false");
      // The PDSs keep their SQLite files and blobs under the temp dir: keep them in target/.
      tmp = Files.createDirectories(Path.of("target", "bluesky-peer-" + schema)).toAbsolutePath();
      env.put("TMPDIR", tmp.toString());
      Instant t0 = Instant.now();
      try {
        node = pb.start();
      } catch (IOException e) {
        throw new IllegalStateException("node cannot be started: " + e.getMessage());
      }
      CompletableFuture<String> ready =
          CompletableFuture.supplyAsync(
              () -> {
                try (BufferedReader out =
                    new BufferedReader(
                        new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = out.readLine()) != null) {
                    if (line.startsWith("READY ")) {
                      String json = line.substring(6);
                      // keep draining so the child never blocks on a full pipe
                      Thread drain =
                          new Thread(
                              () -> {
                                try {
                                  while (out.readLine() != null) {}
                                } catch (IOException ignored) {
                                  // the network stopped
                                }
                              });
                      drain.setDaemon(true);
                      drain.start();
                      return json;
                    }
                  }
                  return null;
                } catch (IOException e) {
                  return null;
                }
              });
      String json;
      try {
        json = ready.get(240, TimeUnit.SECONDS);
      } catch (java.util.concurrent.TimeoutException e) {
        throw new IllegalStateException(
            "the Bluesky network did not start within 240 s; see " + log);
      }
      if (json == null) {
        throw new IllegalStateException("the Bluesky network exited: " + tail(log));
      }
      startup = Duration.between(t0, Instant.now());
      JsonNode urls = JSON.readTree(json);
      pds = URI.create("http://127.0.0.1:" + pdsPort);
      appview = URI.create(urls.path("appview").asText().replace("localhost", "127.0.0.1"));
    }

    /** Creates an account; handles end in {@code .test}. */
    public TestAccount createAccount(String name) {
      String handle = name + letters(6) + ".test";
      String password = "pw-" + letters(12);
      JsonNode r =
          post(
              "com.atproto.server.createAccount",
              Map.of("email", handle + "@example.com", "handle", handle, "password", password),
              null);
      return new TestAccount(
          r.path("did").asText(), handle, password, r.path("accessJwt").asText());
    }

    /** An app password for the account, as a user would make one for Rapport. */
    public String appPassword(TestAccount account) {
      return post(
              "com.atproto.server.createAppPassword",
              Map.of("name", "rapport-" + letters(4)),
              account.accessJwt())
          .path("password")
          .asText();
    }

    public JsonNode post(String nsid, Object body, String token) {
      try {
        HttpRequest.Builder b =
            HttpRequest.newBuilder(URI.create(pds + "/xrpc/" + nsid))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)));
        if (token != null) {
          b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
          throw new IllegalStateException(nsid + " failed: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
      } catch (IOException e) {
        throw new IllegalStateException(nsid + " failed: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    public JsonNode get(String nsid, String query, String token) {
      try {
        HttpRequest.Builder b =
            HttpRequest.newBuilder(URI.create(pds + "/xrpc/" + nsid + "?" + query))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
          b.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
          throw new IllegalStateException(nsid + " failed: " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
      } catch (IOException e) {
        throw new IllegalStateException(nsid + " failed: " + e.getMessage(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    @Override
    public void close() {
      if (node != null) {
        try {
          node.getOutputStream().close(); // the script stops when its stdin closes
        } catch (IOException ignored) {
          // already gone
        }
        node.destroy();
        try {
          if (!node.waitFor(20, TimeUnit.SECONDS)) {
            node.destroyForcibly();
          }
        } catch (InterruptedException e) {
          node.destroyForcibly();
          Thread.currentThread().interrupt();
        }
      }
      if (redis != null) {
        redis.destroy();
      }
      if (tmp != null) {
        try (var files = Files.walk(tmp)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
          System.err.println("could not remove " + tmp + ": " + e.getMessage());
        }
      }
      if (schema != null && pgJdbc != null) {
        try (var c = DriverManager.getConnection(pgJdbc);
            var s = c.createStatement()) {
          for (String name : List.of(schema, "appview_" + schema, "ozone_" + schema)) {
            s.execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
          }
        } catch (Exception e) {
          System.err.println("could not drop the Bluesky peer's schemas: " + e.getMessage());
        }
      }
    }
  }

  /** The PostgreSQL the AppView uses: the storage tests' server, else the local default. */
  static String postgresJdbc() {
    String url = System.getenv("RAPPORT_TEST_POSTGRES_URL");
    return url == null || url.isBlank()
        ? "jdbc:postgresql://127.0.0.1:5432/test?user=postgres"
        : url;
  }

  /** {@code jdbc:postgresql://host:port/db?user=u} as node-postgres writes it. */
  static String postgresUrlForNode(String jdbc) {
    URI u = URI.create(jdbc.substring("jdbc:".length()));
    String user = "postgres";
    String password = null;
    if (u.getQuery() != null) {
      for (String kv : u.getQuery().split("&")) {
        String[] p = kv.split("=", 2);
        if (p.length == 2 && p[0].equals("user")) {
          user = p[1];
        } else if (p.length == 2 && p[0].equals("password")) {
          password = p[1];
        }
      }
    }
    String auth = password == null ? user : user + ":" + password;
    int port = u.getPort() < 0 ? 5432 : u.getPort();
    return "postgresql://" + auth + "@" + u.getHost() + ":" + port + u.getPath();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static final SecureRandom RANDOM = new SecureRandom();

  static String letters(int n) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < n; i++) {
      b.append((char) ('a' + RANDOM.nextInt(26)));
    }
    return b.toString();
  }

  private static String tail(Path log) {
    try {
      List<String> lines = new ArrayList<>(Files.readAllLines(log));
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }
}
