package dev.rapport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class EvalCommandTest {

  @Test
  void evaluatesTheCommittedModelOnALabelledCsv() throws Exception {
    String file =
        Path.of(EvalCommandTest.class.getResource("/dev/rapport/authenticity/labelled.csv").toURI())
            .toString();
    StringWriter out = new StringWriter();
    CommandLine cli = new CommandLine(new EvalCommand());
    cli.setOut(new PrintWriter(out));
    int exit = cli.execute("authenticity", "--data", file);

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("0 of 4 profiles had none")
        .contains("| committed model-v1 | as given | 4 (2) | model-v1 | 1.000 |")
        .contains("rules-v1")
        .contains("operating threshold: bot probability >= 0.50");
  }
}
