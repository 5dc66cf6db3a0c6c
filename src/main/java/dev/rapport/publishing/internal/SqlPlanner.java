package dev.rapport.publishing.internal;

import static dev.rapport.publishing.internal.PlanStore.ts;

import dev.rapport.content.PostState;
import dev.rapport.publishing.BlockedDate;
import dev.rapport.publishing.CalendarDay;
import dev.rapport.publishing.CalendarEntry;
import dev.rapport.publishing.Dispatch;
import dev.rapport.publishing.Evergreen;
import dev.rapport.publishing.Gate;
import dev.rapport.publishing.GateOverride;
import dev.rapport.publishing.GateReport;
import dev.rapport.publishing.GateResult;
import dev.rapport.publishing.Planner;
import dev.rapport.publishing.PublishingSettings;
import dev.rapport.publishing.Recurrence;
import dev.rapport.publishing.Refused;
import dev.rapport.publishing.ScheduleOutcome;
import dev.rapport.publishing.Slot;
import dev.rapport.store.Database;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.Workspace;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The planner in SQL. Scheduling changes are told to {@link Dispatch} after the transaction that
 * made them commits: dispatch may read the variant on its own connection, and its sweeper finds a
 * variant whose notice was lost to a crash in between.
 */
public final class SqlPlanner implements Planner {

  private final Database db;
  private final SqlGates gates;
  private final Clock clock;
  private final Dispatch dispatch;

  public SqlPlanner(Database db, SqlGates gates, Clock clock, Dispatch dispatch) {
    this.db = db;
    this.gates = gates;
    this.clock = clock;
    this.dispatch = dispatch;
  }

  // --- calendar ---

  @Override
  public List<CalendarDay> month(long workspaceId, YearMonth month) {
    return days(workspaceId, month.atDay(1), month.atEndOfMonth());
  }

  @Override
  public List<CalendarDay> week(long workspaceId, LocalDate anyDay) {
    LocalDate monday = anyDay.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    return days(workspaceId, monday, monday.plusDays(6));
  }

