package dev.rapport.publishing.dispatch;

import dev.rapport.platforms.testplatform.TestPlatformConnector;
import dev.rapport.publishing.dispatch.internal.DbDispatcher;
import dev.rapport.store.Database;
import dev.rapport.store.DatabaseSettings;
import dev.rapport.workspace.Platform;
import java.net.URI;
import java.time.Duration;

/**
 * A dispatching Rapport node in its own JVM, for the crash test (which kills it with SIGKILL) and
 * the two-node benchmark: opens the shared database, connects the workspace's channels to the test
 * platform, and dispatches until killed.
 *
 * <p>Arguments: jdbc-url schema|- platform-uri node-name workspace-slug [threads] [idempotency]
 * [polling-ms] [heartbeat-ms]
 */
public final class DispatchNode {

  private DispatchNode() {}

  public static void main(String[] args) throws Exception {
    String schema = args[1].equals("-") ? null : args[1];
    URI platform = URI.create(args[2]);
    int threads = args.length > 5 ? Integer.parseInt(args[5]) : 8;
    boolean idempotency = args.length > 6 && Boolean.parseBoolean(args[6]);
    int pollingMs = args.length > 7 ? Integer.parseInt(args[7]) : 50;
    // The crash test wants a dead node noticed fast; the benchmark, on a loaded machine, must not
    // take a busy node for a dead one.
    int heartbeatMs = args.length > 8 ? Integer.parseInt(args[8]) : 300;
    String user = args[0].startsWith("jdbc:h2:") ? "sa" : "";
    Database db = Database.open(new DatabaseSettings(args[0], user, "", threads + 4, schema));
    DispatchFixture f = new DispatchFixture(db, args[4]);
    for (var c : f.channels) {
      f.connections.connect(
          f.workspace.id(), c.id(), platform, "acct", c.handle(), java.util.Map.of());
    }
    DbDispatcher d =
        f.dispatcher(
            TestPlatformConnector.unpaced(Platform.MASTODON, idempotency, Duration.ofSeconds(2)),
            DispatchSettings.quick(args[3])
                .withThreads(threads, Duration.ofMillis(pollingMs))
                .withHeartbeat(Duration.ofMillis(heartbeatMs), heartbeatMs >= 1000 ? 6 : 4));
    d.start();
    System.out.println("started " + d.node());
    System.out.flush();
    Thread.currentThread().join(); // until killed
  }
}
