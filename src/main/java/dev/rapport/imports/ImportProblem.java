package dev.rapport.imports;

/**
 * One thing wrong with an input file.
 *
 * @param line 1-based line number in the file (the header is line 1)
 * @param column the column name, or empty when the problem concerns the whole row or file
 * @param reason what is wrong, in plain words
 */
public record ImportProblem(long line, String column, String reason) {

  @Override
  public String toString() {
    return "line " + line + (column.isEmpty() ? "" : ", column " + column) + ": " + reason;
  }
}
