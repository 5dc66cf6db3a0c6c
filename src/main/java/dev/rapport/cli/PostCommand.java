package dev.rapport.cli;

import dev.rapport.app.Rapport;
import dev.rapport.content.quality.MediaKind;
import dev.rapport.imports.ImportOutcome;
import dev.rapport.imports.ImportProblem;
import dev.rapport.publishing.CalendarDay;
import dev.rapport.publishing.CalendarEntry;
import dev.rapport.publishing.DraftPost;
import dev.rapport.publishing.Evergreen;
import dev.rapport.publishing.Gate;
import dev.rapport.publishing.GateOverride;
import dev.rapport.publishing.GateReport;
import dev.rapport.publishing.GateResult;
import dev.rapport.publishing.Gates;
import dev.rapport.publishing.HistoryEntry;
import dev.rapport.publishing.PlannedPost;
import dev.rapport.publishing.PlannedVariant;
import dev.rapport.publishing.Planner;
import dev.rapport.publishing.PostComment;
import dev.rapport.publishing.PublishingSettings;
import dev.rapport.publishing.Recurrence;
import dev.rapport.publishing.Refused;
import dev.rapport.publishing.ScheduleOutcome;
import dev.rapport.publishing.Slot;
import dev.rapport.publishing.VariantMedia;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "post",
    description = {
      "Write, review, gate and schedule posts; channel queues and the calendar.",
      "Times are in the workspace's time zone unless they carry an offset."
    },
    subcommands = {
      PostCommand.Create.class,
      PostCommand.Edit.class,
      PostCommand.Show.class,
      PostCommand.Submit.class,
      PostCommand.Approve.class,
      PostCommand.Reject.class,
      PostCommand.CommentOn.class,
      PostCommand.Check.class,
      PostCommand.TrackLinks.class,
      PostCommand.Schedule.class,
      PostCommand.Queue.class,
      PostCommand.Unschedule.class,
      PostCommand.Calendar.class,
      PostCommand.Slots.class,
      PostCommand.Block.class,
      PostCommand.Repeat.class,
      PostCommand.MakeEvergreen.class,
      PostCommand.Refill.class,
      PostCommand.Settings.class,
      PostCommand.Import.class
    })
final class PostCommand implements Runnable {

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  /** What every post subcommand shares: the database, the workspace and who is acting. */
  abstract static class Base implements Callable<Integer> {
    @Mixin DatabaseOption db;

    @Option(
        names = {"-w", "--workspace"},
        required = true,
        description = "Workspace slug")
    String workspace;

    @Option(
        names = "--as",
        paramLabel = "EMAIL",
        description = "The user doing this (a member of the workspace)")
    String as;

    @Override
    public final Integer call() {
      try (Rapport r = db.open()) {
        Workspace w = DatabaseOption.workspace(r, workspace);
        return run(r, w);
      } catch (Refused e) {
        throw new CliException(ExitCodes.REJECTED, e.getMessage());
      }
    }

    abstract int run(Rapport r, Workspace w);

    long actor(Rapport r) {
      if (as == null) {
        throw new CliException(ExitCodes.USAGE, "say who is doing this: --as EMAIL");
      }
      return r.workspaces()
          .userByEmail(as)
          .map(User::id)
          .orElseThrow(
              () ->
                  new CliException(
                      ExitCodes.NOT_FOUND,
                      "no user '"
                          + as
                          + "' (add one with: rapport workspace add-user "
                          + workspace
                          + " "
                          + as
                          + " --role author)"));
    }

    static Channel channel(Rapport r, Workspace w, String ref) {
      String s = ref.strip();
      int colon = s.indexOf(':');
      for (Channel c : r.workspaces().channels(w.id())) {
        if (String.valueOf(c.id()).equals(s)
            || c.handle().equalsIgnoreCase(s)
            || colon > 0
                && c.platform().code().equalsIgnoreCase(s.substring(0, colon))
                && c.handle().equalsIgnoreCase(s.substring(colon + 1))) {
          return c;
        }
      }
      throw new CliException(
          ExitCodes.NOT_FOUND,
          "no channel '"
              + ref
              + "' in "
              + w.slug()
              + " (give platform:handle, e.g. bluesky:bakery.bsky.social)");
    }

