package dev.rapport.publishing.internal;

import dev.rapport.content.quality.Audience;
import dev.rapport.content.quality.Draft;
import dev.rapport.content.quality.Finding;
import dev.rapport.content.quality.Media;
import dev.rapport.content.quality.MediaKind;
import dev.rapport.content.quality.Rubric;
import dev.rapport.content.quality.RubricReport;
import dev.rapport.content.quality.Severity;
import dev.rapport.platforms.Capabilities;
import dev.rapport.publishing.Gate;
import dev.rapport.publishing.GateReport;
import dev.rapport.publishing.GateResult;
import dev.rapport.publishing.PublishingSettings;
import dev.rapport.publishing.VariantMedia;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.TargetAudience;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** The gates as pure rules over a {@link Candidate}. Thread-safe (rubrics are cached). */
final class GateRules {

  private final Function<Platform, Optional<Capabilities>> capabilities;
  private final Map<TargetAudience, Rubric> rubrics = new ConcurrentHashMap<>();

  GateRules(Function<Platform, Optional<Capabilities>> capabilities) {
    this.capabilities = capabilities;
  }

  GateReport check(PublishingSettings settings, TargetAudience audience, Candidate c) {
    List<GateResult> results = new ArrayList<>();
    // One assessment serves both the platform-limits and the rubric gate.
    Optional<RubricReport> assessed =
        rubricPlatform(c.platform())
            .map(p -> rubric(audience).assess(new Draft(c.text(), p, media(c.media()))));
    for (Gate gate : Gate.values()) {
      if (!settings.on(gate)) {
        results.add(new GateResult.Off(gate, "switched off for this workspace"));
        continue;
      }
      results.add(
          switch (gate) {
            case AUDIENCE -> audience(audience);
            case PLATFORM_LIMITS -> platformLimits(assessed, c);
            case RUBRIC -> rubric(settings, assessed, c);
            case TRACKED_LINKS -> trackedLinks(c);
            case CROSS_POST -> crossPost(c);
            case FREQUENCY -> frequency(settings, c);
          });
    }
    return new GateReport(c.variantId(), results);
  }

  private static GateResult audience(TargetAudience a) {
    if (a.declared()) {
      return new GateResult.Passed(Gate.AUDIENCE, "target audience declared");
    }
    return new GateResult.Failed(
        Gate.AUDIENCE,
        "the workspace has no declared target audience; describe who it wants to reach under"
            + " Settings › Target audience (on the command line: rapport workspace audience)");
  }

  private GateResult platformLimits(Optional<RubricReport> assessed, Candidate c) {
    List<String> problems = new ArrayList<>();
    if (assessed.isPresent()) {
      RubricReport fit = assessed.get();
      for (Finding f :
          fit.dimension(dev.rapport.content.quality.Dimension.PLATFORM_FIT).findings()) {
        if (f.severity() == Severity.BLOCKER || f.code().equals("missing_alt_text")) {
          problems.add(f.message() + " " + f.suggestion());
        }
      }
    } else {
      int max = capabilities.apply(c.platform()).map(Capabilities::maxTextLength).orElse(0);
      int length = c.text().codePointCount(0, c.text().length());
      if (max > 0 && length > max) {
        problems.add(length + " of " + max + " characters: " + (length - max) + " over.");
      }
      long missing = c.media().stream().filter(m -> m.altText().isBlank()).count();
      if (missing > 0) {
        problems.add(missing + " of " + c.media().size() + " media without alt text.");
      }
    }
    MediaLimits limits =
        capabilities
            .apply(c.platform())
            .map(cap -> MediaLimits.of(cap, c.platform()))
            .orElse(MediaLimits.of(c.platform()));
    String name = c.platform().code();
    if (limits.max() > 0 && c.media().size() > limits.max()) {
      problems.add(
          c.media().size() + " attachments; " + name + " takes at most " + limits.max() + ".");
    }
    for (VariantMedia m : c.media()) {
      if (!limits.kinds().contains(m.kind())) {
        problems.add(name + " does not take " + kind(m.kind()) + " (" + m.location() + ").");
      }
    }
    boolean moving =
        c.media().stream().anyMatch(m -> m.kind() == MediaKind.VIDEO || m.kind() == MediaKind.GIF);
    if (limits.videoAlone() && moving && c.media().size() > 1) {
      problems.add("on " + name + " a video or GIF must be the only attachment.");
    }
    if (problems.isEmpty()) {
      return new GateResult.Passed(Gate.PLATFORM_LIMITS, "within " + name + "'s limits");
    }
    return new GateResult.Failed(Gate.PLATFORM_LIMITS, String.join(" ", problems));
  }

