package dev.rapport.imports;

import java.util.List;

/** How an export import ended: everything written, or nothing written and why. */
public sealed interface ExportOutcome {

  ExportFormat format();

  /**
   * The export was valid and written in one transaction.
   *
   * @param channel the channel the export was imported into, as {@code platform:handle}
   * @param channelCreated whether the import created that channel
   * @param counts per kind of record: how many the export held, how many were new
   * @param skipped what was deliberately not imported, with why
   * @param notes other facts worth telling
   */
  record Imported(
      ExportFormat format,
      String channel,
      boolean channelCreated,
      List<Count> counts,
      List<Skipped> skipped,
      List<String> notes)
      implements ExportOutcome {
    public Imported {
      counts = List.copyOf(counts);
      skipped = List.copyOf(skipped);
      notes = List.copyOf(notes);
    }

    /** The count of one kind, or a zero count when the export held none. */
    public Count count(String kind) {
      return counts.stream()
          .filter(c -> c.kind().equals(kind))
          .findFirst()
          .orElse(new Count(kind, 0, 0));
    }

    /** Everything skipped of one kind, over all reasons. */
    public long skippedOf(String kind) {
      return skipped.stream().filter(s -> s.kind().equals(kind)).mapToLong(Skipped::count).sum();
    }
  }

  /**
   * The export was refused; nothing was written.
   *
   * @param problems the first problems found, in file order
   * @param totalProblems how many there were in all
   */
  record Rejected(ExportFormat format, List<ExportProblem> problems, long totalProblems)
      implements ExportOutcome {
    public Rejected {
      problems = List.copyOf(problems);
    }
  }

  /**
   * One kind of record in the export.
   *
   * @param kind e.g. {@code posts}, {@code followers}, {@code follow events}
   * @param read how many the export held (and were not skipped)
   * @param created how many were new to Rapport; the rest were already known
   */
  record Count(String kind, long read, long created) {
    public long known() {
      return read - created;
    }
  }

  /** Records left out on purpose, with the reason. */
  record Skipped(String kind, long count, String reason) {}
}
