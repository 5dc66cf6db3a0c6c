package dev.rapport.platforms.graph;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The Graph API error object ({@code {"error":{"message","type","code","error_subcode",
 * "fbtrace_id"}}}), as Facebook, Instagram and Threads return it.
 *
 * @param code the error code, or 0 when the body carried none (a proxy's HTML page)
 * @param subcode the error subcode, or 0
 * @param userMessage {@code error_user_msg} when Meta gave a message meant for people, or null
 */
public record GraphError(
    int status,
    String message,
    String type,
    int code,
    int subcode,
    boolean transientError,
    String userMessage,
    String fbtraceId) {

  /** Reads the error of a non-2xx answer; tolerates bodies that are not Graph errors. */
  public static GraphError of(int status, JsonNode body) {
    JsonNode e = body == null ? null : body.get("error");
    if (e == null || !e.isObject()) {
      return new GraphError(status, "HTTP " + status, null, 0, 0, status >= 500, null, null);
    }
    return new GraphError(
        status,
        e.path("message").asText("HTTP " + status),
        e.path("type").asText(null),
        e.path("code").asInt(0),
        e.path("error_subcode").asInt(0),
        e.path("is_transient").asBoolean(false),
        e.path("error_user_msg").asText(null),
        e.path("fbtrace_id").asText(null));
  }

  /** The message for people: Meta's user message when given, else the technical one. */
  public String bestMessage() {
    return userMessage != null && !userMessage.isBlank() ? userMessage : message;
  }

  @Override
  public String toString() {
    return message + " (code " + code + (subcode != 0 ? ", subcode " + subcode : "") + ")";
  }
}
