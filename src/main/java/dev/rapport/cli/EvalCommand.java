package dev.rapport.cli;

import dev.rapport.authenticity.AuthenticityTraining;
import dev.rapport.authenticity.EvaluationProtocol;
import dev.rapport.authenticity.LabelledData;
import dev.rapport.authenticity.LabelledProfile;
import dev.rapport.authenticity.ModelScorer;
import dev.rapport.authenticity.ReadOptions;
import dev.rapport.authenticity.TrainingSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code rapport eval authenticity}: measures the model and the rule baseline on labelled data. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description = "Evaluate a capability on labelled data.",
    subcommands = {EvalCommand.Authenticity.class})
public final class EvalCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Evaluates the authenticity model. */
  @Command(
      name = "authenticity",
      mixinStandardHelpOptions = true,
      description = {
        "Score labelled profiles with the committed model and the rule baseline and print n,"
            + " AUC-ROC, AUC-PR, accuracy, precision, recall, F1, MCC, specificity, Brier and the"
            + " confusion matrix at the operating threshold.",
        "Labelled format: CSV with Twitter user-object columns and a label column (label ="
            + " bot|human, or bot = 1|0), or the cresci folder layout (class in the file name).",
        "With --protocol: the full protocol on the cresci folders (5-fold CV on cresci-2017,"
            + " unseen bot types, cross-dataset on cresci-2015-bas), each also without the"
            + " appearance fields."
      })
  static final class Authenticity implements Callable<Integer> {

    @Spec CommandSpec spec;

    @Option(
        names = "--data",
        arity = "1..*",
        paramLabel = "FILE_OR_DIR",
        description = "Labelled data (default: $RAPPORT_DATA_DIR/bots/cresci-2017)")
    List<Path> data;

    @Option(
        names = "--observed-at",
        paramLabel = "DATE",
        description = "When the profiles were observed (ISO date), for rows without observed_at")
    LocalDate observedAt;

    @Option(
        names = "--protocol",
        description = "Run the full protocol (re-trains the model many times; minutes)")
    boolean protocol;

    @Option(
        names = "--cross-dataset",
        paramLabel = "DIR",
        description =
            "Cross-dataset test set for --protocol (default: cresci-2015-bas next to the data)")
    Path crossDataset;

    Clock clock = Clock.systemUTC();

    @Override
    public Integer call() {
      PrintWriter w = spec.commandLine().getOut();
      List<Path> paths =
          TrainCommand.DataPaths.resolve(
              data, System.getenv(TrainCommand.DataPaths.ENV), List.of("bots/cresci-2017"));
      Instant observed =
          observedAt == null ? null : observedAt.atStartOfDay(ZoneOffset.UTC).toInstant();
      List<LabelledProfile> profiles = LabelledData.read(paths, new ReadOptions(0, observed));
      long withoutTime = profiles.stream().filter(l -> l.profile().observedAt() == null).count();
      w.printf("data: %s%n", paths);
      w.printf(
          "observation time: from observed_at, else crawled_at, else updated, else --observed-at"
              + "; %,d of %,d profiles had none, so their account-age features were left missing"
              + " (the rules used today's date for them)%n",
          withoutTime, profiles.size());
      EvaluationProtocol p =
          new EvaluationProtocol(TrainingSettings.DEFAULTS, 5, Set.of(), clock.instant());
      if (!protocol) {
        ModelScorer model = ModelScorer.load();
        w.print(
            EvaluationProtocol.markdown(
                List.of(p.evaluate(model, "committed " + model.source(), "as given", profiles))));
        w.printf("operating threshold: bot probability >= %.2f%n", model.threshold());
        w.flush();
        return 0;
      }
      Path cross =
          crossDataset != null
              ? crossDataset
              : paths.get(0).toAbsolutePath().getParent().resolve("cresci-2015-bas");
      for (boolean removeAppearance : new boolean[] {false, true}) {
        Set<String> removed =
            removeAppearance ? AuthenticityTraining.appearanceFeatures() : Set.of();
        EvaluationProtocol run =
            new EvaluationProtocol(TrainingSettings.DEFAULTS, 5, removed, clock.instant());
        w.printf(
            "%n### %s%n%n",
            removeAppearance
                ? "Shortcut check: appearance features removed " + removed
                : "All features");
        List<EvaluationProtocol.Row> rows = new ArrayList<>();
        rows.add(run.crossValidate("cresci-2017 all classes", profiles));
        rows.addAll(run.unseenBotTypes(profiles));
        double meanAuc =
            rows.subList(1, rows.size()).stream()
                .mapToDouble(r -> r.model().aucRoc())
                .average()
                .orElse(Double.NaN);
        rows.add(crossDataset(run, profiles, cross, w));
        w.print(EvaluationProtocol.markdown(rows));
        w.printf("%nmean unseen-type AUC-ROC: %.3f%n", meanAuc);
        w.flush();
      }
      return 0;
    }

    private EvaluationProtocol.Row crossDataset(
        EvaluationProtocol run, List<LabelledProfile> train, Path cross, PrintWriter w) {
      Set<String> trainIds = new HashSet<>();
      train.forEach(l -> trainIds.add(l.profile().platformUserId()));
      List<LabelledProfile> all = LabelledData.read(List.of(cross), ReadOptions.STRICT);
      List<LabelledProfile> rest =
          all.stream().filter(l -> !trainIds.contains(l.profile().platformUserId())).toList();
      long bots = rest.stream().filter(LabelledProfile::bot).count();
      w.printf(
          "cross-dataset %s: %,d accounts, %,d also in the training data (removed); %,d remain"
              + " (%,d bots, %,d humans)%n",
          cross.getFileName(),
          all.size(),
          all.size() - rest.size(),
          rest.size(),
          bots,
          rest.size() - bots);
      ModelScorer m = run.train(train);
      return run.evaluate(m, "cross-dataset: " + cross.getFileName(), "cross-dataset", rest);
    }
  }
}
