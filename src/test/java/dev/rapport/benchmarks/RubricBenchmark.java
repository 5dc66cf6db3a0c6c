package dev.rapport.benchmarks;

import dev.rapport.content.quality.Audience;
import dev.rapport.content.quality.Draft;
import dev.rapport.content.quality.Media;
import dev.rapport.content.quality.MediaKind;
import dev.rapport.content.quality.Platform;
import dev.rapport.content.quality.Rubric;
import dev.rapport.content.quality.RubricReport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The quality rubric on a 500-character post (the keystroke path): target ≤ 2 ms at p99. Run with
 * {@code scripts/jmh RubricBenchmark -bm sample -tu us}. The audience carries 100 good posts so
 * that the relevant dimension does real work, and one typo ("befor") so that the dictionary
 * spelling check looks for a suggestion.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RubricBenchmark {

  static final String POST =
      "AMAZING news!!! Our rye sourdough is back this Saturday: 40 loaves, baked at 5am by Anna"
          + " and the team at the Kirkgate shop. We think it is maybe the best loaf we have ever"
          + " made, and it was proofed for 36 hours. Reserve yours befor Friday noon by replying"
          + " here, or book a place in our baking class on 14 March where you will shape your own"
          + " loaf. Spelt and gluten-free loaves follow on Sunday from 9am. Details: https://bakery.example/classes?utm_source=mastodon 🍞🍞"
          + " #sourdough #Leeds #bakery #bread";

  @Param({"mastodon", "x", "instagram"})
  String platform;

  Rubric rubric;
  Draft draft;

  @Setup
  public void setUp() {
    List<String> posts = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      posts.add(
          "Post "
              + i
              + ": cardamom buns, rye sourdough and filter coffee at the Kirkgate shop from "
              + (7 + i % 3)
              + "am; class "
              + i
              + " teaches lamination and shaping.");
    }
    rubric =
        Rubric.forAudience(
            new Audience(
                "Families and coffee lovers in Leeds who buy fresh bread and pastries",
                List.of("sourdough bread", "pastries", "coffee", "baking classes", "Leeds"),
                posts));
    draft =
        new Draft(
            POST.substring(0, Math.min(500, POST.length())),
            Platform.parse(platform),
            List.of(new Media(MediaKind.IMAGE, "A rye loaf on a board")));
    if (POST.length() < 490) {
      throw new IllegalStateException("benchmark post too short: " + POST.length());
    }
  }

  @Benchmark
  public RubricReport assess() {
    return rubric.assess(draft);
  }
}
