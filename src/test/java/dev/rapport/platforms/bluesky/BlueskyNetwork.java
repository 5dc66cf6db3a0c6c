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
 * needs the peer's node_modules, Node, PostgreSQL (a fresh database per run) and Redis (a throwaway
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

  /**
   * Starts the network, twice at most: it comes up in seconds here, so an attempt that fails met
   * something transient (a port taken between choosing and binding it, a crash); the second attempt
   * gets fresh ports, database and Redis. A slow machine is not a failure: an attempt waits as long
   * as the services show progress (see {@link Running#awaitReady}), within one budget for all
   * attempts. Each failure's diagnosis is kept for the report.
   */
  private static Running start() {
    List<String> failures = new ArrayList<>();
    Instant deadline = Instant.now().plus(BUDGET);
    for (int attempt = 1; attempt <= ATTEMPTS && Instant.now().isBefore(deadline); attempt++) {
      Running r = new Running();
      try {
        r.startAll(attempt, deadline);
        if (!failures.isEmpty()) {
          System.err.println(
              "Bluesky network started on attempt " + attempt + " after: " + failures);
        }
        return r;
      } catch (Exception e) {
        failures.add("attempt " + attempt + ": " + e.getMessage());
        r.close();
      }
    }
    Running failed = new Running();
    failed.problem = String.join("\n", failures);
    return failed;
  }

  private static final int ATTEMPTS = 2;

  /** All attempts together; the network starts in about 5 s on the development machine. */
  private static final Duration BUDGET = Duration.ofSeconds(420);

  /** How long an attempt may go on without any sign of progress before it is given up. */
  private static final Duration QUIET = Duration.ofSeconds(90);

  /** Test databases older than this were left by a run that was killed (no run lasts so long). */
  private static final Duration STALE = Duration.ofHours(6);

  private static final java.util.concurrent.atomic.AtomicBoolean SWEPT =
      new java.util.concurrent.atomic.AtomicBoolean();

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
    private String database;
    private String nodeJdbc;
    private Path log;
    private Path serviceLog;
    private Path tmp;

    public URI pds() {
      return pds;
    }

    public Duration startup() {
      return startup;
    }

    void startAll(int attempt, Instant deadline) throws Exception {
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
      database = createDatabase(pgJdbc);
      nodeJdbc = database == null ? pgJdbc : withDatabase(pgJdbc, database);
      Files.createDirectories(Path.of("target"));
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
                  .redirectOutput(Path.of("target", "bluesky-redis-" + attempt + ".log").toFile())
                  .start();
        } catch (IOException e) {
          throw new IllegalStateException("redis-server cannot be started: " + e.getMessage());
        }
        redisHost = "127.0.0.1:" + port;
        awaitRedis(port);
      }
      // Four distinct ports, none of them Redis's: the OS may hand out a just-closed port again.
      var ports = new java.util.LinkedHashSet<Integer>();
      ports.add(Integer.parseInt(redisHost.substring(redisHost.lastIndexOf(':') + 1)));
      while (ports.size() < 5) {
        ports.add(freePort());
      }
      var chosen = new ArrayList<>(ports).subList(1, 5);
      int plc = chosen.get(0);
      int pdsPort = chosen.get(1);
      int bsky = chosen.get(2);
      int ozone = chosen.get(3);
      log = Path.of("target", "bluesky-peer-" + attempt + ".log").toAbsolutePath();
      serviceLog = Path.of("target", "bluesky-peer-services-" + attempt + ".log").toAbsolutePath();
      Files.deleteIfExists(serviceLog);
      ProcessBuilder pb =
          new ProcessBuilder("node", "start-network.js")
              .directory(PEER_DIR.toFile())
              .redirectError(log.toFile());
      Map<String, String> env = pb.environment();
      env.put("DB_POSTGRES_URL", postgresUrlForNode(nodeJdbc));
      env.put("DB_POSTGRES_SCHEMA", schema);
      env.put("REDIS_HOST", redisHost);
      env.put("PLC_PORT", String.valueOf(plc));
      env.put("PDS_PORT", String.valueOf(pdsPort));
      env.put("BSKY_PORT", String.valueOf(bsky));
      env.put("OZONE_PORT", String.valueOf(ozone));
      // The services' own log (pino), so that a start that hangs says where.
      env.put("LOG_ENABLED", "true");
      env.put("LOG_LEVEL", "info");
      env.put("LOG_DESTINATION", serviceLog.toString());
      // The PDSs keep their SQLite files and blobs under the temp dir: keep them in target/.
      tmp = Files.createDirectories(Path.of("target", "bluesky-peer-" + schema)).toAbsolutePath();
      env.put("TMPDIR", tmp.toString());
      Instant t0 = Instant.now();
      try {
        node = pb.start();
      } catch (IOException e) {
        throw new IllegalStateException("node cannot be started: " + e.getMessage());
      }
      // A thread of its own reads node's stdout: a task on the common fork-join pool (one thread
      // on two cores) could wait behind another test's blocked task until the start timed out.
      CompletableFuture<String> ready = new CompletableFuture<>();
      Thread reader =
          new Thread(
              () -> {
                try (BufferedReader out =
                    new BufferedReader(
                        new InputStreamReader(node.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = out.readLine()) != null) {
                    if (line.startsWith("READY ")) {
                      ready.complete(line.substring(6));
                    }
                    // and keep draining, so that the child never blocks on a full pipe
                  }
                } catch (IOException e) {
                  // the network stopped
                }
                ready.complete(null);
              },
              "bluesky-peer-stdout");
      reader.setDaemon(true);
      reader.start();
      String json = awaitReady(ready, t0, deadline, plc, pdsPort, bsky, ozone);
      if (json == null) {
        throw new IllegalStateException(
            "the Bluesky network exited: " + tail(log) + "\nservices log: " + tail(serviceLog));
      }
      startup = Duration.between(t0, Instant.now());
      JsonNode urls = JSON.readTree(json);
      pds = URI.create("http://127.0.0.1:" + pdsPort);
      appview = URI.create(urls.path("appview").asText().replace("localhost", "127.0.0.1"));
    }

    /**
     * Waits for node's READY line; null when node exits first. The services migrate their databases
     * before they listen, which took over 80 s instead of 1 s on a loaded CI machine: while the
     * services log grows or their PostgreSQL sessions start new statements the attempt goes on, up
     * to the deadline; after {@link #QUIET} without either it is given up.
     */
    private String awaitReady(
        CompletableFuture<String> ready,
        Instant t0,
        Instant deadline,
        int plc,
        int pdsPort,
        int bsky,
        int ozone)
        throws Exception {
      String lastSign = progressSign();
      Instant lastProgress = Instant.now();
      while (true) {
        try {
          return ready.get(2, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
          Instant now = Instant.now();
          String sign = progressSign();
          if (!sign.equals(lastSign)) {
            lastSign = sign;
            lastProgress = now;
          }
          boolean quiet = Duration.between(lastProgress, now).compareTo(QUIET) > 0;
          if (quiet || now.isAfter(deadline)) {
            throw new IllegalStateException(
                "the Bluesky network did not start ("
                    + (quiet ? "no progress for " + QUIET.toSeconds() + " s" : "out of time")
                    + ", "
                    + Duration.between(t0, now).toSeconds()
                    + " s after node started); "
                    + diagnosis(
                        Map.of("plc", plc, "pds", pdsPort, "appview", bsky, "ozone", ozone)));
          }
        }
      }
    }

    /** Changes whenever the services log something or send PostgreSQL a new statement. */
    private String progressSign() {
      long logged;
      try {
        logged = Files.exists(serviceLog) ? Files.size(serviceLog) : 0;
      } catch (IOException e) {
        logged = -1;
      }
      String statements;
      try (var c = DriverManager.getConnection(nodeJdbc);
          var s = c.createStatement();
          var rs =
              s.executeQuery(
                  "SELECT count(*), max(query_start)::text FROM pg_stat_activity"
                      + " WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
        rs.next();
        statements = rs.getLong(1) + "@" + rs.getString(2);
      } catch (Exception e) {
        statements = "?";
      }
      return logged + "|" + statements;
    }

    /**
     * What a hung start was waiting for: which services listen, whether Redis answers, which
     * PostgreSQL sessions wait on a lock, and the ends of both logs.
     */
    private String diagnosis(Map<String, Integer> ports) {
      StringBuilder b = new StringBuilder();
      b.append("node ").append(node.isAlive() ? "running" : "exited").append("; listening:");
      new java.util.TreeMap<>(ports)
          .forEach((name, port) -> b.append(' ').append(name).append('=').append(listens(port)));
      b.append("; redis ").append(redis == null || redis.isAlive() ? "alive" : "exited");
      try {
        b.append("; load average ").append(Files.readString(Path.of("/proc/loadavg")).trim());
      } catch (IOException e) {
        b.append("; load average unknown");
      }
      try (var c = DriverManager.getConnection(pgJdbc);
          var s = c.createStatement();
          var rs =
              s.executeQuery(
                  "SELECT (SELECT count(*) FROM pg_namespace), (SELECT count(*) FROM pg_class)")) {
        rs.next();
        b.append("; the test database holds ")
            .append(rs.getLong(1))
            .append(" schemas, ")
            .append(rs.getLong(2))
            .append(" relations");
      } catch (Exception e) {
        b.append("; test database: ").append(e.getMessage());
      }
      try (var c = DriverManager.getConnection(nodeJdbc);
          var s = c.createStatement();
          var rs =
              s.executeQuery(
                  "SELECT pid, state, wait_event_type, wait_event, left(query, 160),"
                      + " now() - query_start,"
                      + " (SELECT count(*) FROM pg_class) FROM pg_stat_activity"
                      + " WHERE datname = current_database() AND pid <> pg_backend_pid()")) {
        b.append("; the services' PostgreSQL sessions in ")
            .append(database == null ? "the test database" : database)
            .append(" (state wait for query):");
        boolean first = true;
        while (rs.next()) {
          if (first) {
            b.append(" [").append(rs.getLong(7)).append(" relations]");
            first = false;
          }
          b.append("\n  ")
              .append(rs.getInt(1))
              .append(' ')
              .append(rs.getString(2))
              .append(' ')
              .append(rs.getString(3))
              .append('/')
              .append(rs.getString(4))
              .append(" for ")
              .append(rs.getString(6))
              .append(": ")
              .append(rs.getString(5));
        }
      } catch (Exception e) {
        b.append("; PostgreSQL: ").append(e.getMessage());
      }
      b.append("\nnode stderr (").append(log).append("):\n").append(tail(log));
      b.append("\nservices log (").append(serviceLog).append("):\n").append(tail(serviceLog));
      return b.toString();
    }

    private static boolean listens(int port) {
      try (var s = new java.net.Socket()) {
        s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
        return true;
      } catch (IOException e) {
        return false;
      }
    }

    /** Waits until the throwaway Redis answers PING; the AppView would otherwise retry forever. */
    private void awaitRedis(int port) throws InterruptedException {
      String last = "no answer";
      for (int i = 0; i < 100; i++) {
        if (!redis.isAlive()) {
          throw new IllegalStateException("redis-server exited with " + redis.exitValue());
        }
        try (var s = new java.net.Socket()) {
          s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 200);
          s.setSoTimeout(1000);
          s.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
          byte[] buf = new byte[16];
          int n = s.getInputStream().read(buf);
          last = n <= 0 ? "empty answer" : new String(buf, 0, n, StandardCharsets.US_ASCII).trim();
          if (last.startsWith("+PONG")) {
            return;
          }
        } catch (IOException e) {
          last = e.getMessage();
        }
        Thread.sleep(100);
      }
      throw new IllegalStateException("redis-server on port " + port + " did not answer: " + last);
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
      if (database != null) {
        dropDatabase(pgJdbc, database);
      } else if (schema != null && pgJdbc != null) {
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

  /**
   * A database of its own for the services, or null when the test user may not create one (then
   * they use schemas in the test database). Their migrations list every column of every table in
   * the database they run in (Kysely's introspection, several times per service), so in the shared
   * test database they would slow down with every storage test's schema; and one statement drops
   * all they made.
   */
  static String createDatabase(String jdbc) {
    dropStaleDatabasesOnce(jdbc);
    // The creation time in the name lets a later run recognise what a killed one left behind.
    String name = "rapport_bsky_" + Instant.now().getEpochSecond() + "_" + letters(8);
    try (var c = DriverManager.getConnection(jdbc);
        var s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
      return name;
    } catch (java.sql.SQLException e) {
      System.err.println(
          "the Bluesky peer works in schemas of the test database: " + e.getMessage());
      return null;
    }
  }

  static void dropDatabase(String jdbc, String name) {
    try (var c = DriverManager.getConnection(jdbc);
        var s = c.createStatement()) {
      // FORCE ends the sessions a killed node process may have left (PostgreSQL 13 and later).
      s.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
    } catch (java.sql.SQLException e) {
      System.err.println("could not drop the Bluesky peer's database " + name + ": " + e);
    }
  }

  private static final java.util.regex.Pattern PEER_DATABASE =
      java.util.regex.Pattern.compile("rapport_bsky_(\\d{10})_[a-z]{8}");

  private static void dropStaleDatabasesOnce(String jdbc) {
    if (!SWEPT.compareAndSet(false, true)) {
      return;
    }
    long now = Instant.now().getEpochSecond();
    List<String> stale = new ArrayList<>();
    try (var c = DriverManager.getConnection(jdbc);
        var s = c.createStatement();
        var rs =
            s.executeQuery(
                "SELECT datname FROM pg_database WHERE datname LIKE 'rapport\\_bsky\\_%'")) {
      while (rs.next()) {
        var m = PEER_DATABASE.matcher(rs.getString(1));
        if (m.matches() && now - Long.parseLong(m.group(1)) > STALE.toSeconds()) {
          stale.add(rs.getString(1));
        }
      }
    } catch (java.sql.SQLException e) {
      System.err.println("could not list stale Bluesky peer databases: " + e.getMessage());
    }
    stale.forEach(name -> dropDatabase(jdbc, name));
  }

  /** The same server and parameters, another database. */
  static String withDatabase(String jdbc, String database) {
    URI u = URI.create(jdbc.substring("jdbc:".length()));
    return "jdbc:postgresql://"
        + u.getRawAuthority()
        + "/"
        + database
        + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
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
    if (log == null) {
      return "(no log)";
    }
    try {
      List<String> lines = new ArrayList<>(Files.readAllLines(log));
      return lines.subList(Math.max(0, lines.size() - 15), lines.size()).stream()
          .map(l -> l.length() > 400 ? l.substring(0, 400) + "..." : l)
          .collect(java.util.stream.Collectors.joining("\n"));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
