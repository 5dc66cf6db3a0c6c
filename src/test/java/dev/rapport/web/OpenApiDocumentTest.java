package dev.rapport.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The OpenAPI document is valid OpenAPI 3.1 and is served, to anyone, at its two addresses. */
class OpenApiDocumentTest {

  static TestServer server;

  @BeforeAll
  static void start() {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static SwaggerParseResult parse(String text) {
    ParseOptions options = new ParseOptions();
    options.setResolve(true);
    options.setValidateInternalRefs(true);
    return new OpenAPIV3Parser().readContents(text, null, options);
  }

  @Test
  void theDocumentValidates() {
    SwaggerParseResult result = parse(ApiSpec.load().yaml);
    assertThat(result.getMessages()).as("swagger-parser's findings").isEmpty();
    OpenAPI api = result.getOpenAPI();
    assertThat(api).isNotNull();
    assertThat(api.getOpenapi()).isEqualTo("3.1.0");
    assertThat(api.getComponents().getSecuritySchemes())
        .containsOnlyKeys("bearerToken", "sessionCookie", "csrfToken");
    assertThat(api.getPaths()).containsKey("/api/w/{slug}/people");
  }

  @Test
  void theValidatorCatchesABrokenDocument() {
    // The check above could fail: a dangling reference and a response without a description.
    String broken =
        ApiSpec.load()
            .yaml
            .replace(
                "$ref: \"#/components/schemas/Summary\"", "$ref: \"#/components/schemas/Nope\"")
            .replace("description: The OpenAPI document.\n", "\n");
    assertThat(parse(broken).getMessages())
        .anyMatch(m -> m.contains("Nope"))
        .anyMatch(m -> m.contains("description"));
  }

  @Test
  void servedAsYamlAndAsJsonWithoutSigningIn() throws Exception {
    Client anonymous = server.client();
    HttpResponse<String> yaml = anonymous.get(OpenApiDocument.YAML_PATH);
    assertThat(yaml.statusCode()).isEqualTo(200);
    assertThat(yaml.headers().firstValue("Content-Type").orElse("")).startsWith("application/yaml");
    assertThat(yaml.body()).isEqualTo(ApiSpec.load().yaml);

    HttpResponse<String> json = anonymous.get(OpenApiDocument.JSON_PATH);
    assertThat(json.statusCode()).isEqualTo(200);
    assertThat(json.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    JsonNode tree = new ObjectMapper().readTree(json.body());
    assertThat(tree).isEqualTo(ApiSpec.load().tree);
    assertThat(parse(json.body()).getMessages()).isEmpty();
    assertThat(yaml.headers().firstValue("Content-Security-Policy")).isPresent();
  }
}
