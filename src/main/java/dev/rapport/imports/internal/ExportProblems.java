package dev.rapport.imports.internal;

import dev.rapport.imports.ExportProblem;
import java.util.ArrayList;
import java.util.List;

/** Collects problems found in an export; keeps the first {@code limit}, counts the rest. */
public final class ExportProblems {
  private final int limit;
  private final List<ExportProblem> kept = new ArrayList<>();
  private long total;

  public ExportProblems(int limit) {
    this.limit = limit;
  }

  public void add(String file, long line, String path, String reason) {
    add(new ExportProblem(file, line, path, reason));
  }

  public void add(ExportProblem p) {
    total++;
    if (kept.size() < limit) {
      kept.add(p);
    }
  }

  public boolean any() {
    return total > 0;
  }

  public long total() {
    return total;
  }

  public List<ExportProblem> kept() {
    return List.copyOf(kept);
  }
}
