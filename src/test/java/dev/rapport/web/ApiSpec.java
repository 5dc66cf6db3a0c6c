package dev.rapport.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The hand-kept OpenAPI document as the tests read it: its text, its tree, and its operations keyed
 * the way registered routes are, so that the two can be compared.
 */
final class ApiSpec {

  static final String SOURCE = "src/main/resources" + OpenApiDocument.RESOURCE;

  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  /** {@code {slug}} (OpenAPI, Javalin) and {@code <slug>} (Javalin) alike. */
  private static final Pattern PARAM = Pattern.compile("\\{[^}/]*}|<[^>/]*>");

  final String yaml;
  final JsonNode tree;

  private ApiSpec(String yaml, JsonNode tree) {
    this.yaml = yaml;
    this.tree = tree;
  }

  static ApiSpec load() {
    try (InputStream in = ApiSpec.class.getResourceAsStream(OpenApiDocument.RESOURCE)) {
      String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      return new ApiSpec(yaml, new YAMLMapper().readTree(yaml));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** One documented operation: where it is written, and the access it claims. */
  record Operation(String method, String path, String access, JsonNode node) {
    String label() {
      return method + " " + path;
    }
  }

  /** Every operation of the document by {@link #key}. */
  Map<String, Operation> operations() {
    Map<String, Operation> out = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> paths = tree.path("paths").fields();
    while (paths.hasNext()) {
      Map.Entry<String, JsonNode> p = paths.next();
      Iterator<Map.Entry<String, JsonNode>> ops = p.getValue().fields();
      while (ops.hasNext()) {
        Map.Entry<String, JsonNode> op = ops.next();
        if (METHODS.contains(op.getKey())) {
          String method = op.getKey().toUpperCase(Locale.ROOT);
          out.put(
              key(method, p.getKey()),
              new Operation(
                  method,
                  p.getKey(),
                  op.getValue().path("x-rapport-access").asText(null),
                  op.getValue()));
        }
      }
    }
    return out;
  }

  /** "GET /api/w/{}/people/{}": the method and the path with its parameters' names left out. */
  static String key(String method, String path) {
    String p = PARAM.matcher(path).replaceAll("{}");
    if (p.length() > 1 && p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    return method.toUpperCase(Locale.ROOT) + " " + p;
  }

  /**
   * What differs between the registered {@code /api/} routes and the document, one line per
   * offender, worded so that whoever merges knows what to add or remove. Empty when they agree.
   */
  static List<String> differences(List<WebServer.Route> routes, Map<String, Operation> documented) {
    Map<String, WebServer.Route> registered = new TreeMap<>();
    for (WebServer.Route r : routes) {
      if (WebServer.isEndpoint(r.method()) && r.path().startsWith("/api/")) {
        registered.put(key(r.method(), r.path()), r);
      }
    }
    List<String> out = new ArrayList<>();
    registered.forEach(
        (k, r) -> {
          Operation op = documented.get(k);
          if (op == null) {
            out.add(
                "missing from "
                    + SOURCE
                    + ": "
                    + r.method()
                    + " "
                    + r.path()
                    + " (access "
                    + r.access()
                    + "): add paths['"
                    + r.path()
                    + "']."
                    + r.method().toLowerCase(Locale.ROOT)
                    + " with x-rapport-access: "
                    + access(r.access()));
          } else if (!access(r.access()).equals(op.access())) {
            out.add(
                "wrong access in "
                    + SOURCE
                    + ": "
                    + op.label()
                    + " says x-rapport-access: "
                    + op.access()
                    + " but the route is registered with "
                    + r.access());
          }
        });
    documented.forEach(
        (k, op) -> {
          if (!registered.containsKey(k)) {
            out.add(
                "documented but not registered: "
                    + op.label()
                    + " (remove it from "
                    + SOURCE
                    + ", or register the route)");
          }
        });
    return out;
  }

  /** The document's word for an access classification. */
  static String access(Access a) {
    return a == null ? "(none)" : a.name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
