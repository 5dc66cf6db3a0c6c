package dev.rapport.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.web.WebSettings;
import org.junit.jupiter.api.Test;

/** How many requests `rapport serve` answers at once: option, then environment, then default. */
class ServeThreadsTest {

  @Test
  void theOptionWinsThenTheEnvironmentThenTheDefault() {
    assertThat(ServeCommand.requestThreads(24, "40")).isEqualTo(24);
    assertThat(ServeCommand.requestThreads(null, " 40 ")).isEqualTo(40);
    assertThat(ServeCommand.requestThreads(null, null))
        .isEqualTo(WebSettings.DEFAULT_REQUEST_THREADS);
    assertThat(ServeCommand.requestThreads(null, ""))
        .isEqualTo(WebSettings.DEFAULT_REQUEST_THREADS);
    assertThat(WebSettings.DEFAULT_REQUEST_THREADS).isGreaterThanOrEqualTo(16);
  }

  @Test
  void aNumberThatIsNotOneOrTooFewThreadsIsAClearError() {
    assertThatThrownBy(() -> ServeCommand.requestThreads(null, "many"))
        .hasMessage("RAPPORT_HTTP_THREADS must be a number, got 'many'");
    assertThatThrownBy(() -> WebSettings.of("127.0.0.1", 0).withRequestThreads(4))
        .hasMessage("request threads must be at least 8, got 4");
  }
}
