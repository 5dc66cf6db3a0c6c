package dev.rapport.reliability;

import dev.rapport.platforms.testplatform.TestPlatformConnector;
import dev.rapport.publishing.dispatch.DispatchFixture;
import dev.rapport.publishing.dispatch.DispatchSettings;
import dev.rapport.publishing.dispatch.internal.DbDispatcher;
import dev.rapport.store.Database;
import dev.rapport.store.DatabaseSettings;
import dev.rapport.workspace.Platform;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A Rapport node in its own JVM for the crash harness, which kills it with SIGKILL: dispatches the
 * scheduled posts of the posts workspace to the test platform (no idempotency keys) while it works
 * through the plan file's imports and audits in order, skipping those already complete, as a person
 * rerunning their commands after a crash would. Prints "begin NAME" and "end NAME" around each item
 * and "work done" at the end, then dispatches until killed.
 *
 * <p>Arguments: jdbc-url schema|- platform-uri plan-file
 */
public final class CrashNode {

  private CrashNode() {}

  public static void main(String[] args) throws Exception {
    try {
      work(args);
    } catch (Throwable e) {
      // The dispatcher's threads would keep the JVM alive: stop, so the harness sees the failure.
      e.printStackTrace(System.out);
      System.out.flush();
      System.exit(1);
    }
  }

  private static void work(String[] args) throws Exception {
    String schema = args[1].equals("-") ? null : args[1];
    String user = args[0].startsWith("jdbc:h2:") ? "sa" : "";
    Database db = Database.open(new DatabaseSettings(args[0], user, "", 10, schema));
    DispatchFixture f = new DispatchFixture(db, CrashWorkload.POSTS);
    for (var c : f.channels) {
      f.connections.connect(
          f.workspace.id(), c.id(), URI.create(args[2]), "acct", c.handle(), Map.of());
    }
    DbDispatcher d =
        f.dispatcher(
            TestPlatformConnector.unpaced(Platform.MASTODON, false, Duration.ofSeconds(2)),
            DispatchSettings.quick("crash-node-" + ProcessHandle.current().pid())
                .withThreads(4, Duration.ofMillis(50))
                // A node is taken for dead after 4 s without a heartbeat. With 1.2 s (300 ms × 4)
                // a live node stalled on the loaded 2-core CI machine was taken for dead by the
                // others and by itself (db-scheduler then logged "updated 0 ... Indicates a bug"
                // while completing; nothing was published twice): this test is about nodes killed,
                // not about nodes slowed down.
                .withHeartbeat(Duration.ofMillis(500), 8));
    d.start();
    say("started");
    for (String line : Files.readAllLines(Path.of(args[3]), StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      CrashWorkload.Item item = CrashWorkload.Item.parse(line);
      if (CrashWorkload.done(f.rapport, item)) {
        continue;
      }
      say("begin " + item.name());
      CrashWorkload.run(f.rapport, item);
      say("end " + item.name());
    }
    say("work done");
    Thread.currentThread().join(); // dispatching until killed
  }

  private static void say(String s) {
    System.out.println(s);
    System.out.flush();
  }
}