    static String label(Rapport r, Workspace w, long channelId) {
      return r.workspaces()
          .channel(w.id(), channelId)
          .map(c -> c.platform().code() + ":" + c.handle())
          .orElse("channel " + channelId);
    }

    static Instant time(Workspace w, String s) {
      String t = s.strip().replace(' ', 'T');
      try {
        return java.time.OffsetDateTime.parse(t).toInstant();
      } catch (DateTimeParseException e) {
        // no offset: the workspace's wall clock
      }
      try {
        return ZonedDateTime.ofLocal(LocalDateTime.parse(t), w.timeZone(), null).toInstant();
      } catch (DateTimeParseException e) {
        throw new CliException(
            ExitCodes.USAGE,
            "'" + s + "' is not a time like 2027-04-01 09:00 or 2027-04-01T09:00+02:00");
      }
    }

    static String local(Workspace w, Instant at) {
      return at.atZone(w.timeZone()).toLocalDateTime().toString().replace('T', ' ');
    }

    static void print(Rapport r, Workspace w, ScheduleOutcome out) {
      if (out instanceof ScheduleOutcome.Scheduled s) {
        System.out.println(
            "Variant "
                + s.variantId()
                + " scheduled for "
                + local(w, s.at())
                + " "
                + w.timeZone().getId()
                + (s.overridden().isEmpty()
                    ? "."
                    : " (gates overridden: " + codes(s.overridden()) + ")."));
      } else if (out instanceof ScheduleOutcome.Blocked b) {
        System.out.println("Variant " + b.variantId() + " not scheduled: " + b.message());
        printReport(b.report());
      } else if (out instanceof ScheduleOutcome.NoSlot n) {
        System.out.println("Variant " + n.variantId() + " not scheduled: " + n.message());
      }
    }

    static void printReport(GateReport report) {
      for (GateResult g : report.results()) {
        String mark =
            g instanceof GateResult.Passed
                ? "pass"
                : g instanceof GateResult.Failed ? "FAIL" : "off ";
        System.out.printf("  %s %-15s %s%n", mark, g.gate().code(), g.message());
      }
    }

    static String codes(Set<Gate> gates) {
      return String.join(", ", gates.stream().sorted().map(Gate::code).toList());
    }

    static List<VariantMedia> media(List<String> specs) {
      List<VariantMedia> media = new ArrayList<>();
      for (String m : specs) {
        int bar = m.indexOf('|');
        String location = bar < 0 ? m : m.substring(0, bar);
        String alt = bar < 0 ? "" : m.substring(bar + 1);
        String lower = location.toLowerCase(Locale.ROOT);
        MediaKind kind =
            lower.endsWith(".mp4") || lower.endsWith(".mov") || lower.endsWith(".webm")
                ? MediaKind.VIDEO
                : lower.endsWith(".gif")
                    ? MediaKind.GIF
                    : lower.endsWith(".mp3") || lower.endsWith(".ogg")
                        ? MediaKind.AUDIO
                        : MediaKind.IMAGE;
        media.add(new VariantMedia(kind, location.strip(), alt));
      }
      return media;
    }
  }

  @Command(name = "create", description = "Write a post (a draft) with a variant per channel.")
  static final class Create extends Base {
    @Option(names = "--title", description = "A title for the calendar")
    String title;

    @Option(
        names = {"-c", "--channel"},
        required = true,
        paramLabel = "CHANNEL",
        description = "A channel (platform:handle) to write for; repeat for several")
    List<String> channels;

    @Option(names = "--text", description = "The text of every variant not given its own")
    String text;

    @Option(
        names = "--variant",
        paramLabel = "CHANNEL=TEXT",
        description = "A channel's own text; repeatable")
    Map<String, String> variants = new LinkedHashMap<>();

    @Option(
        names = "--media",
        paramLabel = "CHANNEL=FILE|ALT",
        description = "An attachment of a channel's variant with its alt text; repeatable")
    List<String> media = new ArrayList<>();

