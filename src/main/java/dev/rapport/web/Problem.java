package dev.rapport.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * An RFC 9457 problem detail, the body of every API error.
 *
 * @param type a URI naming the kind of problem; {@code about:blank} when the status says it all
 * @param errors an extension member: what was wrong with each field or line of a refused body, in
 *     order (absent when the detail says it all)
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record Problem(
    String type,
    String title,
    int status,
    String detail,
    String instance,
    List<Invalid.Field> errors) {

  static final String MEDIA_TYPE = "application/problem+json";

  Problem(String type, String title, int status, String detail, String instance) {
    this(type, title, status, detail, instance, null);
  }
}
