package dev.rapport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.content.quality.EngagementValidationTest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ValidateContentCommandTest {

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = new CommandLine(new ValidateContentCommand());
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    return cli.execute(args);
  }

  @Test
  void saysWhenTheDataIsMissing(@TempDir Path dir) {
    assertThat(run("--data-dir", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("no engagement/facebook-news-2017 under");
  }

  @Test
  void printsTheSpearmanTable(@TempDir Path dir) throws Exception {
    EngagementValidationTest.write(dir);
    assertThat(run("--data-dir", dir.toString(), "--bootstrap", "100")).isZero();
    assertThat(out.toString())
        .startsWith("2 pages; 112 earlier posts learnt from, 48 later posts predicted.")
        .contains("| model | pooled Spearman [95% CI] | mean within-page Spearman [95% CI] |")
        .contains("| full model − account mean (paired) |");
  }
}
