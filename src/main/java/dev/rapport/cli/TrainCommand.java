package dev.rapport.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rapport.authenticity.AuthenticityTraining;
import dev.rapport.authenticity.BinaryMetrics;
import dev.rapport.authenticity.EvaluationProtocol;
import dev.rapport.authenticity.LabelledData;
import dev.rapport.authenticity.LabelledProfile;
import dev.rapport.authenticity.ModelScorer;
import dev.rapport.authenticity.ReadOptions;
import dev.rapport.authenticity.TrainingSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rapport train authenticity}: trains the bot model and writes it with its provenance. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description = "Train a learned model.",
    subcommands = {TrainCommand.Authenticity.class})
public final class TrainCommand implements Runnable {

  @Spec CommandSpec spec;

  /**
   * Where labelled data lives: {@code --data}, else {@code $RAPPORT_DATA_DIR/<default subdirs>}.
   */
  static final class DataPaths {

    static final String ENV = "RAPPORT_DATA_DIR";

    static List<Path> resolve(List<Path> given, String envValue, List<String> defaultSubdirs) {
      if (given != null && !given.isEmpty()) {
        return given;
      }
      if (envValue == null || envValue.isBlank()) {
        throw new IllegalArgumentException("no --data given and " + ENV + " is not set");
      }
      List<Path> out = new ArrayList<>();
      for (String s : defaultSubdirs) {
        Path p = Path.of(envValue, s);
        if (Files.isDirectory(p)) {
          out.add(p);
        }
      }
      if (out.isEmpty()) {
        throw new IllegalArgumentException(
            "none of " + defaultSubdirs + " found under " + envValue);
      }
      return out;
    }

    private DataPaths() {}
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Trains the authenticity model. */
  @Command(
      name = "authenticity",
      mixinStandardHelpOptions = true,
      description = {
        "Train the authenticity model from labelled profiles (cresci layout or CSV with a label"
            + " column) and write it with its provenance.",
        "Accounts that appear in several files (same id) are used once."
      })
  static final class Authenticity implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
        names = "--data",
        arity = "1..*",
        paramLabel = "FILE_OR_DIR",
        description =
            "Labelled data (default: $RAPPORT_DATA_DIR/bots/cresci-2017 and cresci-2015-bas)")
    List<Path> data;

    @Option(
        names = "--out",
        paramLabel = "FILE",
        description = "Model file (default: ${DEFAULT-VALUE})",
        defaultValue = "src/main/resources/dev/rapport/authenticity/model-v1.json")
    Path out;

    @Option(
        names = "--seed",
        description = "Random seed (default: ${DEFAULT-VALUE})",
        defaultValue = "20261126")
    long seed;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() throws IOException {
      PrintWriter w = spec.commandLine().getOut();
      List<Path> paths =
          DataPaths.resolve(
              data,
              System.getenv(DataPaths.ENV),
              List.of("bots/cresci-2017", "bots/cresci-2015-bas"));
      TrainingSettings settings = TrainingSettings.DEFAULTS.withSeed(seed);
      List<LabelledProfile> all = LabelledData.read(paths, ReadOptions.STRICT);
      List<LabelledProfile> unique = new ArrayList<>();
      Set<String> ids = new HashSet<>();
      for (LabelledProfile l : all) {
        if (ids.add(l.profile().platformUserId())) {
          unique.add(l);
        }
      }
      w.printf("read %,d labelled profiles, %,d unique accounts%n", all.size(), unique.size());
      EvaluationProtocol protocol = new EvaluationProtocol(settings, 5, Set.of(), clock.instant());
      EvaluationProtocol.Row cv = protocol.crossValidate("training data", unique);
      w.print(EvaluationProtocol.markdown(List.of(cv)));
      ModelScorer model = AuthenticityTraining.train(unique, settings);
      AuthenticityTraining.save(model, out);
      Path provenance = Path.of(out.toString().replaceFirst("\\.json$", "") + ".provenance.json");
      writeProvenance(provenance, paths, all.size(), unique.size(), settings, cv);
      w.printf("wrote %s and %s%n", out, provenance);
      w.flush();
      return 0;
    }

    private void writeProvenance(
        Path file,
        List<Path> paths,
        int read,
        int unique,
        TrainingSettings s,
        EvaluationProtocol.Row cv)
        throws IOException {
      ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
      ObjectNode root = json.createObjectNode();
      root.put("model", AuthenticityTraining.MODEL_VERSION);
      root.put("trainer", "XGBoost4J ml.dmlc:xgboost4j_2.12:3.4.0, trees exported to JSON");
      root.put("trainedAt", clock.instant().toString());
      root.put("featureVersion", AuthenticityTraining.featureVersion());
      ArrayNode names = root.putArray("features");
      AuthenticityTraining.featureNames().forEach(names::add);
      ArrayNode files = root.putArray("data");
      for (Path p : paths) {
        for (Path f : LabelledData.files(p)) {
          ObjectNode n = files.addObject();
          n.put("file", f.getParent().getFileName() + "/" + f.getFileName());
          n.put("sha256", sha256(f));
        }
      }
      root.put("profilesRead", read);
      root.put("uniqueAccountsUsed", unique);
      root.put(
          "labelRule", "class from the file name (cresci-2017) or dataset column (cresci-2015)");
      root.set("hyperParameters", json.valueToTree(s));
      root.put("calibration", "Platt scaling on out-of-fold margins of 3 inner folds");
      ObjectNode m = root.putObject("metrics");
      m.put("protocol", "stratified 5-fold CV on the training data, everything re-fitted per fold");
      metrics(m.putObject("model"), cv.model());
      metrics(m.putObject("rules-v1"), cv.rules());
      json.writeValue(file.toFile(), root);
    }

    private static void metrics(ObjectNode n, BinaryMetrics m) {
      n.put("n", m.n());
      n.put("bots", m.bots());
      n.put("aucRoc", m.aucRoc());
      n.put("aucPr", m.aucPr());
      n.put("accuracy", m.accuracy());
      n.put("f1", m.f1());
      n.put("mcc", m.mcc());
      if (!Double.isNaN(m.brier())) {
        n.put("brier", m.brier());
      }
    }

    static String sha256(Path f) throws IOException {
      try (InputStream in = Files.newInputStream(f)) {
        MessageDigest d = MessageDigest.getInstance("SHA-256");
        byte[] buf = new byte[1 << 16];
        for (int r = in.read(buf); r > 0; r = in.read(buf)) {
          d.update(buf, 0, r);
        }
        return HexFormat.of().formatHex(d.digest());
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }
  }
}