    @Override
    int run(Rapport r, Workspace w) {
      long actor = actor(r);
      List<DraftPost.DraftVariant> drafts = new ArrayList<>();
      for (String ref : channels) {
        Channel c = channel(r, w, ref);
        String own = null;
        for (Map.Entry<String, String> e : variants.entrySet()) {
          if (channel(r, w, e.getKey()).id() == c.id()) {
            own = e.getValue();
          }
        }
        List<String> mine = new ArrayList<>();
        for (String m : media) {
          int eq = m.indexOf('=');
          if (eq < 0) {
            throw new CliException(ExitCodes.USAGE, "--media is CHANNEL=FILE|ALT, got '" + m + "'");
          }
          if (channel(r, w, m.substring(0, eq)).id() == c.id()) {
            mine.add(m.substring(eq + 1));
          }
        }
        String body = own != null ? own : text;
        if (body == null) {
          throw new CliException(
              ExitCodes.USAGE,
              "no text for " + ref + ": give --text or --variant " + ref + "=TEXT");
        }
        drafts.add(new DraftPost.DraftVariant(c.id(), body, media(mine)));
      }
      long post = r.reviews().create(actor, w.id(), new DraftPost(title, drafts));
      PlannedPost p = r.reviews().post(w.id(), post).orElseThrow();
      System.out.println("Post " + post + " created as a draft:");
      for (PlannedVariant v : p.variants()) {
        System.out.println("  variant " + v.id() + " for " + label(r, w, v.channelId()));
      }
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "edit",
      description = "Replace a variant's text (and media); it needs review again.")
  static final class Edit extends Base {
    @Parameters(paramLabel = "VARIANT")
    long variant;

    @Option(names = "--text", required = true)
    String text;

    @Option(names = "--media", paramLabel = "FILE|ALT", description = "Repeatable")
    List<String> media = new ArrayList<>();

    @Override
    int run(Rapport r, Workspace w) {
      r.reviews().edit(actor(r), w.id(), variant, text, media(media));
      System.out.println("Variant " + variant + " edited; it is a draft again.");
      return ExitCodes.OK;
    }
  }

  @Command(name = "show", description = "A post: variants, comments and history.")
  static final class Show extends Base {
    @Parameters(paramLabel = "POST")
    long post;

    @Override
    int run(Rapport r, Workspace w) {
      PlannedPost p =
          r.reviews()
              .post(w.id(), post)
              .orElseThrow(
                  () ->
                      new CliException(ExitCodes.NOT_FOUND, "no post " + post + " in " + w.slug()));
      System.out.println(
          "Post "
              + p.id()
              + (p.title() == null ? "" : " \"" + p.title() + "\"")
              + ": "
              + p.state().code());
      for (PlannedVariant v : p.variants()) {
        Instant at = v.scheduledAt() != null ? v.scheduledAt() : v.plannedAt();
        System.out.println(
            "  variant "
                + v.id()
                + " "
                + label(r, w, v.channelId())
                + " "
                + v.state().code()
                + (at == null
                    ? ""
                    : (v.scheduledAt() != null ? " at " : " planned ") + local(w, at)));
        System.out.println("    " + v.text().replace("\n", "\n    "));
        for (VariantMedia m : v.media()) {
          System.out.println(
              "    ["
                  + m.kind().name().toLowerCase(Locale.ROOT)
                  + "] "
                  + m.location()
                  + (m.altText().isEmpty() ? " (no alt text)" : " — " + m.altText()));
        }
      }
      for (PostComment c : r.reviews().comments(w.id(), post)) {
        System.out.println(
            "  comment by " + who(r, c.userId()) + " at " + local(w, c.at()) + ": " + c.text());
      }
      System.out.println("History:");
      for (HistoryEntry h : r.reviews().history(w.id(), post)) {
        System.out.println(
            "  "
                + local(w, h.at())
                + " "
                + who(r, h.userId())
                + " "
                + h.action()
                + (h.variantId() == null ? "" : " variant " + h.variantId())
                + (h.to() == null ? "" : " -> " + h.to().code())
                + (h.note().isEmpty() ? "" : ": " + h.note()));
      }
      return ExitCodes.OK;
    }

