package dev.rapport.authenticity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.reliability.FuzzTries;
import dev.rapport.reliability.Spreadsheet;
import java.io.StringWriter;
import java.util.List;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;

/**
 * The audit's list of suspicious accounts (rapport audit --suspicious out.csv) holds ids, handles
 * and reasons from profile files anyone can write: opened in a spreadsheet, none runs as a formula.
 */
@AddLifecycleHook(FuzzTries.class)
class SuspiciousExportInjectionTest {

  @Provide
  Arbitrary<String> cell() {
    return Spreadsheet.cells();
  }

  @Property(tries = 500)
  void idsHandlesAndReasonsReadBackAsText(
      @ForAll("cell") String id, @ForAll("cell") String handle, @ForAll("cell") String reason) {
    StringWriter out = new StringWriter();
    SuspiciousExport export = new SuspiciousExport(out, SuspiciousExport.Format.CSV);
    ProfileSnapshot p = ProfileSnapshot.builder("x", id).handle(handle).build();
    export.verdict(p, new Verdict(Category.SUSPICIOUS, 0.9, 1.0, List.of(reason), "test"));
    List<List<String>> rows = Spreadsheet.parse(out.toString());
    assertThat(rows).hasSize(2);
    List<String> row = rows.get(1);
    assertThat(row).hasSize(5);
    Spreadsheet.assertNeutral(id, row.get(0));
    Spreadsheet.assertNeutral(handle, row.get(1));
    Spreadsheet.assertNeutral(reason, row.get(4));
  }

  @Example
  void aHyperlinkHandleIsWrittenAsText() {
    StringWriter out = new StringWriter();
    SuspiciousExport export = new SuspiciousExport(out, SuspiciousExport.Format.CSV);
    ProfileSnapshot p =
        ProfileSnapshot.builder("x", "1").handle("=HYPERLINK(\"http://e.example\")").build();
    export.verdict(p, new Verdict(Category.SUSPICIOUS, 0.9, 1.0, List.of("new"), "test"));
    assertThat(out.toString()).contains("\"'=HYPERLINK(\"\"http://e.example\"\")\"");
  }
}
