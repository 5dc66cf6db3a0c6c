package dev.rapport.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A writer queued for a row that another holds longer than H2's default lock timeout (2 s) waits
 * for it and goes on, as on PostgreSQL: writers of one workspace queue for its row, and an ingest
 * batch into a large ledger holds it for seconds.
 */
class LockWaitTest {

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void aWriterWaitsForALockHeldLongerThanH2sDefaultTimeout(TestDatabases.Kind kind)
      throws Exception {
    try (Database db = kind.open()) {
      db.run(
          c -> c.createStatement().execute("CREATE TABLE lock_probe (k INT PRIMARY KEY, v INT)"));
      db.run(c -> c.createStatement().execute("INSERT INTO lock_probe VALUES (1, 0)"));
      ExecutorService pool = Executors.newFixedThreadPool(2);
      try {
        CountDownLatch held = new CountDownLatch(1);
        Future<?> holder =
            pool.submit(
                () ->
                    db.run(
                        c -> {
                          c.createStatement()
                              .executeQuery("SELECT k FROM lock_probe WHERE k = 1 FOR UPDATE")
                              .close();
                          held.countDown();
                          try {
                            Thread.sleep(3_000);
                          } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                          }
                          c.createStatement().execute("UPDATE lock_probe SET v = 1 WHERE k = 1");
                        }));
        assertThat(held.await(30, TimeUnit.SECONDS)).isTrue();
        Future<Integer> waiter =
            pool.submit(
                () ->
                    db.transaction(
                        c -> {
                          var rs =
                              c.createStatement()
                                  .executeQuery("SELECT v FROM lock_probe WHERE k = 1 FOR UPDATE");
                          rs.next();
                          int seen = rs.getInt(1);
                          c.createStatement()
                              .execute("UPDATE lock_probe SET v = v + 10 WHERE k = 1");
                          return seen;
                        }));
        holder.get(30, TimeUnit.SECONDS);
        // The waiter saw the holder's committed change: it waited, it did not fail or skip.
        assertThat(waiter.get(30, TimeUnit.SECONDS)).isEqualTo(1);
      } finally {
        pool.shutdownNow();
      }
    }
  }
}
