package dev.rapport.cli;

import dev.rapport.app.Rapport;
import dev.rapport.content.consistency.ConsistencyOverview;
import dev.rapport.engagement.Attribution;
import dev.rapport.engagement.CoreMember;
import dev.rapport.engagement.PersonRevenue;
import dev.rapport.engagement.PostRevenue;
import dev.rapport.engagement.PostTruth;
import dev.rapport.engagement.TruthSummary;
import dev.rapport.people.FocusItem;
import dev.rapport.workspace.Workspace;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(
    name = "report",
    description = "Print a workspace's vanity-vs-truth summary and its recent posts.")
final class ReportCommand implements Callable<Integer> {

  @Mixin DatabaseOption db;

  @Option(
      names = {"-w", "--workspace"},
      required = true,
      description = "Workspace slug")
  String workspace;

  @Option(
      names = "--period",
      defaultValue = "90",
      description = "Window in days for engagement figures (default ${DEFAULT-VALUE})")
  int days;

  @Option(
      names = "--format",
      defaultValue = "text",
      description = "text, json or csv (default ${DEFAULT-VALUE})")
  OutputFormat format;

  @Option(names = "--posts", defaultValue = "10", description = "How many recent posts to list")
  int posts;

  @Option(
      names = "--focus",
      defaultValue = "5",
      description = "How many people of today's focus list to show (default ${DEFAULT-VALUE})")
  int focus;

  @Option(
      names = "--core",
      defaultValue = "10",
      description =
          "How many people of the core to list, the most constant first (default ${DEFAULT-VALUE})")
  int core;

  /** The report as data, for --format json. */
  record Report(
      String workspace,
      TruthSummary summary,
      double qualityScore,
      List<PostTruth> posts,
      List<PostRevenue> revenueByPost,
      List<PersonRevenue> topBuyers,
      List<FocusItem> focus,
      List<CoreMember> core,
      List<ConsistencyOverview.ChannelStanding> consistency) {}

  @Override
  public Integer call() {
    if (days < 1) {
      throw new CliException(ExitCodes.USAGE, "--period must be at least 1 day");
    }
    try (Rapport r = db.open()) {
      Workspace w = DatabaseOption.workspace(r, workspace);
      Instant now = r.clock().instant();
      Duration window = Duration.ofDays(days);
      TruthSummary s = r.truth().summary(w.id(), now, window);
      List<PostTruth> recent = r.truth().posts(w.id(), now.minus(window), now, posts);
      if (format == OutputFormat.csv) {
        csv(System.out, s);
        return ExitCodes.OK;
      }
      List<PostRevenue> byPost =
          r.revenue()
              .byPost(
                  w.id(),
                  now.minus(window),
                  now,
                  Attribution.Model.LAST_TOUCH,
                  Attribution.DEFAULT_LOOKBACK);
      List<PersonRevenue> buyers = r.revenue().byPerson(w.id(), now.minus(window), now, 5);
      List<CoreMember> members = r.truth().core(w.id(), now, Math.max(0, core));
      List<FocusItem> today = List.of();
      if (focus > 0) {
        r.focus().refresh(w.id(), now);
        today = r.focus().today(w.id(), focus);
      }
      if (format == OutputFormat.json) {
        System.out.println(
            Json.write(
                new Report(
                    w.slug(),
                    s,
                    s.qualityScore(),
                    recent,
                    byPost,
                    buyers,
                    today,
                    members,
                    r.consistency().of(w.id()))));
      } else {
        text(System.out, w, s, recent);
        core(System.out, members, s.core(), core);
        revenue(System.out, byPost, buyers, Attribution.Model.LAST_TOUCH);
        focus(System.out, today, focus);
        ConsistencyText.print(System.out, r.consistency().of(w.id()));
      }
    }
    return ExitCodes.OK;
  }

