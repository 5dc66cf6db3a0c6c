package dev.rapport.platforms.graph;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpHeaders;

/** The answer to one Graph API call. */
public sealed interface GraphReply {

  record Ok(JsonNode body, HttpHeaders headers) implements GraphReply {}

  record Failed(GraphError error, HttpHeaders headers) implements GraphReply {}

  /** Nothing reached the platform; repeating is safe. */
  record NotSent(String message) implements GraphReply {}

  /** Sent, but the answer was lost; the call may have taken effect. */
  record Lost(String message) implements GraphReply {}

  /** The outbound policy forbids the host. */
  record Refused(String message) implements GraphReply {}
}
