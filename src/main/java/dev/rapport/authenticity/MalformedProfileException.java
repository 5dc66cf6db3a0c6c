package dev.rapport.authenticity;

/**
 * A profile record could not be read. The message names the record (line or index) and, where it is
 * known, the field, e.g. {@code "followers.jsonl line 17, field followers_count: expected a number,
 * got "many""}.
 */
public final class MalformedProfileException extends RuntimeException {

  private final String record;
  private final String field;

  public MalformedProfileException(String record, String field, String problem) {
    super(record + (field == null ? "" : ", field " + field) + ": " + problem);
    this.record = record;
    this.field = field;
  }

  /** Where the record is, e.g. {@code "genuine.csv line 12"}. */
  public String record() {
    return record;
  }

  /** The offending field, or {@code null} when the record as a whole is broken. */
  public String field() {
    return field;
  }
}
