package dev.rapport.publishing.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.content.PostState;
import dev.rapport.store.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The wiring: Rapport's dispatcher runs on Rapport's own connection store and closes with it. */
class RapportDispatchTest {

  @Test
  void rapportStartsDispatchOnItsConnectionsAndStopsItOnClose() throws Exception {
    DispatchFixture f = new DispatchFixture(TestDatabases.h2(), "wired", 1);
    try (f) {
      Dispatcher d = f.rapport.dispatcher();
      assertThat(f.rapport.dispatcher()).isSameAs(d);
      Instant now = Instant.now();
      List<Long> ids = f.schedule(List.of("hello"), f.channels, List.of(now));
      d.schedule(f.workspace.id(), ids.get(0), now);
      f.rapport.startDispatch();
      assertThat(d.running()).isTrue();
      // The channel has no connection in Rapport's store: failed, saying what to do.
      DispatchFixture.Row row = f.awaitSettled(ids, Duration.ofSeconds(60)).get(ids.get(0));
      assertThat(row.state()).isEqualTo(PostState.FAILED);
      assertThat(row.failureMessage()).contains("is not connected");
      assertThat(d.failures(f.workspace.id())).hasSize(1);
      f.rapport.close();
      assertThat(d.running()).isFalse();
    }
  }
}