  @Override
  public List<CalendarDay> days(long workspaceId, LocalDate first, LocalDate last) {
    if (last.isBefore(first)) {
      throw new IllegalArgumentException("the range ends (" + last + ") before it starts");
    }
    if (java.time.temporal.ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
      throw new IllegalArgumentException("a calendar range is at most " + MAX_DAYS + " days");
    }
    Workspace w = gates.workspace(workspaceId);
    ZoneId zone = w.timeZone();
    Instant from = first.atStartOfDay(zone).toInstant();
    Instant to = last.plusDays(1).atStartOfDay(zone).toInstant();
    return db.transaction(
        c -> {
          Map<LocalDate, List<CalendarEntry>> byDay = new TreeMap<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, post_id, channel_id, state, COALESCE(published_at, scheduled_at,"
                      + " planned_at) AS t, body FROM post_variant WHERE workspace_id = ? AND"
                      + " COALESCE(published_at, scheduled_at, planned_at) >= ? AND"
                      + " COALESCE(published_at, scheduled_at, planned_at) < ? ORDER BY t, id")) {
            ps.setLong(1, workspaceId);
            ps.setObject(2, ts(from));
            ps.setObject(3, ts(to));
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                Instant at = PlanStore.instant(rs, 5);
                ZonedDateTime local = at.atZone(zone);
                String body = rs.getString(6);
                byDay
                    .computeIfAbsent(local.toLocalDate(), d -> new ArrayList<>())
                    .add(
                        new CalendarEntry(
                            rs.getLong(1),
                            rs.getLong(2),
                            rs.getLong(3),
                            PostState.fromCode(rs.getString(4)),
                            at,
                            local.toLocalTime(),
                            excerpt(body)));
              }
            }
          }
          Set<LocalDate> blocked = new HashSet<>();
          for (BlockedDate b : blocked(c, workspaceId, first, last)) {
            if (b.channelId() == null) {
              blocked.add(b.day());
            }
          }
          List<CalendarDay> days = new ArrayList<>();
          for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
            days.add(new CalendarDay(d, blocked.contains(d), byDay.getOrDefault(d, List.of())));
          }
          return days;
        });
  }

  private static String excerpt(String body) {
    String flat = body.strip().replaceAll("\\s+", " ");
    return flat.length() <= 60 ? flat : flat.substring(0, 59) + "…";
  }

  // --- slots and blocked dates ---

  @Override
  public void setSlots(long actor, long workspaceId, long channelId, List<Slot> slots) {
    db.run(
        c -> {
          PlanStore.require(c, workspaceId, actor, Role.MANAGER, "change a channel's queue");
          SqlReviews.requireChannel(c, workspaceId, channelId);
          try (PreparedStatement del =
              c.prepareStatement("DELETE FROM channel_slot WHERE channel_id = ?")) {
            del.setLong(1, channelId);
            del.executeUpdate();
          }
          try (PreparedStatement ins =
              c.prepareStatement(
                  "INSERT INTO channel_slot (channel_id, day_of_week, minute_of_day,"
                      + " workspace_id) VALUES (?, ?, ?, ?)")) {
            for (Slot s : Set.copyOf(slots)) {
              ins.setLong(1, channelId);
              ins.setInt(2, s.day().getValue());
              ins.setInt(3, s.time().getHour() * 60 + s.time().getMinute());
              ins.setLong(4, workspaceId);
              ins.addBatch();
            }
            ins.executeBatch();
          }
        });
  }

  @Override
  public List<Slot> slots(long workspaceId, long channelId) {
    return db.transaction(c -> slots(c, workspaceId, channelId));
  }

  private static List<Slot> slots(Connection c, long workspaceId, long channelId)
      throws SQLException {
    List<Slot> slots = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT day_of_week, minute_of_day FROM channel_slot WHERE workspace_id = ? AND"
                + " channel_id = ? ORDER BY day_of_week, minute_of_day")) {
      ps.setLong(1, workspaceId);
      ps.setLong(2, channelId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int m = rs.getInt(2);
          slots.add(new Slot(DayOfWeek.of(rs.getInt(1)), LocalTime.of(m / 60, m % 60)));
        }
      }
    }
    return slots;
  }

  @Override
  public long block(long actor, long workspaceId, Long channelId, LocalDate day, String reason) {
    return db.transaction(
        c -> {
          PlanStore.require(c, workspaceId, actor, Role.MANAGER, "block dates");
          if (channelId != null) {
            SqlReviews.requireChannel(c, workspaceId, channelId);
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO blocked_date (workspace_id, channel_id, blocked_on, reason)"
                      + " VALUES (?, ?, ?, ?)",
                  new String[] {"id"})) {
            ps.setLong(1, workspaceId);
            PlanStore.setLong(ps, 2, channelId);
            ps.setObject(3, day);
            ps.setString(4, reason == null ? "" : reason.strip());
            ps.executeUpdate();
            return PlanStore.generatedId(ps);
          }
        });
  }

  @Override
  public void unblock(long actor, long workspaceId, long blockedId) {
    db.run(
        c -> {
          PlanStore.require(c, workspaceId, actor, Role.MANAGER, "unblock dates");
          try (PreparedStatement ps =
              c.prepareStatement("DELETE FROM blocked_date WHERE workspace_id = ? AND id = ?")) {
            ps.setLong(1, workspaceId);
            ps.setLong(2, blockedId);
            if (ps.executeUpdate() == 0) {
              throw new IllegalArgumentException("no blocked date " + blockedId);
            }
          }
        });
  }

  @Override
  public List<BlockedDate> blocked(long workspaceId, LocalDate from, LocalDate to) {
    return db.transaction(c -> blocked(c, workspaceId, from, to));
  }

  private static List<BlockedDate> blocked(
      Connection c, long workspaceId, LocalDate from, LocalDate to) throws SQLException {
    List<BlockedDate> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, channel_id, blocked_on, reason FROM blocked_date WHERE workspace_id = ?"
                + " AND blocked_on >= ? AND blocked_on <= ? ORDER BY blocked_on, id")) {
      ps.setLong(1, workspaceId);
      ps.setObject(2, from);
      ps.setObject(3, to);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new BlockedDate(
                  rs.getLong(1),
                  PlanStore.longOrNull(rs, 2),
                  rs.getObject(3, LocalDate.class),
                  rs.getString(4)));
        }
      }
    }
    return out;
  }

  // --- the queue ---

  @Override
  public Optional<Instant> nextFreeSlot(long workspaceId, long channelId, Instant after) {
    Workspace w = gates.workspace(workspaceId);
    return db.transaction(c -> queue(c, w, channelId, Set.of()).next(after));
  }

  /** The channel's queue as it stands, the {@code excluded} variants not counting as taken. */
  private SlotQueue queue(Connection c, Workspace w, long channelId, Set<Long> excluded)
      throws SQLException {
    ZoneId zone = w.timeZone();
    Instant now = clock.instant();
    LocalDate today = now.atZone(zone).toLocalDate();
    Set<LocalDate> blockedDays = new HashSet<>();
    for (BlockedDate b :
        blocked(c, w.id(), today.minusDays(1), today.plusDays(SlotQueue.HORIZON_DAYS + 1))) {
      if (b.channelId() == null || b.channelId() == channelId) {
        blockedDays.add(b.day());
      }
    }
    Set<Instant> taken = new HashSet<>();
    Map<LocalDate, Integer> perDay = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, COALESCE(published_at, scheduled_at) FROM post_variant WHERE channel_id = ?"
                + " AND state IN "
                + SqlGates.ON_THE_PLAN
                + " AND COALESCE(published_at, scheduled_at) >= ?")) {
      ps.setLong(1, channelId);
      ps.setObject(2, ts(today.minusDays(1).atStartOfDay(zone).toInstant()));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (excluded.contains(rs.getLong(1))) {
            continue;
          }
          Instant at = PlanStore.instant(rs, 2);
          taken.add(at);
          perDay.merge(at.atZone(zone).toLocalDate(), 1, Integer::sum);
        }
      }
    }
    PublishingSettings s = SqlGates.settings(c, w.id());
    return new SlotQueue(
        slots(c, w.id(), channelId),
        zone,
        blockedDays,
        taken,
        perDay,
        s.on(Gate.FREQUENCY) ? s.maxPerDay() : 0);
  }

  // --- scheduling ---

  @Override
  public ScheduleOutcome schedule(
      long actor, long workspaceId, long variantId, Instant at, GateOverride override) {
    Workspace w = gates.workspace(workspaceId);
    ScheduleOutcome out =
        db.transaction(c -> scheduleIn(c, actor, w, variantId, at, override, false));
    tell(w.id(), out);
    return out;
  }

  @Override
  public ScheduleOutcome addToQueue(
      long actor, long workspaceId, long variantId, GateOverride override) {
    Workspace w = gates.workspace(workspaceId);
    ScheduleOutcome out =
        db.transaction(
            c -> {
              PlanStore.require(c, workspaceId, actor, Role.AUTHOR, "schedule posts");
              PlanStore.VariantRow v = PlanStore.requireVariant(c, workspaceId, variantId);
              requireSchedulable(c, w, PlanStore.lockPost(c, workspaceId, v.postId()), v);
              lockChannel(c, v.channelId());
              Optional<Instant> slot =
                  queue(c, w, v.channelId(), Set.of(v.id())).next(clock.instant());
              if (slot.isEmpty()) {
                return new ScheduleOutcome.NoSlot(
                    variantId,
                    slots(c, workspaceId, v.channelId()).isEmpty()
                        ? SqlGates.channelName(c, v.channelId())
                            + " has no time slots; set its weekly slots first, under Settings ›"
                            + " Posting plan (on the command line: rapport post slots)"
                        : "no free slot on "
                            + SqlGates.channelName(c, v.channelId())
                            + " within a year (all taken, blocked or at the daily cap)");
              }
              return scheduleIn(c, actor, w, variantId, slot.get(), override, true);
            });
    tell(w.id(), out);
    return out;
  }

  private void tell(long workspaceId, ScheduleOutcome out) {
    if (out instanceof ScheduleOutcome.Scheduled s) {
      dispatch.schedule(workspaceId, s.variantId(), s.at());
    }
  }

  /** Serialises queue decisions per channel, so that two posts never take the same slot. */
  private static void lockChannel(Connection c, long channelId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id FROM channel WHERE id = ? FOR UPDATE")) {
      ps.setLong(1, channelId);
      ps.executeQuery().close();
    }
  }

  private ScheduleOutcome scheduleIn(
      Connection c,
      long actor,
      Workspace w,
      long variantId,
      Instant requested,
      GateOverride override,
      boolean queued)
      throws SQLException {
    long ws = w.id();
    PlanStore.require(c, ws, actor, Role.AUTHOR, "schedule posts");
    PlanStore.VariantRow before = PlanStore.requireVariant(c, ws, variantId);
    PlanStore.PostRow post = PlanStore.lockPost(c, ws, before.postId());
    PlanStore.VariantRow v = PlanStore.requireVariant(c, ws, variantId);
    requireSchedulable(c, w, post, v);
    Instant at = requested != null ? requested : v.plannedAt();
    if (at == null) {
      throw new IllegalArgumentException("say when: variant " + variantId + " has no planned time");
    }
    if (!at.isAfter(clock.instant())) {
      throw new IllegalArgumentException(
          "cannot schedule in the past: " + at.atZone(w.timeZone()).toLocalDateTime());
    }
    if (!queued) {
      LocalDate day = at.atZone(w.timeZone()).toLocalDate();
      for (BlockedDate b : blocked(c, ws, day, day)) {
        if (b.channelId() == null || b.channelId() == v.channelId()) {
          throw new Refused(
              day
                  + " is blocked"
                  + (b.reason().isEmpty() ? "" : " (" + b.reason() + ")")
                  + "; unblock it or pick another day");
        }
      }
    }
    GateReport report = gates.check(c, w, v, at);
    Set<Gate> failed = report.failed();
    if (!failed.isEmpty()) {
      if (override == null) {
        return new ScheduleOutcome.Blocked(
            variantId,
            report,
            "fails "
                + failed.stream().map(Gate::code).collect(Collectors.joining(", "))
                + "; fix it, or a manager overrides with a reason");
      }
      PlanStore.require(c, ws, actor, Role.MANAGER, "override quality gates");
      Set<Gate> uncovered = EnumSet.copyOf(failed);
      uncovered.removeAll(override.gates());
      if (!uncovered.isEmpty()) {
        return new ScheduleOutcome.Blocked(
            variantId,
            report,
            "the override does not name "
                + uncovered.stream().map(Gate::code).collect(Collectors.joining(", ")));
      }
    }
    Instant now = clock.instant();
    if (!failed.isEmpty()) {
      PlanStore.history(
          c,
          ws,
          post.id(),
          variantId,
          actor,
          "override",
          v.state(),
          null,
          "gates: "
              + failed.stream().map(Gate::code).collect(Collectors.joining(", "))
              + "; reason: "
              + override.reason().strip()
              + "; "
              + report.results().stream()
                  .filter(r -> r instanceof GateResult.Failed)
                  .map(r -> r.gate().code() + ": " + r.message())
                  .collect(Collectors.joining(" | ")),
          now);
    }
    boolean moving = v.state() == PostState.SCHEDULED;
    PlanStore.setVariantState(c, variantId, PostState.SCHEDULED, at);
    clearPlanned(c, variantId);
    PlanStore.history(
        c,
        ws,
        post.id(),
        variantId,
        actor,
        moving ? "reschedule" : "schedule",
        v.state(),
        PostState.SCHEDULED,
        (queued ? "queue slot " : "at ")
            + at.atZone(w.timeZone()).toLocalDateTime()
            + " "
            + w.timeZone().getId()
            + (moving
                ? " (was " + v.scheduledAt().atZone(w.timeZone()).toLocalDateTime() + ")"
                : ""),
        now);
    SqlReviews.derivePostState(c, ws, post, now);
    return new ScheduleOutcome.Scheduled(
        variantId, at, report, failed.isEmpty() ? Set.of() : failed);
  }

  /** The review rules: a variant dispatch has not taken, approved where approval is required. */
  private static void requireSchedulable(
      Connection c, Workspace w, PlanStore.PostRow post, PlanStore.VariantRow v)
      throws SQLException {
    if (v.state().compareTo(PostState.SCHEDULED) > 0) {
      throw new Refused(
          "variant "
              + v.id()
              + " is "
              + v.state().code().replace('_', ' ')
              + "; dispatch has it now (retry a failed variant from the dispatch view)");
    }
    if (SqlGates.settings(c, w.id()).requiresApproval()
        && v.state().compareTo(PostState.APPROVED) < 0) {
      throw new Refused(
          "this workspace requires approval: post "
              + post.id()
              + " is "
              + v.state().code().replace('_', ' ')
              + "; submit it and have a manager approve it first");
    }
  }

  private static void clearPlanned(Connection c, long variantId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("UPDATE post_variant SET planned_at = NULL WHERE id = ?")) {
      ps.setLong(1, variantId);
      ps.executeUpdate();
    }
  }

  @Override
  public void unschedule(long actor, long workspaceId, long variantId, String reason) {
    db.run(
        c -> {
          PlanStore.require(c, workspaceId, actor, Role.AUTHOR, "unschedule posts");
          PlanStore.VariantRow before = PlanStore.requireVariant(c, workspaceId, variantId);
          PlanStore.PostRow post = PlanStore.lockPost(c, workspaceId, before.postId());
          PlanStore.VariantRow v = PlanStore.requireVariant(c, workspaceId, variantId);
          if (v.state() != PostState.SCHEDULED) {
            throw new Refused(
                "variant "
                    + variantId
                    + " is "
                    + v.state().code().replace('_', ' ')
                    + ", not scheduled");
          }
          // Content unchanged: an approval still holds; without an approval step it is a draft.
          PostState back =
              SqlGates.settings(c, workspaceId).requiresApproval()
                  ? PostState.APPROVED
                  : PostState.DRAFT;
          PlanStore.setVariantState(c, variantId, back, null);
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE post_variant SET planned_at = ? WHERE id = ?")) {
            ps.setObject(1, ts(v.scheduledAt()));
            ps.setLong(2, variantId);
            ps.executeUpdate();
          }
          Instant now = clock.instant();
          PlanStore.history(
              c,
              workspaceId,
              post.id(),
              variantId,
              actor,
              "unschedule",
              PostState.SCHEDULED,
              back,
              reason == null ? "" : reason.strip(),
              now);
          SqlReviews.derivePostState(c, workspaceId, post, now);
        });
    dispatch.unschedule(workspaceId, variantId);
  }

  // --- recurring and evergreen ---

  @Override
  public SeriesOutcome repeat(long actor, long workspaceId, long postId, Recurrence rule) {
    Workspace w = gates.workspace(workspaceId);
    List<ScheduleOutcome.Scheduled> made = new ArrayList<>();
    SeriesOutcome out =
        db.transaction(
            c -> {
              PlanStore.require(c, workspaceId, actor, Role.AUTHOR, "repeat posts");
              PlanStore.PostRow post = PlanStore.lockPost(c, workspaceId, postId);
              List<PlanStore.VariantRow> scheduled = scheduledVariants(c, post);
              long series =
                  newSeries(
                      c,
                      w,
                      post,
                      "recurring",
                      rule.frequency().name(),
                      rule.step(),
                      0,
                      rule.until(),
                      actor);
              List<Long> created = new ArrayList<>();
              List<String> skipped = new ArrayList<>();
              Map<Long, List<LocalDateTime>> times = new HashMap<>();
              int occurrences = 0;
              for (PlanStore.VariantRow v : scheduled) {
                Instant first = v.scheduledAt() != null ? v.scheduledAt() : v.publishedAt();
                List<LocalDateTime> t = rule.after(first.atZone(w.timeZone()).toLocalDateTime());
                times.put(v.id(), t);
                occurrences = Math.max(occurrences, t.size());
              }
              for (int k = 0; k < occurrences; k++) {
                Map<PlanStore.VariantRow, Instant> when = new java.util.LinkedHashMap<>();
                for (PlanStore.VariantRow v : scheduled) {
                  List<LocalDateTime> t = times.get(v.id());
                  if (k < t.size()) {
                    when.put(v, ZonedDateTime.ofLocal(t.get(k), w.timeZone(), null).toInstant());
                  }
                }
                copy(
                    c,
                    w,
                    post,
                    series,
                    when,
                    actor,
                    "occurrence " + (k + 2),
                    created,
                    skipped,
                    made);
              }
              return new SeriesOutcome(series, created, skipped);
            });
    made.forEach(s -> dispatch.schedule(workspaceId, s.variantId(), s.at()));
    return out;
  }

  private static List<PlanStore.VariantRow> scheduledVariants(Connection c, PlanStore.PostRow post)
      throws SQLException {
    List<PlanStore.VariantRow> scheduled = new ArrayList<>();
    for (PlanStore.VariantRow v : PlanStore.variants(c, post.workspaceId(), post.id())) {
      if (v.state() == PostState.SCHEDULED || v.state() == PostState.PUBLISHED) {
        scheduled.add(v);
      }
    }
    if (scheduled.isEmpty()) {
      throw new Refused(
          "post " + post.id() + " has no scheduled variant; schedule its first occurrence first");
    }
    if (post.seriesId() != null) {
      throw new Refused("post " + post.id() + " already belongs to series " + post.seriesId());
    }
    return scheduled;
  }

  private long newSeries(
      Connection c,
      Workspace w,
      PlanStore.PostRow post,
      String kind,
      String frequency,
      int step,
      int cooldownDays,
      LocalDate until,
      Long actor)
      throws SQLException {
    long id;
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO post_series (workspace_id, first_post_id, kind, frequency, step,"
                + " cooldown_days, ends_on, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?,"
                + " ?, ?)",
            new String[] {"id"})) {
      ps.setLong(1, w.id());
      ps.setLong(2, post.id());
      ps.setString(3, kind);
      ps.setString(4, frequency);
      ps.setInt(5, step);
      ps.setInt(6, cooldownDays);
      ps.setObject(7, until);
      PlanStore.setLong(ps, 8, actor);
      ps.setObject(9, ts(clock.instant()));
      ps.executeUpdate();
      id = PlanStore.generatedId(ps);
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE post SET series_id = ? WHERE id = ?")) {
      ps.setLong(1, id);
      ps.setLong(2, post.id());
      ps.executeUpdate();
    }
    PlanStore.history(
        c,
        w.id(),
        post.id(),
        null,
        actor,
        "repeat",
        null,
        null,
        kind
            + (frequency == null
                ? ", cooldown " + cooldownDays + " days"
                : ", " + frequency.toLowerCase(java.util.Locale.ROOT) + " every " + step)
            + ", until "
            + until
            + " (series "
            + id
            + ")",
        clock.instant());
    return id;
  }

  /**
   * Makes one occurrence: a copy of the post with a scheduled copy of each variant at its time.
   * Variants that fail a gate are left out; a copy with no variant left is not kept.
   */
  private void copy(
      Connection c,
      Workspace w,
      PlanStore.PostRow original,
      long series,
      Map<PlanStore.VariantRow, Instant> when,
      Long actor,
      String label,
      List<Long> created,
      List<String> skipped,
      List<ScheduleOutcome.Scheduled> made)
      throws SQLException {
    if (when.isEmpty()) {
      return;
    }
    Instant now = clock.instant();
    String body = when.keySet().iterator().next().text();
    long copyId =
        PlanStore.insertPost(c, w.id(), original.title(), body, original.authorId(), series, now);
    List<ScheduleOutcome.Scheduled> mine = new ArrayList<>();
    for (Map.Entry<PlanStore.VariantRow, Instant> e : when.entrySet()) {
      PlanStore.VariantRow v = e.getKey();
      long id = PlanStore.insertVariant(c, w.id(), copyId, v.channelId(), v.text(), null);
      PlanStore.replaceMedia(c, id, PlanStore.media(c, v.id()));
    }
    for (Map.Entry<PlanStore.VariantRow, Instant> e : when.entrySet()) {
      PlanStore.VariantRow v = e.getKey();
      Instant at = e.getValue();
      PlanStore.VariantRow copy =
          PlanStore.variants(c, w.id(), copyId).stream()
              .filter(x -> x.channelId() == v.channelId())
              .findFirst()
              .orElseThrow();
      String local = at.atZone(w.timeZone()).toLocalDateTime().toString();
      if (!at.isAfter(now)) {
        skipped.add(
            label
                + " on "
                + SqlGates.channelName(c, v.channelId())
                + " at "
                + local
                + ": in the past");
        deleteVariant(c, copy.id());
        continue;
      }
      GateReport report = gates.check(c, w, copy, at);
      if (!report.passed()) {
        skipped.add(
            label
                + " on "
                + SqlGates.channelName(c, v.channelId())
                + " at "
                + local
                + ": fails "
                + report.results().stream()
                    .filter(r -> r instanceof GateResult.Failed)
                    .map(r -> r.gate().code() + " (" + r.message() + ")")
                    .collect(Collectors.joining(", ")));
        deleteVariant(c, copy.id());
        continue;
      }
      PlanStore.setVariantState(c, copy.id(), PostState.SCHEDULED, at);
      PlanStore.history(
          c,
          w.id(),
          copyId,
          copy.id(),
          actor,
          "schedule",
          null,
          PostState.SCHEDULED,
          label
              + " of series "
              + series
              + " (post "
              + original.id()
              + ", reviewed there) at "
              + local
              + " "
              + w.timeZone().getId(),
          now);
      mine.add(new ScheduleOutcome.Scheduled(copy.id(), at, report, Set.of()));
    }
    if (mine.isEmpty()) {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM post WHERE id = ?")) {
        ps.setLong(1, copyId);
        ps.executeUpdate();
      }
      return;
    }
    PlanStore.setPostState(c, copyId, PostState.SCHEDULED, now);
    created.add(copyId);
    made.addAll(mine);
  }

  private static void deleteVariant(Connection c, long variantId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("DELETE FROM post_variant WHERE id = ?")) {
      ps.setLong(1, variantId);
      ps.executeUpdate();
    }
  }

  @Override
  public long evergreen(long actor, long workspaceId, long postId, Evergreen rule) {
    Workspace w = gates.workspace(workspaceId);
    return db.transaction(
        c -> {
          PlanStore.require(c, workspaceId, actor, Role.AUTHOR, "make posts evergreen");
          PlanStore.PostRow post = PlanStore.lockPost(c, workspaceId, postId);
          scheduledVariants(c, post);
          return newSeries(
              c, w, post, "evergreen", null, 1, rule.cooldownDays(), rule.until(), actor);
        });
  }

  @Override
  public List<SeriesOutcome> refillEvergreen(long workspaceId) {
    Workspace w = gates.workspace(workspaceId);
    List<ScheduleOutcome.Scheduled> made = new ArrayList<>();
    List<SeriesOutcome> outcomes =
        db.transaction(
            c -> {
              List<SeriesOutcome> out = new ArrayList<>();
              record Series(long id, int cooldownDays, LocalDate until) {}
              List<Series> series = new ArrayList<>();
              try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT id, cooldown_days, ends_on FROM post_series WHERE workspace_id = ?"
                          + " AND kind = 'evergreen' AND ends_on >= ? ORDER BY id")) {
                ps.setLong(1, workspaceId);
                ps.setObject(2, clock.instant().atZone(w.timeZone()).toLocalDate());
                try (ResultSet rs = ps.executeQuery()) {
                  while (rs.next()) {
                    series.add(
                        new Series(rs.getLong(1), rs.getInt(2), rs.getObject(3, LocalDate.class)));
                  }
                }
              }
              for (Series s : series) {
                out.add(refill(c, w, s.id(), s.cooldownDays(), s.until(), made));
              }
              return out;
            });
    made.forEach(s -> dispatch.schedule(workspaceId, s.variantId(), s.at()));
    return outcomes;
  }

  private SeriesOutcome refill(
      Connection c,
      Workspace w,
      long series,
      int cooldownDays,
      LocalDate until,
      List<ScheduleOutcome.Scheduled> made)
      throws SQLException {
    long latest;
    try (PreparedStatement ps =
        c.prepareStatement("SELECT MAX(id) FROM post WHERE series_id = ?")) {
      ps.setLong(1, series);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        latest = rs.getLong(1);
      }
    }
    PlanStore.PostRow post = PlanStore.lockPost(c, w.id(), latest);
    List<PlanStore.VariantRow> variants = PlanStore.variants(c, w.id(), post.id());
    List<String> skipped = new ArrayList<>();
    Instant lastPublished = null;
    for (PlanStore.VariantRow v : variants) {
      if (v.state() != PostState.PUBLISHED) {
        skipped.add(
            "post "
                + post.id()
                + " on "
                + SqlGates.channelName(c, v.channelId())
                + " is "
                + v.state().code().replace('_', ' ')
                + "; it is re-queued once published");
      } else if (lastPublished == null || v.publishedAt().isAfter(lastPublished)) {
        lastPublished = v.publishedAt();
      }
    }
    if (!skipped.isEmpty() || lastPublished == null) {
      return new SeriesOutcome(series, List.of(), skipped);
    }
    // The queue looks strictly after a moment; a slot right at the cooldown's end is fine.
    Instant earliest = lastPublished.plus(Duration.ofDays(cooldownDays)).minusNanos(1);
    if (earliest.isBefore(clock.instant())) {
      earliest = clock.instant();
    }
    Map<PlanStore.VariantRow, Instant> when = new java.util.LinkedHashMap<>();
    for (PlanStore.VariantRow v : variants) {
      lockChannel(c, v.channelId());
      Optional<Instant> slot = queue(c, w, v.channelId(), Set.of()).next(earliest);
      if (slot.isEmpty()) {
        skipped.add(SqlGates.channelName(c, v.channelId()) + " has no free slot after " + earliest);
      } else if (slot.get().atZone(w.timeZone()).toLocalDate().isAfter(until)) {
        skipped.add(
            SqlGates.channelName(c, v.channelId())
                + ": the next slot is after the end date "
                + until);
      } else {
        when.put(v, slot.get());
      }
    }
    List<Long> created = new ArrayList<>();
    copy(c, w, post, series, when, null, "evergreen re-run", created, skipped, made);
    return new SeriesOutcome(series, created, skipped);
  }
}
