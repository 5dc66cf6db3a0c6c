package dev.rapport.content.consistency.internal;

import dev.rapport.content.consistency.AudiencePoint;
import dev.rapport.content.consistency.PublishedPost;
import dev.rapport.content.consistency.SprayReport;
import dev.rapport.content.consistency.SpraySettings;
import dev.rapport.content.consistency.SprayWarning;
import dev.rapport.content.consistency.WindowStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Spray and pray, measured: windows tile back from now; the latest window is compared with the mean
 * of the earlier ones. Marginal engagement = (latest total − earlier mean total) / (latest posts −
 * earlier mean posts). Stateless.
 */
public final class SprayCheck {

  private static final Pattern URL = Pattern.compile("(?:https?://|www\\.)\\S+");
  private static final Pattern SPACE = Pattern.compile("\\s+");

  private SprayCheck() {}

  public static SprayReport check(
      String channel,
      List<PublishedPost> allPosts,
      List<AudiencePoint> audience,
      Clock clock,
      SpraySettings s) {
    Instant now = clock.instant();
    List<PublishedPost> own = allPosts.stream().filter(p -> p.channel().equals(channel)).toList();
    List<WindowStats> windows = new ArrayList<>();
    for (int k = s.windows() - 1; k >= 0; k--) {
      Instant to = now.minus(s.window().multipliedBy(k));
      Instant from = to.minus(s.window());
      windows.add(window(own, audience, channel, from, to));
    }
    WindowStats latest = windows.get(windows.size() - 1);
    List<WindowStats> earlier = windows.subList(0, windows.size() - 1);
    double basePosts = earlier.stream().mapToInt(WindowStats::posts).average().orElse(0);
    double baseTotal =
        earlier.stream().mapToDouble(WindowStats::totalEngagement).average().orElse(0);
    double basePerPost = basePosts > 0 ? baseTotal / basePosts : Double.NaN;
    boolean volumeRose = basePosts > 0 && latest.posts() >= s.volumeRise() * basePosts;
    double marginal =
        latest.posts() > basePosts
            ? (latest.totalEngagement() - baseTotal) / (latest.posts() - basePosts)
            : Double.NaN;

    List<SprayWarning> warnings = new ArrayList<>();
    List<String> volumeEvidence =
        List.of(
            f(
                "posts per window: %.1f → %d (latest %s)",
                basePosts, latest.posts(), days(s.window())),
            f(
                "authentic engagement per post: %.1f → %.1f",
                basePerPost, latest.engagementPerPost()),
            f("total authentic engagement: %.1f → %.1f", baseTotal, latest.totalEngagement()));
    if (volumeRose && marginal < s.nearZeroShare() * basePerPost) {
      List<String> evidence = new ArrayList<>(volumeEvidence);
      evidence.add(
          f(
              "each extra post added %.1f engagement, against %.1f per post before",
              marginal, basePerPost));
      warnings.add(
          new SprayWarning(
              SprayWarning.Kind.EXTRA_POSTS_ADD_NOTHING,
              "More posts, but the extra posts added almost nothing to total authentic engagement.",
              evidence));
    }
    int earliestAudience =
        earlier.stream()
            .mapToInt(WindowStats::engagedAudience)
            .filter(a -> a >= 0)
            .findFirst()
            .orElse(-1);
    if (volumeRose
        && earliestAudience >= 0
        && latest.engagedAudience() >= 0
        && latest.engagedAudience() < earliestAudience) {
      List<String> evidence = new ArrayList<>(volumeEvidence);
      evidence.add(
          f("engaged authentic audience: %d → %d", earliestAudience, latest.engagedAudience()));
      warnings.add(
          new SprayWarning(
              SprayWarning.Kind.AUDIENCE_ERODING,
              "Posting more while the authentic engaged audience shrinks.",
              evidence));
    }
    crossPosts(channel, own, allPosts, latest, s).ifPresent(warnings::add);
    lowSpecificity(own, latest, s).ifPresent(warnings::add);
    return new SprayReport(channel, windows, marginal, warnings);
  }

