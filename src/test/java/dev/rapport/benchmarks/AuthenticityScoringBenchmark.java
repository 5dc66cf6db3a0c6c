package dev.rapport.benchmarks;

import dev.rapport.authenticity.ModelScorer;
import dev.rapport.authenticity.ProfileSnapshot;
import dev.rapport.authenticity.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The scoring kernel for one profile: features + committed model ({@code botProbability}), and the
 * full verdict with TreeSHAP reasons ({@code verdictWithReasons}). Run with {@code scripts/jmh
 * Authenticity}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class AuthenticityScoringBenchmark {

  private static final Instant NOW = Instant.parse("2024-01-10T00:00:00Z");
  private static final int PROFILES = 1024;

  private ModelScorer model;
  private ProfileSnapshot[] profiles;
  private int next;

  @Setup
  public void setUp() {
    model = ModelScorer.load();
    Random random = new Random(42);
    profiles = new ProfileSnapshot[PROFILES];
    String letters = "abcdefghijklmnopqrstuvwxyz";
    for (int i = 0; i < PROFILES; i++) {
      StringBuilder handle = new StringBuilder();
      for (int k = 5 + random.nextInt(8); k > 0; k--) {
        handle.append(letters.charAt(random.nextInt(letters.length())));
      }
      if (random.nextDouble() < 0.3) {
        handle.append(random.nextInt(100_000));
      }
      profiles[i] =
          ProfileSnapshot.builder("x", Integer.toString(i))
              .handle(handle.toString())
              .displayName(handle.toString())
              .observedAt(NOW)
              .accountCreatedAt(NOW.minus(Duration.ofDays(1 + random.nextInt(5000))))
              .followersCount((long) (20 * Math.pow(random.nextDouble(), -1 / 1.2)))
              .followingCount((long) (50 * Math.pow(random.nextDouble(), -1 / 1.1)))
              .postsCount((long) (30 / Math.max(1e-6, random.nextDouble())))
              .likesCount((long) (40 / Math.max(1e-6, random.nextDouble())))
              .listedCount((long) random.nextInt(5))
              .bio(random.nextBoolean() ? "coffee runner design" : "")
              .url(random.nextDouble() < 0.3 ? "https://example.com" : null)
              .location(random.nextBoolean() ? "Springfield" : "")
              .defaultAvatar(random.nextDouble() < 0.15)
              .defaultProfile(random.nextDouble() < 0.4)
              .verified(random.nextDouble() < 0.01)
              .protectedAccount(random.nextDouble() < 0.05)
              .build();
    }
  }

  private ProfileSnapshot nextProfile() {
    next = (next + 1) & (PROFILES - 1);
    return profiles[next];
  }

  @Benchmark
  public double botProbability() {
    return model.botProbability(nextProfile(), NOW);
  }

  @Benchmark
  public Verdict verdictWithReasons() {
    return model.score(nextProfile(), NOW, true);
  }

  @Benchmark
  public Verdict auditVerdict() {
    return model.score(nextProfile(), NOW, false);
  }
}
