package dev.rapport.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.store.DatabaseSettings;
import dev.rapport.store.TestDatabases;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The soak's short version (15 s of load per database): the web server, ingest, reads, redirects
 * and dispatch with injected faults all at once, checking the invariants — exactly-once publishing,
 * no error that an injected fault does not explain, no heap growth beyond the tolerance — and none
 * of the timings. The 30-minute run is {@code scripts/soak.sh}.
 */
class SoakTest {

  static Stream<Named<Supplier<DatabaseSettings>>> databases() {
    List<Named<Supplier<DatabaseSettings>>> out = new ArrayList<>();
    out.add(Named.of("H2", TestDatabases::h2Settings));
    if (TestDatabases.postgresUrl() != null) {
      out.add(Named.of("PostgreSQL", TestDatabases::postgresSettings));
    }
    return out.stream();
  }

  @ParameterizedTest
  @MethodSource("databases")
  void publishesExactlyOnceWithoutUnexplainedErrorsUnderMixedLoad(
      Supplier<DatabaseSettings> database) throws Exception {
    DatabaseSettings s = database.get();
    // Dispatch threads, the web server's requests and the load all share the pool.
    DatabaseSettings settings =
        new DatabaseSettings(s.url(), s.user(), s.password(), 24, s.schema());
    SoakBenchmark.Result r;
    try {
      r = SoakBenchmark.run(settings, SoakBenchmark.Plan.quick(Duration.ofSeconds(15)), System.err);
    } finally {
      if (settings.schema() != null) {
        TestDatabases.dropSchema(settings);
      }
    }
    String table = SoakBenchmark.table(r);
    System.err.println(table);

    SoakBenchmark.Publishing p = r.publishing();
    assertThat(p.scheduled()).as(table).isGreaterThanOrEqualTo(30);
    assertThat(p.exactlyOnceViolations()).as(table).isZero();
    assertThat(p.examples()).as(table).isEmpty();
    assertThat(r.unexpectedErrors()).as(table).isEmpty();
    // Every kind of platform fault was served at least once, so the invariants were tested.
    assertThat(p.faultsServed().keySet())
        .as(table)
        .contains(
            "ERROR_500",
            "RATE_LIMITED",
            "TIMEOUT_BEFORE",
            "TIMEOUT_AFTER",
            "SLOW_CREATE",
            "DROP_BEFORE",
            "DROP_AFTER",
            "REJECT");
    assertThat(p.outcomesByFault().get("REJECT")).as(table).containsOnlyKeys("FAILED");
    for (SoakBenchmark.StreamResult st : r.streams()) {
      assertThat(st.ok()).as(st.name() + "\n" + table).isPositive();
    }
    assertThat(r.heap().grows()).as(table).isFalse();
  }
}
