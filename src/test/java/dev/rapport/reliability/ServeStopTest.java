package dev.rapport.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.app.Rapport;
import dev.rapport.cli.RapportCommand;
import dev.rapport.engagement.NewLink;
import dev.rapport.engagement.TrackedLink;
import dev.rapport.store.Database;
import dev.rapport.store.DatabaseSettings;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.Workspace;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Stopping {@code rapport serve} (SIGTERM) while visitors follow a short link: every redirect that
 * was answered is a stored click, although clicks are written behind the answer, because the
 * server's exit writes what waits before the embedded database closes.
 */
class ServeStopTest {

  private static final Pattern SERVING = Pattern.compile("serving on http://[^:]+:(\\d+)/");

  @Test
  void everyAnsweredRedirectIsAStoredClickAfterAStop(@TempDir Path dir) throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("rapport") + ";DB_CLOSE_ON_EXIT=FALSE";
    TrackedLink link;
    long workspace;
    try (Rapport r = Rapport.on(open(url), Clock.systemUTC())) {
      Workspace ws = r.workspaces().create("shop", "Shop", ZoneId.of("UTC"), TargetAudience.NONE);
      workspace = ws.id();
      link =
          r.links()
              .create(
                  ws.id(),
                  new NewLink(
                      URI.create("https://shop.example/rye"),
                      null,
                      null,
                      null,
                      "web",
                      "social",
                      "stop"));
    }

    Path log = dir.resolve("serve.log");
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx512m",
            "-cp",
            System.getProperty("java.class.path"),
            RapportCommand.class.getName(),
            "serve",
            "--port",
            "0",
            "--database-url",
            url);
    pb.environment().put("RAPPORT_HOME", dir.toString());
    Process server = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    AtomicLong answered = new AtomicLong();
    try {
      int port = port(server, log);
      URI shortLink = URI.create("http://127.0.0.1:" + port + "/l/" + link.code());
      HttpClient http =
          HttpClient.newBuilder()
              .followRedirects(HttpClient.Redirect.NEVER)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService visitors = Executors.newFixedThreadPool(8);
      List<Future<?>> running = new ArrayList<>();
      for (int v = 0; v < 8; v++) {
        running.add(
            visitors.submit(
                () -> {
                  while (!stop.get()) {
                    try {
                      HttpResponse<Void> r =
                          http.send(
                              HttpRequest.newBuilder(shortLink)
                                  .timeout(Duration.ofSeconds(10))
                                  .build(),
                              HttpResponse.BodyHandlers.discarding());
                      if (r.statusCode() == 302) {
                        answered.incrementAndGet();
                      }
                    } catch (IOException refusedOnceStopped) {
                      return null;
                    }
                  }
                  return null;
                }));
      }
      // Until a few thousand visits were answered, then stop the server under load.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (answered.get() < 3_000 && System.nanoTime() < deadline) {
        Thread.sleep(20);
      }
      assertThat(answered.get()).as("visits before the stop").isGreaterThanOrEqualTo(3_000);
      server.destroy(); // SIGTERM
      assertThat(server.waitFor(60, TimeUnit.SECONDS)).as(Files.readString(log)).isTrue();
      stop.set(true);
      for (Future<?> f : running) {
        f.get(30, TimeUnit.SECONDS);
      }
      visitors.shutdown();
    } finally {
      server.destroyForcibly();
    }

    try (Rapport r = Rapport.on(open(url), Clock.systemUTC())) {
      long stored = r.links().clicks(workspace, link.id());
      assertThat(stored)
          .as("clicks stored against redirects answered")
          .isGreaterThanOrEqualTo(answered.get());
    }
    assertThat(Files.readString(log)).doesNotContain("not recorded");
  }

  private static Database open(String url) {
    return Database.open(new DatabaseSettings(url, "", "", 2, null));
  }

  private static int port(Process server, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline && server.isAlive()) {
      if (Files.exists(log)) {
        Matcher m = SERVING.matcher(Files.readString(log));
        if (m.find()) {
          return Integer.parseInt(m.group(1));
        }
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the server did not start:\n" + Files.readString(log));
  }
}