  private static WindowStats window(
      List<PublishedPost> own,
      List<AudiencePoint> audience,
      String channel,
      Instant from,
      Instant to) {
    int posts = 0;
    double total = 0;
    double specificity = 0;
    for (PublishedPost p : own) {
      if (inside(p.publishedAt(), from, to)) {
        posts++;
        total += p.authenticEngagement();
        specificity += p.specificScore();
      }
    }
    int engaged = -1;
    Instant latestPoint = null;
    for (AudiencePoint a : audience) {
      if (a.channel().equals(channel)
          && inside(a.at(), from, to)
          && (latestPoint == null || a.at().isAfter(latestPoint))) {
        latestPoint = a.at();
        engaged = a.engagedAudience();
      }
    }
    return new WindowStats(
        from,
        to,
        posts,
        total,
        posts == 0 ? Double.NaN : total / posts,
        posts == 0 ? Double.NaN : specificity / posts,
        engaged);
  }

  private static Optional<SprayWarning> crossPosts(
      String channel,
      List<PublishedPost> own,
      List<PublishedPost> all,
      WindowStats latest,
      SpraySettings s) {
    int count = 0;
    List<String> evidence = new ArrayList<>();
    for (PublishedPost p : own) {
      if (!inside(p.publishedAt(), latest.from(), latest.to())) {
        continue;
      }
      String key = normalise(p.text());
      TreeSet<String> elsewhere = new TreeSet<>();
      for (PublishedPost other : all) {
        if (!other.channel().equals(channel)
            && Duration.between(p.publishedAt(), other.publishedAt())
                    .abs()
                    .compareTo(s.crossPostWindow())
                <= 0
            && normalise(other.text()).equals(key)) {
          elsewhere.add(other.channel());
        }
      }
      if (!elsewhere.isEmpty()) {
        count++;
        if (evidence.size() < 3) {
          evidence.add(f("\"%s\" also on %s", abbreviate(p.text()), String.join(", ", elsewhere)));
        }
      }
    }
    if (count < s.minCrossPosts()) {
      return Optional.empty();
    }
    evidence.add(
        0,
        f(
            "%d of %d posts in the latest window were posted word for word elsewhere",
            count, latest.posts()));
    return Optional.of(
        new SprayWarning(
            SprayWarning.Kind.IDENTICAL_CROSS_POSTS,
            "The same text is posted to several platforms instead of content made for each.",
            evidence));
  }

  private static Optional<SprayWarning> lowSpecificity(
      List<PublishedPost> own, WindowStats latest, SpraySettings s) {
    int low = 0;
    for (PublishedPost p : own) {
      if (inside(p.publishedAt(), latest.from(), latest.to())
          && p.specificScore() < s.lowSpecificity()) {
        low++;
      }
    }
    if (latest.posts() < 3 || low < s.lowSpecificityShare() * latest.posts()) {
      return Optional.empty();
    }
    return Optional.of(
        new SprayWarning(
            SprayWarning.Kind.LOW_SPECIFICITY,
            "Most recent posts carry no concrete detail.",
            List.of(
                f(
                    "%d of %d posts in the latest window score under %d on specific",
                    low, latest.posts(), s.lowSpecificity()),
                f("mean specific score %.1f", latest.meanSpecificity()))));
  }

  static String normalise(String text) {
    String noLinks = URL.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ");
    return SPACE.matcher(noLinks).replaceAll(" ").strip();
  }

  private static boolean inside(Instant t, Instant from, Instant to) {
    return !t.isBefore(from) && t.isBefore(to);
  }

  private static String abbreviate(String text) {
    String oneLine = SPACE.matcher(text).replaceAll(" ").strip();
    return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
  }

  private static String days(Duration d) {
    return d.toDays() + " days";
  }

  private static String f(String format, Object... args) {
    return String.format(Locale.ROOT, format, args);
  }
}
