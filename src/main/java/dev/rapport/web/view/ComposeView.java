package dev.rapport.web.view;

import dev.rapport.content.PostState;
import dev.rapport.content.quality.Forecast;
import dev.rapport.publishing.GateReport;
import dev.rapport.publishing.GateResult;
import dev.rapport.publishing.PlannedPost;
import dev.rapport.publishing.PlannedVariant;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.Workspace;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The composer: a new post, or a saved one with its variants' gate results, forecasts and the text
 * that will be posted. What the form shows back after a refused step is what the person typed.
 *
 * @param post the saved post, or null while it is new
 * @param at the chosen time as a {@code datetime-local} value, or empty
 * @param errors messages by field: {@code title}, {@code channels}, {@code at}, {@code text_ID},
 *     {@code form}
 * @param notice what the last step did, or null
 * @param forecastNote why there are no forecasts (the brand's history is too thin), or null
 */
public record ComposeView(
    Workspace workspace,
    PlannedPost post,
    String title,
    String sharedText,
    List<ChannelDraft> channels,
    boolean requiresApproval,
    String linkBase,
    Role role,
    long userId,
    String at,
    Map<String, String> errors,
    Notice notice,
    String forecastNote) {

  public ComposeView {
    channels = List.copyOf(channels);
    errors = Map.copyOf(errors);
  }

  /**
   * What the last step did, and a link to the list of posts in the state it left the post in.
   *
   * @param href where {@code link} leads (a list on the posts page)
   */
  public record Notice(String text, String link, String href) {}

  /**
   * One channel in the composer.
   *
   * @param variant the saved variant, or null
   * @param gates the quality gates' verdict on the saved variant at {@code when}, or null
   * @param when the time the gates and the forecast were worked out for, or null
   * @param forecast the predicted authentic engagement, or null (no model, no saved variant)
   */
  public record ChannelDraft(
      Channel channel,
      boolean chosen,
      String text,
      PlannedVariant variant,
      GateReport gates,
      Instant when,
      Forecast forecast) {

    public String field() {
      return "text_" + channel.id();
    }

    public String label() {
      return channel.platform().code() + " · " + channel.handle();
    }

    /** The platform the rubric knows this channel by; empty for one it has no rules for. */
    public String rubricPlatform() {
      return channel.platform() == Platform.NOSTR ? "" : channel.platform().code();
    }

    public boolean failed(GateResult r) {
      return r instanceof GateResult.Failed;
    }

    public String verdict(GateResult r) {
      return r instanceof GateResult.Passed
          ? "pass"
          : r instanceof GateResult.Failed ? "fail" : "off";
    }

    /** A variant dispatch has taken (publishing, published) cannot change any more. */
    public boolean editable() {
      return variant == null || variant.state().compareTo(PostState.PUBLISHING) < 0;
    }

    /** The attachments of the saved variant, each with how the page shows it. */
    public java.util.List<Attachment> attachments() {
      if (variant == null) {
        return java.util.List.of();
      }
      java.util.List<Attachment> out = new java.util.ArrayList<>();
      for (int i = 0; i < variant.media().size(); i++) {
        out.add(new Attachment(i, variant.media().get(i)));
      }
      return out;
    }

    /**
     * The attachments as the lint API takes them ({@code [{"kind":"image","altText":"…"}]}), for
     * the live rubric; jte escapes it into the attribute.
     */
    public String mediaJson() {
      var list = new java.util.ArrayList<java.util.Map<String, String>>();
      for (Attachment a : attachments()) {
        list.add(java.util.Map.of("kind", a.kind(), "altText", a.media().altText()));
      }
      try {
        return JSON.writeValueAsString(list);
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
    }

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
        new com.fasterxml.jackson.databind.ObjectMapper();

    public String mediaField() {
      return "media-" + channel.id();
    }
  }

  /** One attachment of a variant; {@code index} is its place, which "remove" names. */
  public record Attachment(int index, dev.rapport.publishing.VariantMedia media) {

    /** The address the page shows it from: Rapport's copy, or where it is hosted. */
    public String src() {
      return dev.rapport.publishing.MediaLibrary.nameOf(media.location())
          .map(n -> "/media/" + n)
          .orElse(media.location());
    }

    /**
     * Where the page may link to it: Rapport's copy or an http(s) address; null for anything else
     * (a file path given on the command line, or a scheme such as javascript: from an import).
     */
    public String href() {
      if (kept()) {
        return src();
      }
      String lower = media.location().strip().toLowerCase(Locale.ROOT);
      return lower.startsWith("https://") || lower.startsWith("http://") ? media.location() : null;
    }

    /** Only Rapport's own copies are shown inline (the page loads nothing from other hosts). */
    public boolean preview() {
      return media.location().startsWith(dev.rapport.publishing.MediaLibrary.LOCATION_PREFIX)
          && media.kind() != dev.rapport.content.quality.MediaKind.VIDEO;
    }

    public String kind() {
      return media.kind().name().toLowerCase(Locale.ROOT);
    }

    public boolean kept() {
      return media.location().startsWith(dev.rapport.publishing.MediaLibrary.LOCATION_PREFIX);
    }
  }

  public String gateName(dev.rapport.publishing.Gate g) {
    return GateNames.of(g);
  }

  public String slug() {
    return workspace.slug();
  }

  public boolean isNew() {
    return post == null;
  }

  public String action() {
    return "/w/" + workspace.slug() + "/compose";
  }

  public String error(String field) {
    return errors.get(field);
  }

  public boolean hasError(String field) {
    return errors.containsKey(field);
  }

  public String state() {
    return post == null ? "new" : post.state().code().replace('_', ' ');
  }

  public boolean isAuthor() {
    return role.atLeast(Role.AUTHOR);
  }

  /** Drafts are submitted for approval when the workspace asks for approval. */
  public boolean canSubmit() {
    return requiresApproval && (post == null || post.state() == PostState.DRAFT);
  }

  /** Managers approve posts in review; with approval required, not their own. */
  public boolean canApprove() {
    return post != null
        && post.state() == PostState.IN_REVIEW
        && role.atLeast(Role.MANAGER)
        && !(requiresApproval && post.authorId() != null && post.authorId() == userId);
  }

  /** Scheduling needs approval first when the workspace asks for it. */
  public boolean canSchedule() {
    if (!requiresApproval) {
      return true;
    }
    return post != null && post.variants().stream().anyMatch(v -> v.state() == PostState.APPROVED);
  }

  public boolean waitsForApproval() {
    return requiresApproval && !canSchedule();
  }

  public String zone() {
    return workspace.timeZone().getId();
  }

  public String postHref(PlannedVariant v) {
    return "/w/" + workspace.slug() + "/posts/" + v.id();
  }

  public String calendarHref(PlannedVariant v) {
    Instant t = v.scheduledAt() != null ? v.scheduledAt() : v.plannedAt();
    return "/w/"
        + workspace.slug()
        + "/calendar"
        + (t == null ? "" : "?week=" + t.atZone(workspace.timeZone()).toLocalDate())
        + "#variant-"
        + v.id();
  }

  /** "4.2 (1.0–9.5, 80% of past posts fell in such a range)". */
  public String forecast(Forecast f) {
    return String.format(
        Locale.ENGLISH,
        "%.1f (%.1f–%.1f; %.0f%% of past posts fell in such a range)",
        f.typical(),
        f.low(),
        f.high(),
        f.coverage() * 100);
  }
}
