package dev.rapport.publishing.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.content.PostState;
import dev.rapport.platforms.testplatform.TestPlatformConnector;
import dev.rapport.platforms.testplatform.TestPlatformServer;
import dev.rapport.platforms.testplatform.TestPlatformServer.Fault;
import dev.rapport.publishing.dispatch.internal.DbDispatcher;
import dev.rapport.store.TestDatabases;
import dev.rapport.workspace.Platform;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Fault injection against the local test platform: every scheduled variant ends published exactly
 * once, or failed/unconfirmed with an actionable message; none twice, none left behind.
 */
class DispatchFaultTest {

  static final Duration CALL_TIMEOUT = Duration.ofMillis(500);
  static final Duration SETTLE = Duration.ofSeconds(30);
  static final String FAULTY_A = "post 0 @ch0";
  static final String FAULTY_B = "post 1 @ch1";

  static boolean faulty(String body) {
    return body.equals(FAULTY_A) || body.equals(FAULTY_B);
  }

  private final List<AutoCloseable> open = new ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    Collections.reverse(open);
    for (AutoCloseable c : open) {
      c.close();
    }
  }

  private <T extends AutoCloseable> T keep(T c) {
    open.add(c);
    return c;
  }

  /** Ten variants on two channels, due now, with {@code fault} on the first two texts. */
  private Run run(TestDatabases.Kind kind, boolean idempotency, Fault fault, int times)
      throws InterruptedException {
    TestPlatformServer server =
        keep(TestPlatformServer.start(idempotency).hold(Duration.ofMillis(1500)));
    server.inject(t -> t.equals(FAULTY_A), fault, times);
    server.inject(t -> t.equals(FAULTY_B), fault, times);
    DispatchFixture f = keep(new DispatchFixture(kind.open(), "faults", 2)).connectAll(server);
    DbDispatcher d =
        keep(
            f.dispatcher(
                TestPlatformConnector.unpaced(Platform.MASTODON, idempotency, CALL_TIMEOUT),
                DispatchSettings.quick("test")));
    Instant now = Instant.now();
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      texts.add("post " + i);
    }
    List<Long> ids = f.schedule(texts, f.channels, Collections.nCopies(texts.size(), now));
    for (long id : ids) {
      d.schedule(f.workspace.id(), id, now);
    }
    d.start();
    Map<Long, DispatchFixture.Row> rows = f.awaitSettled(ids, SETTLE);
    return new Run(server, f, d, ids, rows);
  }

  record Run(
      TestPlatformServer server,
      DispatchFixture f,
      DbDispatcher d,
      List<Long> ids,
      Map<Long, DispatchFixture.Row> rows) {

    /** Every variant published, and exactly one platform post per variant text. */
    void allPublishedOnce() {
      Map<String, Integer> counts = server.countsByText();
      for (long id : ids) {
        DispatchFixture.Row r = rows.get(id);
        assertThat(r.state()).as("variant %s (%s)", id, r.body()).isEqualTo(PostState.PUBLISHED);
        assertThat(r.platformPostId()).isNotNull();
        assertThat(counts.get(r.body())).as("posts with text '%s'", r.body()).isEqualTo(1);
      }
      assertThat(server.created()).hasSize(ids.size());
    }

    List<String> kinds(long variantId) {
      return d.history(f.workspace.id(), variantId).stream().map(DispatchEvent::kind).toList();
    }

    long faulted() {
      return ids.stream()
          .filter(id -> rows.get(id).body().equals(FAULTY_A))
          .findFirst()
          .orElseThrow();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void http500WithoutIdempotencyIsLookedUpThenPublishedOnce(TestDatabases.Kind kind)
      throws Exception {
    Run r = run(kind, false, Fault.ERROR_500, 3);
    r.allPublishedOnce();
    // A 500 without idempotency keys may have been processed: looked for before publishing again.
    assertThat(r.kinds(r.faulted())).contains("unknown", "not_found", "published");
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void http500WithIdempotencyIsRetriedWithBackoff(TestDatabases.Kind kind) throws Exception {
    Run r = run(kind, true, Fault.ERROR_500, 3);
    r.allPublishedOnce();
    assertThat(r.kinds(r.faulted())).contains("retry", "published").doesNotContain("unknown");
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void rateLimitHonoursRetryAfter(TestDatabases.Kind kind) throws Exception {
    Run r = run(kind, true, Fault.RATE_LIMITED, 2);
    r.allPublishedOnce();
    List<DispatchEvent> h = r.d.history(r.f.workspace.id(), r.faulted());
    DispatchEvent retry =
        h.stream().filter(e -> e.kind().equals("retry")).findFirst().orElseThrow();
    DispatchEvent done =
        h.stream().filter(e -> e.kind().equals("published")).findFirst().orElseThrow();
    assertThat(retry.message()).contains("429").contains("trying again in");
    // Retry-After: 1 (seconds) was honoured although the backoff alone would be 25-50 ms.
    assertThat(Duration.between(retry.at(), done.at()))
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void timeoutBeforeProcessingIsLookedUpThenPublishedOnce(TestDatabases.Kind kind)
      throws Exception {
    Run r = run(kind, false, Fault.TIMEOUT_BEFORE, 2);
    r.allPublishedOnce();
    assertThat(r.kinds(r.faulted())).containsSubsequence("unknown", "not_found", "published");
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void timeoutAfterProcessingIsFoundNotRepeated(TestDatabases.Kind kind) throws Exception {
    Run r = run(kind, false, Fault.TIMEOUT_AFTER, 2);
    r.allPublishedOnce();
    assertThat(r.kinds(r.faulted())).containsSubsequence("unknown", "found");
    assertThat(r.kinds(r.faulted())).doesNotContain("not_found");
    // Ten variants, ten create requests: the timed-out ones were never sent again.
    assertThat(r.server.createRequests()).isEqualTo(r.ids.size());
    assertThat(r.d.history(r.f.workspace.id(), r.faulted()).get(0).message())
        .contains("without an answer");
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void postCreatedLongAfterTheTimeoutIsWaitedForNotRepeated(TestDatabases.Kind kind)
      throws Exception {
    // The platform holds the request 1.5 s and creates it after the client gave up at 0.5 s; a
    // lookup 50 ms after the timeout finds nothing. Publishing again then would post twice, so
    // "not there" is only believed once the attempt is older than the call lease (3 s here).
    Run r = run(kind, false, Fault.SLOW_CREATE, 1);
    Thread.sleep(1600); // past the held request, whatever dispatch did meanwhile
    r.allPublishedOnce();
    assertThat(r.kinds(r.faulted())).containsSubsequence("unknown", "not_yet", "found");
    assertThat(r.kinds(r.faulted())).doesNotContain("not_found");
    assertThat(r.server.createRequests()).isEqualTo(r.ids.size());
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void droppedConnectionAfterProcessingIsFound(TestDatabases.Kind kind) throws Exception {
    Run r = run(kind, false, Fault.DROP_AFTER, 2);
    r.allPublishedOnce();
    assertThat(r.kinds(r.faulted())).containsSubsequence("unknown", "found");
    assertThat(r.server.createRequests()).isEqualTo(r.ids.size());
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void droppedConnectionBeforeProcessingIsPublishedAgainOnce(TestDatabases.Kind kind)
      throws Exception {
    Run r = run(kind, false, Fault.DROP_BEFORE, 2);
    r.allPublishedOnce();
    assertThat(r.kinds(r.faulted())).containsSubsequence("unknown", "not_found", "published");
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void persistentFailureEndsFailedWithWhatToDo(TestDatabases.Kind kind) throws Exception {
    Run r = run(kind, true, Fault.ERROR_500, 1000);
    long failedOne = r.faulted();
    DispatchFixture.Row row = r.rows.get(failedOne);
    assertThat(row.state()).isEqualTo(PostState.FAILED);
    assertThat(row.failureMessage()).contains("kept failing").contains("after 5 tries");
    assertThat(row.failureAction()).contains("retry");
    // The others published once, the two failing texts never.
    Map<String, Integer> counts = r.server.countsByText();
    for (long id : r.ids) {
      DispatchFixture.Row v = r.rows.get(id);
      boolean faulty = faulty(v.body());
      assertThat(v.state()).isEqualTo(faulty ? PostState.FAILED : PostState.PUBLISHED);
      assertThat(counts.getOrDefault(v.body(), 0)).isEqualTo(faulty ? 0 : 1);
    }
    assertThat(r.d.failures(r.f.workspace.id())).hasSize(2);
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void unanswerableLookupsEndUnconfirmedThenRetryConfirms(TestDatabases.Kind kind)
      throws Exception {
    TestPlatformServer server = keep(TestPlatformServer.start(false).hold(Duration.ofMillis(1500)));
    server.inject(t -> t.startsWith("post 0 "), Fault.TIMEOUT_AFTER, 1);
    server.inject(t -> true, Fault.LOOKUP_UNAVAILABLE, 5);
    DispatchFixture f = keep(new DispatchFixture(kind.open(), "lookups", 1)).connectAll(server);
    DbDispatcher d =
        keep(
            f.dispatcher(
                TestPlatformConnector.unpaced(Platform.MASTODON, false, CALL_TIMEOUT),
                DispatchSettings.quick("test")));
    Instant now = Instant.now();
    List<Long> ids = f.schedule(List.of("post 0"), f.channels, List.of(now));
    d.schedule(f.workspace.id(), ids.get(0), now);
    d.start();
    DispatchFixture.Row row = f.awaitSettled(ids, SETTLE).get(ids.get(0));
    assertThat(row.state()).isEqualTo(PostState.UNCONFIRMED);
    assertThat(row.failureMessage()).contains("could not find out whether");
    assertThat(row.failureAction()).contains("Look at the account").contains("retry");
    assertThat(d.failures(f.workspace.id()))
        .singleElement()
        .satisfies(x -> assertThat(x.state()).isEqualTo(PostState.UNCONFIRMED));
    assertThat(server.created()).hasSize(1);

    // The platform answers again: retry looks first, finds it, and does not post it twice.
    d.retry(f.workspace.id(), ids.get(0));
    long deadline = System.nanoTime() + SETTLE.toNanos();
    while (f.row(ids.get(0)).state() != PostState.PUBLISHED && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat(f.row(ids.get(0)).state()).isEqualTo(PostState.PUBLISHED);
    assertThat(server.created()).hasSize(1);
    assertThat(d.history(f.workspace.id(), ids.get(0)).stream().map(DispatchEvent::kind))
        .containsSubsequence("unknown", "cannot_tell", "unconfirmed", "retried_by_user", "found");
  }
}
