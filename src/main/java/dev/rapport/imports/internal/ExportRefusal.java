package dev.rapport.imports.internal;

import dev.rapport.imports.ExportProblem;

/**
 * A problem that stops reading the export at once (an unsafe zip entry, a file over the size limit,
 * a file that is not there): nothing after it can be trusted or read.
 */
public final class ExportRefusal extends RuntimeException {
  private final transient ExportProblem problem;

  public ExportRefusal(String file, long line, String reason) {
    super(new ExportProblem(file, line, "", reason).toString());
    this.problem = new ExportProblem(file, line, "", reason);
  }

  public ExportProblem problem() {
    return problem;
  }
}
