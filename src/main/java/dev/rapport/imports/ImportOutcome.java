package dev.rapport.imports;

import java.util.List;

/** How an import ended: everything written, or nothing written and why. */
public sealed interface ImportOutcome {

  /**
   * The file was valid and written in one transaction.
   *
   * @param rows data rows read
   * @param created new records written
   * @param unchanged rows that were already known (re-imports create no duplicates)
   * @param notes facts worth telling, e.g. how many conversions had no known buyer
   */
  record Imported(ImportKind kind, long rows, long created, long unchanged, List<String> notes)
      implements ImportOutcome {
    public Imported {
      notes = List.copyOf(notes);
    }
  }

  /**
   * The file was refused; nothing was written.
   *
   * @param problems the first problems found, in file order
   * @param totalProblems how many problems there were in all
   */
  record Rejected(ImportKind kind, List<ImportProblem> problems, long totalProblems)
      implements ImportOutcome {
    public Rejected {
      problems = List.copyOf(problems);
    }
  }
}
