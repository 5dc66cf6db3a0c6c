package dev.rapport.authenticity.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes a model as one JSON document: feature version and names, handle bigram table,
 * trees in flat arrays, calibration and threshold. Thread-safe.
 */
public final class ModelFile {

  public static final String FORMAT = "rapport-authenticity-model/1";
  static final ObjectMapper JSON = new ObjectMapper();

  private ModelFile() {}

  public static AuthenticityModel read(InputStream in) {
    try {
      JsonNode root = JSON.readTree(in);
      if (!FORMAT.equals(root.path("format").asText())) {
        throw new IllegalArgumentException("not a " + FORMAT + " file");
      }
      String featureVersion = root.path("features").path("version").asText();
      if (!Feature.VERSION.equals(featureVersion)) {
        throw new IllegalArgumentException(
            "model uses " + featureVersion + ", this code computes " + Feature.VERSION);
      }
      List<String> names = new ArrayList<>();
      root.path("features").path("names").forEach(n -> names.add(n.asText()));
      for (Feature f : Feature.values()) {
        if (!f.key().equals(names.get(f.ordinal()))) {
          throw new IllegalArgumentException("feature " + f.ordinal() + " is not " + f.key());
        }
      }
      HandleBigrams handles = HandleBigrams.of(floats(root.path("handleBigrams")));
      JsonNode t = root.path("trees");
      TreeEnsemble trees =
          new TreeEnsemble(
              t.path("baseMargin").asDouble(),
              ints(t.path("roots")),
              ints(t.path("feature")),
              floats(t.path("threshold")),
              ints(t.path("yes")),
              ints(t.path("no")),
              ints(t.path("missing")),
              doubles(t.path("value")),
              doubles(t.path("cover")),
              t.path("maxDepth").asInt());
      Platt platt =
          new Platt(
              root.path("calibration").path("a").asDouble(),
              root.path("calibration").path("b").asDouble());
      return new AuthenticityModel(
          root.path("version").asText(),
          new FeatureExtractor(handles, null),
          trees,
          platt,
          root.path("threshold").asDouble());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the authenticity model", e);
    }
  }

  public static void write(AuthenticityModel m, Path file) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("version", m.version());
    ObjectNode features = root.putObject("features");
    features.put("version", Feature.VERSION);
    ArrayNode names = features.putArray("names");
    for (Feature f : Feature.values()) {
      names.add(f.key());
    }
    ArrayNode hb = root.putArray("handleBigrams");
    for (float v : m.features().handles().table()) {
      hb.add(v);
    }
    root.putObject("calibration").put("a", m.calibration().a()).put("b", m.calibration().b());
    root.put("threshold", m.threshold());
    TreeEnsemble e = m.trees();
    ObjectNode t = root.putObject("trees");
    t.put("baseMargin", e.baseMargin());
    t.put("maxDepth", e.maxDepth());
    ArrayNode a = t.putArray("roots");
    for (int v : e.roots()) {
      a.add(v);
    }
    a = t.putArray("feature");
    for (int v : e.feature()) {
      a.add(v);
    }
    a = t.putArray("threshold");
    for (float v : e.threshold()) {
      a.add(v);
    }
    a = t.putArray("yes");
    for (int v : e.yes()) {
      a.add(v);
    }
    a = t.putArray("no");
    for (int v : e.no()) {
      a.add(v);
    }
    a = t.putArray("missing");
    for (int v : e.missing()) {
      a.add(v);
    }
    a = t.putArray("value");
    for (double v : e.value()) {
      a.add(v);
    }
    a = t.putArray("cover");
    for (double v : e.cover()) {
      a.add(v);
    }
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      JSON.writeValue(file.toFile(), root);
    } catch (IOException ex) {
      throw new UncheckedIOException("cannot write " + file, ex);
    }
  }

  private static int[] ints(JsonNode n) {
    int[] out = new int[n.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = n.get(i).asInt();
    }
    return out;
  }

  private static float[] floats(JsonNode n) {
    float[] out = new float[n.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) n.get(i).asDouble();
    }
    return out;
  }

  private static double[] doubles(JsonNode n) {
    double[] out = new double[n.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = n.get(i).asDouble();
    }
    return out;
  }
}
