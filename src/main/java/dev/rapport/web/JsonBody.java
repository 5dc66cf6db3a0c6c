package dev.rapport.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.http.Context;
import java.util.Locale;

/** Reading a JSON request body: what was wrong is a 400 with a plain detail. */
final class JsonBody {

  static final int MAX_BODY = 64 * 1024;

  private JsonBody() {}

  /** The request's JSON object (at most 64 KiB, {@code Content-Type: application/json}). */
  static JsonNode read(ObjectMapper json, Context ctx) {
    String type = ctx.contentType();
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new IllegalArgumentException("Send the body as JSON (Content-Type: application/json).");
    }
    String raw = Requests.utf8Body(ctx);
    if (raw.length() > MAX_BODY) {
      throw new IllegalArgumentException("The body is larger than 64 KiB.");
    }
    JsonNode node;
    try {
      node = json.readTree(raw);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "The body is not valid JSON: " + e.getOriginalMessage() + ".");
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("The body must be a JSON object.");
    }
    return node;
  }

  /** A string field; null when absent and not required. */
  static String text(JsonNode body, String field, boolean required) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      if (required) {
        throw new IllegalArgumentException("'" + field + "' is required.");
      }
      return null;
    }
    if (!v.isTextual()) {
      throw new IllegalArgumentException("'" + field + "' must be a string.");
    }
    if (required && v.asText().isBlank()) {
      throw new IllegalArgumentException("'" + field + "' must not be empty.");
    }
    return v.asText();
  }

  /** A whole-number id field. */
  static long id(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || !v.canConvertToLong() || !v.isIntegralNumber()) {
      throw new IllegalArgumentException("'" + field + "' must be a whole number.");
    }
    return v.asLong();
  }
}
