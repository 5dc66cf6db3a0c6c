package dev.rapport.cli;

import dev.rapport.app.Rapport;
import dev.rapport.content.quality.BestTimes;
import dev.rapport.content.quality.BrandLessons;
import dev.rapport.content.quality.Insight;
import dev.rapport.content.quality.WhatWorked;
import dev.rapport.workspace.Workspace;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code rapport insights}: what the brand's own history says, and the best times to post. */
@Command(
    name = "insights",
    description =
        "What worked in this workspace's own published posts (authentic engagement only), and"
            + " the best times to post per channel; says so when the history is too thin.")
final class InsightsCommand implements Callable<Integer> {

  @Mixin DatabaseOption db;

  @Option(
      names = {"-w", "--workspace"},
      required = true,
      description = "Workspace slug")
  String workspace;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text or json (default ${DEFAULT-VALUE})")
  OutputFormat format;

  @Override
  public Integer call() {
    try (Rapport r = db.open()) {
      Workspace w = DatabaseOption.workspace(r, workspace);
      BrandLessons.Lessons lessons = r.lessons().of(w.id());
      if (format == OutputFormat.json) {
        System.out.println(Json.write(lessons.summary()));
      } else {
        text(System.out, w, lessons);
      }
    }
    return ExitCodes.OK;
  }

  static void text(PrintStream out, Workspace w, BrandLessons.Lessons lessons) {
    out.printf(
        Locale.ROOT, "What worked for %s (%,d published posts)%n", w.name(), lessons.posts());
    if (lessons.whatWorked() instanceof WhatWorked.TooThin thin) {
      out.printf(
          Locale.ROOT,
          "  Too thin to say: %s (%d posts, %d needed).%n",
          thin.reason(),
          thin.posts(),
          thin.needed());
    } else if (lessons.whatWorked() instanceof WhatWorked.Learned learned) {
      if (learned.insights().isEmpty()) {
        out.println("  No difference held up in this history.");
      }
      for (Insight i : learned.insights()) {
        out.println("  - " + i.statement());
      }
    }
    out.println();
    out.println("Best times to post (workspace time zone " + w.timeZone() + ")");
    for (BrandLessons.ChannelTimes c : lessons.bestTimes()) {
      BestTimes t = c.times();
      out.printf(
          Locale.ROOT,
          "  %s %s — %s%n",
          c.platform(),
          c.handle(),
          switch (t.source()) {
            case LAST_16_WEEKS -> "from the last 16 weeks (" + t.posts() + " posts)";
            case ALL_HISTORY ->
                "from all history, the last 16 weeks being thin (" + t.posts() + " posts)";
            case DEFAULT_TOO_THIN -> "too little history: a stated default, not evidence";
          });
      for (BestTimes.Slot s : t.slots().subList(0, Math.min(3, t.slots().size()))) {
        out.printf(
            Locale.ROOT,
            "    %s %02d:00–%02d:00%s%n",
            s.day().toString().substring(0, 3).toLowerCase(Locale.ROOT),
            s.fromHour(),
            s.toHour(),
            s.posts() == 0
                ? ""
                : String.format(
                    Locale.ROOT, "  typical %.1f over %d posts", s.typicalEngagement(), s.posts()));
      }
    }
  }
}
