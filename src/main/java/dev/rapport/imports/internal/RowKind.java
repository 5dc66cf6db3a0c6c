package dev.rapport.imports.internal;

import java.util.List;

/**
 * How one kind of CSV row is read and written. {@link #parse} must record every problem on the row
 * and may look things up (channels, posts) but never write; {@link #write} runs inside the import's
 * single transaction.
 */
public interface RowKind<T> {

  /** The typed row, or null when the row has problems (already recorded on it). */
  T parse(Row row);

  /** Writes a batch; records already known are left as they are. */
  void write(List<T> batch);

  /** Facts for the summary once everything is written. */
  default List<String> notes() {
    return List.of();
  }
}