    static String who(Rapport r, Long userId) {
      return userId == null
          ? "rapport"
          : r.workspaces().user(userId).map(User::email).orElse("user " + userId);
    }
  }

  @Command(name = "submit", description = "Submit a draft for review.")
  static final class Submit extends Base {
    @Parameters(paramLabel = "POST")
    long post;

    @Override
    int run(Rapport r, Workspace w) {
      r.reviews().submit(actor(r), w.id(), post);
      System.out.println("Post " + post + " is in review.");
      return ExitCodes.OK;
    }
  }

  @Command(name = "approve", description = "Approve a post in review (managers and owners).")
  static final class Approve extends Base {
    @Parameters(paramLabel = "POST")
    long post;

    @Override
    int run(Rapport r, Workspace w) {
      r.reviews().approve(actor(r), w.id(), post);
      System.out.println("Post " + post + " approved.");
      return ExitCodes.OK;
    }
  }

  @Command(name = "reject", description = "Send a post back to its author with a reason.")
  static final class Reject extends Base {
    @Parameters(paramLabel = "POST")
    long post;

    @Option(names = "--reason", required = true)
    String reason;

    @Override
    int run(Rapport r, Workspace w) {
      r.reviews().reject(actor(r), w.id(), post, reason);
      System.out.println("Post " + post + " is a draft again.");
      return ExitCodes.OK;
    }
  }

  @Command(name = "comment", description = "Comment on a post.")
  static final class CommentOn extends Base {
    @Parameters(index = "0", paramLabel = "POST")
    long post;

    @Parameters(index = "1", paramLabel = "TEXT")
    String text;

    @Override
    int run(Rapport r, Workspace w) {
      r.reviews().comment(actor(r), w.id(), post, text);
      System.out.println("Comment added to post " + post + ".");
      return ExitCodes.OK;
    }
  }

  @Command(name = "check", description = "Run the quality gates on a variant.")
  static final class Check extends Base {
    @Parameters(paramLabel = "VARIANT")
    long variant;

    @Option(names = "--at", description = "The time to check the daily cap for (default: its time)")
    String at;

    @Override
    int run(Rapport r, Workspace w) {
      PlannedVariant v =
          r.reviews()
              .variant(w.id(), variant)
              .orElseThrow(() -> new CliException(ExitCodes.NOT_FOUND, "no variant " + variant));
      Instant when =
          at != null ? time(w, at) : v.scheduledAt() != null ? v.scheduledAt() : v.plannedAt();
      GateReport report = r.gates().check(w.id(), variant, when);
      System.out.println(
          "Variant "
              + variant
              + (report.passed()
                  ? " passes every gate."
                  : " fails " + codes(report.failed()) + "."));
      printReport(report);
      return report.passed() ? ExitCodes.OK : ExitCodes.REJECTED;
    }
  }

  @Command(
      name = "track-links",
      description = "Replace a variant's untracked links by tracked links.")
  static final class TrackLinks extends Base {
    @Parameters(paramLabel = "VARIANT")
    long variant;

    @Override
    int run(Rapport r, Workspace w) {
      Gates.LinkTracking t = r.gates().trackLinks(actor(r), w.id(), variant);
      if (t.replaced().isEmpty()) {
        System.out.println("Every link in variant " + variant + " is already tracked.");
      }
      t.replaced().forEach((from, to) -> System.out.println(from + " -> " + to));
      return ExitCodes.OK;
    }
  }

  /** Schedule options shared by schedule and queue. */
  abstract static class Scheduling extends Base {
    @Option(
        names = "--override",
        split = ",",
        paramLabel = "GATE",
        description = "Failed gates to override (managers)")
    List<String> override = new ArrayList<>();

    @Option(names = "--reason", description = "Why the override (required with --override)")
    String reason;

