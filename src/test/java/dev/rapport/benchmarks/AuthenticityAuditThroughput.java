package dev.rapport.benchmarks;

import dev.rapport.authenticity.AuditReport;
import dev.rapport.authenticity.AuditReports;
import dev.rapport.authenticity.AuditSink;
import dev.rapport.authenticity.Auditor;
import dev.rapport.authenticity.ModelScorer;
import dev.rapport.authenticity.ReadOptions;
import dev.rapport.authenticity.TargetAudience;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * End-to-end audit throughput without storage (parse, features, model, verdict with reasons for
 * flagged accounts, aggregation, report), the figure behind the 250,000 profiles/s target.
 *
 * <p>Run: {@code python3 ../shared/tools/gen-profiles.py 1000000 > /tmp/profiles.jsonl}, then
 * {@code java -cp target/test-classes:target/classes:$(cat target/test-classpath.txt)
 * dev.rapport.benchmarks.AuthenticityAuditThroughput /tmp/profiles.jsonl [runs] [threads]
 * [explain-all]}: by default like {@code rapport audit --no-store} (a sample of flagged accounts
 * explained); {@code explain-all} explains every flagged account. Prints wall-clock and process-CPU
 * rates per run; the first run includes JIT warm-up.
 */
public final class AuthenticityAuditThroughput {

  private AuthenticityAuditThroughput() {}

  public static void main(String[] args) {
    Path file = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    int threads =
        args.length > 2 ? Integer.parseInt(args[2]) : Runtime.getRuntime().availableProcessors();
    boolean explainAll = args.length > 3 && args[3].equals("explain-all");
    Instant now = Instant.parse("2024-01-01T00:00:00Z");
    Auditor auditor =
        new Auditor(
            ModelScorer.load(),
            threads,
            new ReadOptions(0, now),
            TargetAudience.none(),
            now,
            explainAll);
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    for (int run = 1; run <= runs; run++) {
      long cpu0 = os.getProcessCpuTime();
      long t0 = System.nanoTime();
      Auditor.Outcome o = auditor.run(List.of(file), AuditSink.NONE, bytes -> {});
      AuditReport report = o.audit().report(file.getFileName().toString(), "model-v1", 0, null);
      if (AuditReports.text(report).isEmpty()) {
        throw new IllegalStateException("empty report");
      }
      double wall = (System.nanoTime() - t0) / 1e9;
      double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
      long n = report.followers();
      System.out.printf(
          "run %d: %,d profiles in %.2f s wall = %,.0f profiles/s; %.2f s CPU = %,.0f profiles per"
              + " CPU-second; %d threads; %,d of %,d flagged explained%n",
          run,
          n,
          wall,
          n / wall,
          cpu,
          n / cpu,
          threads,
          report.flaggedExplained(),
          report.flagged());
    }
  }
}
