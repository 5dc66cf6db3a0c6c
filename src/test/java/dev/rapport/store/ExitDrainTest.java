package dev.rapport.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The embedded database's exit hook lets a transaction in flight finish before it shuts H2 down.
 * Without the wait, SHUTDOWN closes the writer's session under it: the transaction is rolled back
 * half-way (and H2 may commit what the writer's next statement writes), as a `rapport simulate`
 * stopped mid-batch showed with rollups that disagreed with the ledger.
 */
class ExitDrainTest {

  @Test
  void theExitHookWaitsForTheTransactionInFlightAndThenRefusesNewWork(@TempDir Path dir)
      throws Exception {
    String url = "jdbc:h2:file:" + dir.resolve("rapport") + ";DB_CLOSE_ON_EXIT=FALSE";
    DatabaseSettings settings = new DatabaseSettings(url, "sa", "", 4, null);
    Database db = Database.open(settings);
    db.run(c -> c.createStatement().execute("CREATE TABLE drain_probe (k INT PRIMARY KEY)"));
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try {
      CountDownLatch firstWritten = new CountDownLatch(1);
      Future<Integer> writer =
          pool.submit(
              () ->
                  db.transaction(
                      c -> {
                        for (int k = 1; k <= 5; k++) {
                          c.createStatement().execute("INSERT INTO drain_probe VALUES (" + k + ")");
                          firstWritten.countDown();
                          try {
                            Thread.sleep(200);
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                        }
                        return 5;
                      }));
      assertThat(firstWritten.await(30, TimeUnit.SECONDS)).isTrue();
      db.shutDownEmbedded(); // what the exit hook runs, while the writer is half-way

      assertThat(writer.get(30, TimeUnit.SECONDS)).as("the writer finished its work").isEqualTo(5);
      assertThatThrownBy(() -> db.run(c -> c.createStatement().execute("SELECT 1")))
          .hasMessageContaining("the database is closing");
    } finally {
      pool.shutdownNow();
      db.close();
    }

    try (Database again = Database.open(settings)) {
      int rows =
          again.transaction(
              c -> {
                try (ResultSet rs =
                    c.createStatement().executeQuery("SELECT COUNT(*) FROM drain_probe")) {
                  rs.next();
                  return rs.getInt(1);
                }
              });
      assertThat(rows).as("the whole transaction, committed before the shutdown").isEqualTo(5);
    }
  }
}
