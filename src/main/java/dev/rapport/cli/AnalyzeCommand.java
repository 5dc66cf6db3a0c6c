package dev.rapport.cli;

import dev.rapport.app.Rapport;
import dev.rapport.content.Posts;
import dev.rapport.engagement.Distribution;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Workspace;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "analyze",
    description = {
      "How engagement spreads over a workspace's posts and accounts, from the totals the"
          + " platforms report: quantiles, the heavy tail (Gini, top 10%), posts that earn almost"
          + " nothing."
    })
final class AnalyzeCommand implements Callable<Integer> {

  @Mixin DatabaseOption db;

  @Option(
      names = {"-w", "--workspace"},
      required = true,
      description = "Workspace slug")
  String workspace;

  @Option(
      names = "--min-exposure-hours",
      defaultValue = "24",
      description =
          "Leave out posts whose totals were read less than this long after publishing: they had"
              + " no time to collect engagement (default ${DEFAULT-VALUE})")
  long minExposureHours;

  @Option(names = "--format", defaultValue = "text", description = "text or json")
  OutputFormat format;

  record AccountFigures(String channel, int posts, double median, double mean) {}

  record Analysis(
      String workspace,
      int postsRead,
      int leftOutForExposure,
      Distribution overall,
      List<AccountFigures> accounts) {}

  @Override
  public Integer call() {
    try (Rapport r = db.open()) {
      Workspace w = DatabaseOption.workspace(r, workspace);
      List<Posts.ReportedPost> read = r.posts().reportedPosts(w.id());
      List<Distribution.PostTotal> totals = new ArrayList<>();
      Map<Long, List<Long>> perChannel = new HashMap<>();
      int shortExposure = 0;
      Duration min = Duration.ofHours(minExposureHours);
      for (Posts.ReportedPost p : read) {
        if (p.counts().reportedAt() != null
            && Duration.between(p.publishedAt(), p.counts().reportedAt()).compareTo(min) < 0) {
          shortExposure++;
          continue;
        }
        Long total = p.counts().total();
        totals.add(new Distribution.PostTotal(p.channelId(), total));
        if (total != null) {
          perChannel.computeIfAbsent(p.channelId(), k -> new ArrayList<>()).add(total);
        }
      }
      Map<Long, String> names = new HashMap<>();
      for (Channel c : r.workspaces().channels(w.id())) {
        names.put(c.id(), c.displayName() != null ? c.displayName() : c.handle());
      }
      List<AccountFigures> accounts = new ArrayList<>();
      perChannel.forEach(
          (ch, list) -> {
            double[] v = list.stream().mapToDouble(Long::doubleValue).sorted().toArray();
            double median =
                v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
            double mean = java.util.Arrays.stream(v).average().orElse(Double.NaN);
            accounts.add(
                new AccountFigures(names.getOrDefault(ch, "#" + ch), v.length, median, mean));
          });
      accounts.sort(Comparator.comparingDouble(AccountFigures::median).reversed());
      Analysis a =
          new Analysis(w.slug(), read.size(), shortExposure, Distribution.of(totals), accounts);
      if (format == OutputFormat.json) {
        System.out.println(Json.write(a));
      } else {
        text(a);
      }
    }
    return ExitCodes.OK;
  }

  private static void text(Analysis a) {
    Distribution d = a.overall();
    System.out.printf(
        "%s: %,d published posts, %,d left out (read less than the minimum exposure after"
            + " publishing), %,d with no reported totals.%n%n",
        a.workspace(), a.postsRead(), a.leftOutForExposure(), d.missing());
    System.out.println("Engagement per post (reactions + shares + comments as reported)");
    String[] labels = {"p10", "p25", "median", "p75", "p90", "p99", "max"};
    for (int i = 0; i < labels.length; i++) {
      System.out.printf("  %-7s %,14.0f%n", labels[i], d.quantiles()[i]);
    }
    System.out.printf("  mean    %,14.1f%n", d.mean());
    System.out.printf(
        "  Gini %.3f; the top 10%% of posts earned %s of all engagement.%n",
        d.gini(), pct(d.top10Share()));
    System.out.printf(
        "  %s of posts earned nothing; %s earned less than 10%% of their account's median.%n%n",
        pct(d.zeroShare()), pct(d.nearNothingShare()));
    System.out.printf(
        "Accounts: %d; their median post earns %,.0f (p10), %,.0f (median), %,.0f (p90), %,.0f"
            + " (max).%n",
        d.accounts(),
        d.accountMedians()[0],
        d.accountMedians()[1],
        d.accountMedians()[2],
        d.accountMedians()[3]);
    int shown = Math.min(10, a.accounts().size());
    if (shown > 0) {
      System.out.println("Top accounts by median engagement per post:");
      for (AccountFigures f : a.accounts().subList(0, shown)) {
        System.out.printf(
            "  %-32s %5d posts  median %,10.0f  mean %,12.1f%n",
            f.channel(), f.posts(), f.median(), f.mean());
      }
    }
  }

  private static String pct(double v) {
    return Double.isNaN(v) ? "—" : String.format(Locale.ROOT, "%.1f%%", 100 * v);
  }
}
