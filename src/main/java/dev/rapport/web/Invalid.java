package dev.rapport.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A refused request body whose problems are known field by field (or line by line): answered 400
 * with the problems in the problem detail's {@code errors} member, and on pages as the detail.
 */
final class Invalid extends IllegalArgumentException {

  /** Listed problems; the rest are counted in the detail. */
  static final int LISTED = 100;

  /**
   * One thing wrong.
   *
   * @param field the field, as a JSON pointer into the body ({@code /events/3/kind}) or a column
   *     name for a CSV body
   * @param line the 1-based line of a CSV body (the header is line 1), or null
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record Field(String field, Long line, String detail) {}

  private final transient List<Field> fields;

  Invalid(String detail, List<Field> fields) {
    super(detail);
    this.fields = List.copyOf(fields.subList(0, Math.min(LISTED, fields.size())));
  }

  /** A single field's problem. */
  static Invalid field(String field, String detail) {
    return new Invalid(detail, List.of(new Field(field, null, detail)));
  }

  List<Field> fields() {
    return fields;
  }
}
