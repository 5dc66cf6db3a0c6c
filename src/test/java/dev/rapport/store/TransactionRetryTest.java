package dev.rapport.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link Database#transactionRetrying}: conflicts run again from a clean slate, others do not. */
class TransactionRetryTest {

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void aUniqueKeyConflictRollsBackAndRunsAgain(TestDatabases.Kind kind) {
    try (Database db = kind.open()) {
      db.run(
          c -> c.createStatement().execute("CREATE TABLE retry_probe (k INT PRIMARY KEY, v INT)"));
      db.run(c -> c.createStatement().execute("INSERT INTO retry_probe VALUES (1, 0)"));
      AtomicInteger attempts = new AtomicInteger();
      int result =
          db.transactionRetrying(
              3,
              c -> {
                int n = attempts.incrementAndGet();
                c.createStatement().execute("INSERT INTO retry_probe VALUES (2, " + n + ")");
                if (n == 1) {
                  // As if another batch had inserted key 1 first: a real unique violation.
                  c.createStatement().execute("INSERT INTO retry_probe VALUES (1, 1)");
                }
                return n;
              });
      assertThat(result).isEqualTo(2);
      // The first attempt's row 2 was rolled back: one row 2, from the second attempt.
      int v =
          db.transaction(
              c -> {
                var rs = c.createStatement().executeQuery("SELECT v FROM retry_probe WHERE k = 2");
                rs.next();
                return rs.getInt(1);
              });
      assertThat(v).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void otherErrorsAndExhaustedAttemptsAreThrown(TestDatabases.Kind kind) {
    try (Database db = kind.open()) {
      AtomicInteger attempts = new AtomicInteger();
      assertThatThrownBy(
              () ->
                  db.transactionRetrying(
                      3,
                      c -> {
                        attempts.incrementAndGet();
                        c.createStatement().execute("SELECT * FROM no_such_table");
                        return null;
                      }))
          .isInstanceOf(StoreException.class);
      assertThat(attempts).hasValue(1);

      AtomicInteger conflicts = new AtomicInteger();
      assertThatThrownBy(
              () ->
                  db.transactionRetrying(
                      3,
                      c -> {
                        conflicts.incrementAndGet();
                        throw new SQLException("deadlock detected", "40P01");
                      }))
          .isInstanceOf(StoreException.class);
      assertThat(conflicts).hasValue(3);
    }
  }
}
