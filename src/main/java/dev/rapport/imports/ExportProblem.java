package dev.rapport.imports;

/**
 * One thing wrong with a platform export.
 *
 * @param file the file inside the export, e.g. {@code data/tweets.js}; empty for the export itself
 * @param line 1-based line in that file, or 0 when the problem concerns the whole file
 * @param path where in the file's structure, e.g. {@code [12].tweet.created_at} or a CSV column;
 *     empty when the line says enough
 * @param reason what is wrong, in plain words
 */
public record ExportProblem(String file, long line, String path, String reason) {

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(file.isEmpty() ? "export" : file);
    if (line > 0) {
      s.append(", line ").append(line);
    }
    if (!path.isEmpty()) {
      s.append(", ").append(path);
    }
    return s.append(": ").append(reason).toString();
  }
}