    GateOverride override() {
      if (override.isEmpty()) {
        if (reason != null) {
          throw new CliException(ExitCodes.USAGE, "--reason goes with --override GATE,...");
        }
        return null;
      }
      if (reason == null || reason.isBlank()) {
        throw new CliException(ExitCodes.USAGE, "an override needs --reason");
      }
      Set<Gate> gates = EnumSet.noneOf(Gate.class);
      override.forEach(g -> gates.add(Gate.fromCode(g)));
      return new GateOverride(gates, reason);
    }

    static int exit(List<ScheduleOutcome> outs) {
      return outs.stream().allMatch(o -> o instanceof ScheduleOutcome.Scheduled)
          ? ExitCodes.OK
          : ExitCodes.REJECTED;
    }
  }

  @Command(name = "schedule", description = "Schedule (or move) a variant at a time.")
  static final class Schedule extends Scheduling {
    @Parameters(paramLabel = "VARIANT")
    long variant;

    @Option(names = "--at", description = "e.g. \"2027-04-01 09:00\" (default: the planned time)")
    String at;

    @Override
    int run(Rapport r, Workspace w) {
      ScheduleOutcome out =
          r.planner()
              .schedule(actor(r), w.id(), variant, at == null ? null : time(w, at), override());
      print(r, w, out);
      return exit(List.of(out));
    }
  }

  @Command(
      name = "queue",
      description = "Add a post's unscheduled variants to their channels' queues.")
  static final class Queue extends Scheduling {
    @Parameters(paramLabel = "POST")
    long post;

    @Override
    int run(Rapport r, Workspace w) {
      long actor = actor(r);
      PlannedPost p =
          r.reviews()
              .post(w.id(), post)
              .orElseThrow(
                  () ->
                      new CliException(ExitCodes.NOT_FOUND, "no post " + post + " in " + w.slug()));
      List<ScheduleOutcome> outs = new ArrayList<>();
      for (PlannedVariant v : p.variants()) {
        if (v.state().compareTo(dev.rapport.content.PostState.SCHEDULED) < 0) {
          ScheduleOutcome out = r.planner().addToQueue(actor, w.id(), v.id(), override());
          print(r, w, out);
          outs.add(out);
        }
      }
      if (outs.isEmpty()) {
        System.out.println("Post " + post + " has no variant waiting to be scheduled.");
      }
      return exit(outs);
    }
  }

  @Command(name = "unschedule", description = "Take a variant out of the schedule.")
  static final class Unschedule extends Base {
    @Parameters(paramLabel = "VARIANT")
    long variant;

    @Option(names = "--reason")
    String reason;

    @Override
    int run(Rapport r, Workspace w) {
      r.planner().unschedule(actor(r), w.id(), variant, reason);
      System.out.println("Variant " + variant + " is no longer scheduled.");
      return ExitCodes.OK;
    }
  }

  @Command(name = "calendar", description = "The month (default) or the week, day by day.")
  static final class Calendar extends Base {
    @Option(names = "--month", paramLabel = "YYYY-MM", description = "default: this month")
    String month;

    @Option(names = "--week", paramLabel = "DATE", description = "Any day of the week to show")
    String week;

