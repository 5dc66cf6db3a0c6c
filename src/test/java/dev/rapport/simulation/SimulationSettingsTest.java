package dev.rapport.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SimulationSettingsTest {

  static final Instant AS_OF = Instant.parse("2026-06-17T00:00:00Z");

  @Test
  void kindSharesAddUpToTheWholeAudience() {
    double sum = Arrays.stream(AccountKind.values()).mapToDouble(AccountKind::defaultShare).sum();
    assertThat(sum).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
  }

  @Test
  void regularsAreAFewHundredAtMost() {
    assertThat(SimulationSettings.defaultRegulars(300)).isEqualTo(10);
    assertThat(SimulationSettings.demo(AS_OF).regulars()).isEqualTo(100);
    assertThat(SimulationSettings.of(1_000_000, 1, 1, AS_OF).regulars()).isEqualTo(400);
  }

  @Test
  void rejectsNonsense() {
    assertThatThrownBy(() -> SimulationSettings.of(10, 100, 1, AS_OF))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SimulationSettings.of(1_000, -1, 1, AS_OF))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> SimulationSettings.of(1_000, 1, 1, AS_OF).withBatchSize(5))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
