package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.reliability.FuzzTries;
import dev.rapport.reliability.Spreadsheet;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * The web's CSV exports (the audience export and every other {@link Csv} row): whatever strangers
 * put in a cell, a spreadsheet reads back the same text and never a formula.
 */
@AddLifecycleHook(FuzzTries.class)
class CsvInjectionPropertyTest {

  @Provide
  Arbitrary<List<String>> row() {
    return Spreadsheet.cells().list().ofMinSize(1).ofMaxSize(6);
  }

  @Property(tries = 500)
  void everyCellReadsBackAsTextNeverAsAFormula(@ForAll("row") List<String> cells) {
    List<List<String>> parsed = Spreadsheet.parse(Csv.row(cells));
    assertThat(parsed).hasSize(1);
    assertThat(parsed.get(0)).hasSize(cells.size());
    for (int i = 0; i < cells.size(); i++) {
      Spreadsheet.assertNeutral(cells.get(i), parsed.get(0).get(i));
    }
  }
}