  static void text(PrintStream out, Workspace w, TruthSummary s, List<PostTruth> posts) {
    out.printf("%s — the last %d days%n%n", w.name(), s.window().toDays());
    out.println("Audience: vanity beside truth");
    out.printf("  Followers the platforms show   %,12d%n", s.vanityFollowers());
    out.printf("  Followers Rapport knows of     %,12d%n", s.followers());
    out.printf(
        "  Authentic followers            %,12d  %s%n",
        s.authenticFollowers(), pct(s.authenticFollowers(), s.followers()));
    out.printf(
        "  Engaged audience               %,12d  %s of authentic%n",
        s.engagedAudience(), pct(s.engagedAudience(), s.authenticFollowers()));
    out.printf("  Core (3+ weeks of the last 12) %,12d%n", s.core());
    out.printf("  Customers                      %,12d%n", s.customers());
    out.printf("  Audience quality score         %12.0f / 100%n%n", s.qualityScore());
    out.printf("Engagement on %d post(s)%n", s.posts());
    out.printf("  Raw engagement rate            %12s%n", rate(s.rawRate()));
    out.printf("  Authentic engagement rate      %12s%n", rate(s.authenticRate()));
    out.printf(
        "  From suspicious accounts       %12s of %,d engagements%n",
        rate(s.botShare()), s.engagements());
    out.printf("  Weighted engagement (authentic)%12.0f%n", s.weightedEngagement());
    if (!posts.isEmpty()) {
      out.println();
      out.println(
          "Recent posts (raw rate → authentic rate; share of likes from suspicious accounts)");
      for (PostTruth p : posts) {
        out.printf(
            "  %s %-9s %7s → %7s  %6s  %s%n",
            p.publishedAt().toString().substring(0, 10),
            p.platform(),
            rate(p.rawRate()),
            rate(p.authenticRate()),
            rate(p.botLikeShare()),
            p.excerpt().replaceAll("\\s+", " "));
      }
      if (posts.stream().anyMatch(p -> p.followersAtPublish() <= 0)) {
        out.println(
            "  (— : the follower count when the post went out is not known. Rates need it: sync"
                + " the channel, or give followers_at_publish in the posts CSV.)");
      }
    }
  }

  static void core(PrintStream out, List<CoreMember> members, long total, int asked) {
    if (asked <= 0) {
      return;
    }
    if (members.isEmpty()) {
      out.println("The core: nobody yet (engaged in 3 of the last 12 weeks).");
      out.println();
      return;
    }
    out.printf(
        "The core: the %d most constant of %,d (weeks engaged of the last 12, latest, all-time)%n",
        members.size(), total);
    for (CoreMember m : members) {
      out.printf(
          "  %-32s %2d weeks  %s  %,6d%n",
          m.displayName() == null ? "person " + m.personId() : m.displayName(),
          m.weeks(),
          m.lastEngagedAt().toString().substring(0, 10),
          m.engagements());
    }
    out.println();
  }

  static void focus(PrintStream out, List<FocusItem> items, int asked) {
    if (asked <= 0) {
      return;
    }
    out.println();
    if (items.isEmpty()) {
      out.println("Focus today: nobody is waiting on you.");
      return;
    }
    out.println("Focus today (rapport focus -w W shows the whole list)");
    int rank = 1;
    for (FocusItem i : items) {
      out.printf("  %d. %s (%s)%n", rank++, i.displayName(), i.stage().code());
      if (!i.reasons().isEmpty()) {
        out.printf("       %s%n", i.reasons().get(0).words());
      }
    }
  }

  static void revenue(
      PrintStream out,
      List<PostRevenue> byPost,
      List<PersonRevenue> buyers,
      Attribution.Model model) {
    if (byPost.isEmpty() && buyers.isEmpty()) {
      return;
    }
    out.println();
    out.printf(
        "Revenue credited to posts (%s, %d-day lookback)%n",
        model.name().toLowerCase(Locale.ROOT).replace('_', ' '),
        Attribution.DEFAULT_LOOKBACK.toDays());
    for (PostRevenue p : byPost.subList(0, Math.min(10, byPost.size()))) {
      out.printf(
          "  %,12.2f %s  %5.1f purchases  %s%n",
          p.amountCents() / 100,
          p.currency(),
          p.conversions(),
          p.excerpt().replaceAll("\\s+", " "));
    }
    if (!buyers.isEmpty()) {
      out.println("Top buyers");
      for (PersonRevenue b : buyers) {
        out.printf(
            "  %,12.2f %s  %3d purchases  %s%n",
            b.amountCents() / 100.0, b.currency(), b.purchases(), b.displayName());
      }
    }
  }

  static void csv(PrintStream out, TruthSummary s) {
    out.println("metric,value");
    out.println("vanity_followers," + s.vanityFollowers());
    out.println("followers," + s.followers());
    out.println("authentic_followers," + s.authenticFollowers());
    out.println("engaged_audience," + s.engagedAudience());
    out.println("core," + s.core());
    out.println("customers," + s.customers());
    out.println("posts," + s.posts());
    out.println("engagements," + s.engagements());
    out.println("authentic_engagements," + s.authenticEngagements());
    out.println("raw_rate," + num(s.rawRate()));
    out.println("authentic_rate," + num(s.authenticRate()));
    out.println("bot_engagement_share," + num(s.botShare()));
    out.println("weighted_engagement," + num(s.weightedEngagement()));
    out.println("audience_quality_score," + num(s.qualityScore()));
  }

  static String pct(long part, long whole) {
    return whole <= 0 ? "—" : String.format(Locale.ROOT, "%.1f%%", 100.0 * part / whole);
  }

  static String rate(double r) {
    return Double.isNaN(r) ? "—" : String.format(Locale.ROOT, "%.2f%%", 100 * r);
  }

  static String num(double v) {
    return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%.6f", v);
  }
}
