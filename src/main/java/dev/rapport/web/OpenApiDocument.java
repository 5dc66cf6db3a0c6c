package dev.rapport.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The OpenAPI 3.1 document of the REST API, served as written ({@code /api/openapi.yaml}) and as
 * JSON ({@code /api/openapi.json}). It is kept by hand in {@link #RESOURCE}; OpenApiRoutesTest
 * fails when it and the registered {@code /api/} routes disagree. Read once, at start: thread-safe.
 */
final class OpenApiDocument {

  static final String RESOURCE = "/openapi/rapport.yaml";
  static final String YAML_PATH = "/api/openapi.yaml";
  static final String JSON_PATH = "/api/openapi.json";

  /** RFC 9512's media type for YAML. */
  static final String YAML_TYPE = "application/yaml; charset=utf-8";

  private final String yaml;
  private final String json;

  private OpenApiDocument(String yaml, String json) {
    this.yaml = yaml;
    this.json = json;
  }

  /** Reads the document from the classpath; a missing or malformed one stops the server. */
  static OpenApiDocument load(ObjectMapper jsonMapper) {
    try (InputStream in = OpenApiDocument.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the OpenAPI document " + RESOURCE + " is missing");
      }
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      JsonNode tree = new YAMLMapper().readTree(yaml);
      return new OpenApiDocument(yaml, jsonMapper.writeValueAsString(tree));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the OpenAPI document " + RESOURCE, e);
    }
  }

  void register(Javalin app) {
    app.get(YAML_PATH, this::yaml, Access.PUBLIC);
    app.get(JSON_PATH, this::json, Access.PUBLIC);
  }

  private void yaml(Context ctx) {
    ctx.contentType(YAML_TYPE).result(yaml);
  }

  private void json(Context ctx) {
    ctx.contentType("application/json").result(json);
  }
}
