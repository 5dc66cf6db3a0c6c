package dev.rapport.imports.internal;

import dev.rapport.imports.ImportProblem;
import java.util.ArrayList;
import java.util.List;

/** Collects problems; keeps the first {@code limit} and counts the rest. Not thread-safe. */
public final class Problems {
  private final int limit;
  private final List<ImportProblem> kept = new ArrayList<>();
  private long total;

  public Problems(int limit) {
    this.limit = limit;
  }

  public void add(long line, String column, String reason) {
    total++;
    if (kept.size() < limit) {
      kept.add(new ImportProblem(line, column, reason));
    }
  }

  public boolean any() {
    return total > 0;
  }

  public long total() {
    return total;
  }

  public List<ImportProblem> kept() {
    return List.copyOf(kept);
  }
}