  private GateResult rubric(PublishingSettings s, Optional<RubricReport> assessed, Candidate c) {
    if (assessed.isEmpty()) {
      return new GateResult.Passed(
          Gate.RUBRIC, "the rubric has no rules for " + c.platform().code() + "; not scored");
    }
    RubricReport report = assessed.get();
    if (report.overall() >= s.rubricBar()) {
      return new GateResult.Passed(
          Gate.RUBRIC, "rubric score " + report.overall() + " (bar " + s.rubricBar() + ")");
    }
    String worst =
        report.findings().stream()
            .filter(Finding::isIssue)
            .sorted((a, b) -> b.severity().compareTo(a.severity()))
            .limit(2)
            .map(f -> f.message())
            .reduce((a, b) -> a + " " + b)
            .orElse("");
    return new GateResult.Failed(
        Gate.RUBRIC,
        "rubric score "
            + report.overall()
            + " is below the bar of "
            + s.rubricBar()
            + (worst.isEmpty() ? "" : ": " + worst)
            + " (the composer lists every finding as you type; on the command line: rapport"
            + " lint)");
  }

  private static GateResult trackedLinks(Candidate c) {
    List<String> links = LinkScan.links(c.text());
    if (links.isEmpty()) {
      return new GateResult.Passed(Gate.TRACKED_LINKS, "no links");
    }
    List<String> untracked = new ArrayList<>();
    for (String link : links) {
      Optional<String> code = LinkScan.shortCode(link);
      if (code.isEmpty() || !c.trackedCodes().contains(code.get())) {
        untracked.add(link);
      }
    }
    if (untracked.isEmpty()) {
      return new GateResult.Passed(
          Gate.TRACKED_LINKS, links.size() + " link(s), all tracked by Rapport");
    }
    return new GateResult.Failed(
        Gate.TRACKED_LINKS,
        untracked.size()
            + " untracked link(s): "
            + String.join(", ", untracked)
            + "; replace them with tracked links: set the short-link address under Settings ›"
            + " Review and quality gates and save the post again (on the command line: rapport"
            + " post track-links)");
  }

  private static GateResult crossPost(Candidate c) {
    String mine = normalised(c.text());
    for (Candidate.Sibling s : c.siblings()) {
      if (normalised(s.text()).equals(mine)) {
        return new GateResult.Failed(
            Gate.CROSS_POST,
            "the text is identical to the "
                + s.channel()
                + " variant (#"
                + s.variantId()
                + "); write it for this channel");
      }
    }
    return new GateResult.Passed(Gate.CROSS_POST, "written for this channel");
  }

  private static GateResult frequency(PublishingSettings s, Candidate c) {
    if (c.day() == null) {
      return new GateResult.Passed(Gate.FREQUENCY, "no day yet");
    }
    if (c.sameDay() >= s.maxPerDay()) {
      return new GateResult.Failed(
          Gate.FREQUENCY,
          "the channel already has "
              + c.sameDay()
              + " post(s) on "
              + c.day()
              + "; the cap is "
              + s.maxPerDay()
              + " a day");
    }
    return new GateResult.Passed(
        Gate.FREQUENCY,
        (c.sameDay() + 1) + " of " + s.maxPerDay() + " posts on " + c.day() + " for the channel");
  }

  /** Built once per audience: building indexes the audience, assessing is cheap. */
  private Rubric rubric(TargetAudience audience) {
    return rubrics.computeIfAbsent(
        audience, a -> Rubric.forAudience(new Audience(a.description(), a.topics(), List.of())));
  }

  /** Case and spacing do not make a different post. */
  static String normalised(String text) {
    return text.strip().replaceAll("\\s+", " ").toLowerCase(Locale.ROOT);
  }

  static Optional<dev.rapport.content.quality.Platform> rubricPlatform(Platform p) {
    for (dev.rapport.content.quality.Platform q : dev.rapport.content.quality.Platform.values()) {
      if (q.name().equals(p.name())) {
        return Optional.of(q);
      }
    }
    return Optional.empty();
  }

  private static List<Media> media(List<VariantMedia> media) {
    return media.stream().map(m -> new Media(m.kind(), m.altText())).toList();
  }

  private static String kind(MediaKind k) {
    return switch (k) {
      case IMAGE -> "images";
      case VIDEO -> "videos";
      case GIF -> "GIFs";
      case AUDIO -> "audio";
    };
  }
}