    @Override
    int run(Rapport r, Workspace w) {
      List<CalendarDay> days;
      try {
        days =
            week != null
                ? r.planner().week(w.id(), LocalDate.parse(week))
                : r.planner()
                    .month(
                        w.id(),
                        month != null
                            ? YearMonth.parse(month)
                            : YearMonth.from(r.clock().instant().atZone(w.timeZone())));
      } catch (DateTimeParseException e) {
        throw new CliException(ExitCodes.USAGE, "give --month 2027-04 or --week 2027-04-01");
      }
      System.out.println("Calendar of " + w.slug() + " (" + w.timeZone().getId() + ")");
      for (CalendarDay d : days) {
        if (d.entries().isEmpty() && !d.blocked()) {
          continue;
        }
        System.out.println(
            d.date()
                + " "
                + d.date().getDayOfWeek().name().substring(0, 3).toLowerCase(Locale.ROOT)
                + (d.blocked() ? " (blocked)" : ""));
        for (CalendarEntry e : d.entries()) {
          System.out.printf(
              "  %s %-30s %-10s post %d variant %d  %s%n",
              e.localTime(),
              label(r, w, e.channelId()),
              e.state().code(),
              e.postId(),
              e.variantId(),
              e.excerpt());
        }
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "slots", description = "Show or set a channel's weekly queue slots.")
  static final class Slots extends Base {
    @Parameters(index = "0", paramLabel = "CHANNEL")
    String channel;

    @Parameters(
        index = "1..*",
        paramLabel = "SLOT",
        description = "e.g. \"mon 09:00\" \"wed 12:30\"; replaces all")
    List<String> slots = new ArrayList<>();

    @Override
    int run(Rapport r, Workspace w) {
      Channel c = channel(r, w, channel);
      if (!slots.isEmpty()) {
        r.planner().setSlots(actor(r), w.id(), c.id(), slots.stream().map(Slot::parse).toList());
      }
      List<Slot> now = r.planner().slots(w.id(), c.id());
      System.out.println(
          label(r, w, c.id())
              + " slots ("
              + w.timeZone().getId()
              + "): "
              + (now.isEmpty()
                  ? "none"
                  : String.join(", ", now.stream().map(Slot::toString).toList())));
      r.planner()
          .nextFreeSlot(w.id(), c.id(), r.clock().instant())
          .ifPresent(at -> System.out.println("Next free slot: " + local(w, at)));
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "block",
      description = "Block a date (queues skip it), or unblock one with --remove ID.")
  static final class Block extends Base {
    @Parameters(paramLabel = "DATE", arity = "0..1")
    String date;

    @Option(
        names = {"-c", "--channel"},
        description = "Only this channel (default: all)")
    String channel;

    @Option(names = "--reason", defaultValue = "")
    String reason;

    @Option(names = "--remove", paramLabel = "ID")
    Long remove;

    @Override
    int run(Rapport r, Workspace w) {
      if (remove != null) {
        r.planner().unblock(actor(r), w.id(), remove);
        System.out.println("Blocked date " + remove + " removed.");
        return ExitCodes.OK;
      }
      if (date == null) {
        throw new CliException(ExitCodes.USAGE, "give a DATE to block, or --remove ID");
      }
      LocalDate day;
      try {
        day = LocalDate.parse(date);
      } catch (DateTimeParseException e) {
        throw new CliException(ExitCodes.USAGE, "'" + date + "' is not a date like 2027-04-01");
      }
      Long ch = channel == null ? null : channel(r, w, channel).id();
      long id = r.planner().block(actor(r), w.id(), ch, day, reason);
      System.out.println(
          "Blocked "
              + day
              + (ch == null ? " for every channel" : " for " + channel)
              + " (id "
              + id
              + ").");
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "repeat",
      description = "Repeat a scheduled post: daily, weekly or monthly until a date.")
  static final class Repeat extends Base {
    @Parameters(paramLabel = "POST")
    long post;

    @Option(names = "--every", required = true, description = "daily, weekly or monthly")
    Recurrence.Frequency every;

    @Option(names = "--step", defaultValue = "1", description = "Every STEP periods (default 1)")
    int step;

    @Option(names = "--until", required = true, paramLabel = "DATE")
    LocalDate until;

    @Override
    int run(Rapport r, Workspace w) {
      Planner.SeriesOutcome out =
          r.planner().repeat(actor(r), w.id(), post, new Recurrence(every, step, until));
      System.out.println(
          "Series " + out.seriesId() + ": " + out.created().size() + " occurrence(s) scheduled.");
      out.skipped().forEach(s -> System.out.println("  skipped " + s));
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "evergreen",
      description = "Re-queue a post after each publication, after a cooldown.")
  static final class MakeEvergreen extends Base {
    @Parameters(paramLabel = "POST")
    long post;

    @Option(names = "--cooldown-days", required = true)
    int cooldown;

    @Option(names = "--until", required = true, paramLabel = "DATE")
    LocalDate until;

    @Override
    int run(Rapport r, Workspace w) {
      long series = r.planner().evergreen(actor(r), w.id(), post, new Evergreen(cooldown, until));
      System.out.println("Post " + post + " is evergreen (series " + series + ").");
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "refill",
      description = "Re-queue published evergreen posts whose cooldown allows.")
  static final class Refill extends Base {
    @Override
    int run(Rapport r, Workspace w) {
      for (Planner.SeriesOutcome o : r.planner().refillEvergreen(w.id())) {
        System.out.println(
            "Series " + o.seriesId() + ": " + o.created().size() + " new occurrence(s).");
        o.skipped().forEach(s -> System.out.println("  " + s));
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "settings", description = "Show or change review and quality-gate settings.")
  static final class Settings extends Base {
    @Option(
        names = "--approval",
        arity = "1",
        paramLabel = "true|false",
        description = "Posts need approval by someone else: true or false")
    Boolean approval;

    @Option(
        names = "--gates",
        split = ",",
        description = "The gates that are on (all, none, or a list)")
    List<String> gates;

    @Option(names = "--rubric-bar", description = "Least rubric score, 0-100")
    Integer bar;

    @Option(names = "--max-per-day", description = "Posts per channel and day")
    Integer maxPerDay;

    @Option(
        names = "--link-base",
        description = "Public address of the short links, e.g. https://go.example.com")
    String linkBase;

    @Override
    int run(Rapport r, Workspace w) {
      PublishingSettings s = r.gates().settings(w.id());
      if (approval != null
          || gates != null
          || bar != null
          || maxPerDay != null
          || linkBase != null) {
        Set<Gate> on = s.gates().isEmpty() ? EnumSet.noneOf(Gate.class) : EnumSet.copyOf(s.gates());
        if (gates != null) {
          on = EnumSet.noneOf(Gate.class);
          for (String g : gates) {
            if (g.equalsIgnoreCase("all")) {
              on = EnumSet.allOf(Gate.class);
            } else if (!g.equalsIgnoreCase("none")) {
              on.add(Gate.fromCode(g));
            }
          }
        }
        s =
            new PublishingSettings(
                approval != null ? approval : s.requiresApproval(),
                on,
                bar != null ? bar : s.rubricBar(),
                maxPerDay != null ? maxPerDay : s.maxPerDay(),
                linkBase != null ? (linkBase.isBlank() ? null : linkBase) : s.linkBase());
        r.gates().update(actor(r), w.id(), s);
      }
      System.out.println("approval required: " + s.requiresApproval());
      System.out.println("gates on:          " + (s.gates().isEmpty() ? "none" : codes(s.gates())));
      System.out.println("rubric bar:        " + s.rubricBar());
      System.out.println("max per day:       " + s.maxPerDay());
      System.out.println(
          "short-link base:   " + (s.linkBase() == null ? "(not set)" : s.linkBase()));
      return ExitCodes.OK;
    }
  }

  @Command(
      name = "import",
      description = {
        "Import planned posts from CSV: post_key, channel, text, scheduled_at (or 'queue'),",
        "optional title, media_url, media_alt, media_kind. Checked in full first; nothing is",
        "written if any row has a problem. Re-importing the same file adds nothing."
      })
  static final class Import extends Base {
    @Parameters(paramLabel = "FILE")
    Path file;

    @Override
    int run(Rapport r, Workspace w) {
      ImportOutcome out = r.planImport().importFile(actor(r), w.id(), file);
      if (out instanceof ImportOutcome.Imported i) {
        System.out.printf(
            "Imported %s: %,d rows, %,d new, %,d already known.%n",
            file, i.rows(), i.created(), i.unchanged());
        i.notes().forEach(n -> System.out.println("Note: " + n));
        return ExitCodes.OK;
      }
      ImportOutcome.Rejected j = (ImportOutcome.Rejected) out;
      System.err.printf(
          "Refused %s: %,d problem(s); nothing was written.%n", file, j.totalProblems());
      for (ImportProblem p : j.problems()) {
        System.err.println("  " + p);
      }
      return ExitCodes.REJECTED;
    }
  }
}
