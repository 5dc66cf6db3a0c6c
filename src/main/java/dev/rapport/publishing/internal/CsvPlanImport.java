package dev.rapport.publishing.internal;

import dev.rapport.content.PostState;
import dev.rapport.content.quality.MediaKind;
import dev.rapport.imports.ImportKind;
import dev.rapport.imports.ImportOutcome;
import dev.rapport.imports.ImportProblem;
import dev.rapport.publishing.BlockedDate;
import dev.rapport.publishing.Dispatch;
import dev.rapport.publishing.Gate;
import dev.rapport.publishing.GateReport;
import dev.rapport.publishing.GateResult;
import dev.rapport.publishing.PlanImport;
import dev.rapport.publishing.Planner;
import dev.rapport.publishing.PublishingSettings;
import dev.rapport.publishing.VariantMedia;
import dev.rapport.store.Database;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.Workspace;
import dev.rapport.workspace.Workspaces;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/** The plan import: read all rows, validate all, then write all in one transaction. */
public final class CsvPlanImport implements PlanImport {

  static final List<String> REQUIRED = List.of("post_key", "channel", "text", "scheduled_at");
  static final List<String> OPTIONAL = List.of("title", "media_url", "media_alt", "media_kind");
  static final String KEY_PREFIX = "plan:";

  private final Database db;
  private final Workspaces workspaces;
  private final SqlGates gates;
  private final Planner planner;
  private final Clock clock;
  private final Dispatch dispatch;

  public CsvPlanImport(
      Database db,
      Workspaces workspaces,
      SqlGates gates,
      Planner planner,
      Clock clock,
      Dispatch dispatch) {
    this.db = db;
    this.workspaces = workspaces;
    this.gates = gates;
    this.planner = planner;
    this.clock = clock;
    this.dispatch = dispatch;
  }

  /** One valid row. */
  private record Planned(
      long line,
      String key,
      String title,
      Channel channel,
      String text,
      List<VariantMedia> media,
      Instant at) {}

  @Override
  public ImportOutcome importFile(long actor, long workspaceId, Path file) {
    List<ImportProblem> problems = new ArrayList<>();
    Workspace w = gates.workspace(workspaceId);
    db.run(c -> PlanStore.require(c, workspaceId, actor, Role.AUTHOR, "import posts"));
    List<CSVRecord> records = new ArrayList<>();
    // The line each record ends on, as the generic CSV import reports it (a quoted text may span
    // several lines).
    List<Long> lines = new ArrayList<>();
    Map<String, Integer> header;
    try (Reader reader = utf8(file);
        CSVParser parser = CSVFormat.RFC4180.builder().get().parse(reader)) {
      for (CSVRecord rec : parser) {
        records.add(rec);
        lines.add(parser.getCurrentLineNumber());
        if (records.size() > MAX_ROWS + 1) {
          break;
        }
      }
    } catch (CharacterCodingException e) {
      return rejected(List.of(new ImportProblem(0, "", "the file is not valid UTF-8 text")));
    } catch (UncheckedIOException e) {
      String why =
          e.getCause() instanceof CharacterCodingException
              ? "the file is not valid UTF-8 text; save it as UTF-8 and try again"
              : "the CSV structure is broken: " + e.getCause().getMessage();
      return rejected(List.of(new ImportProblem(0, "", why)));
    } catch (IOException e) {
      return rejected(List.of(new ImportProblem(0, "", "cannot read the file: " + e.getMessage())));
    }
    if (records.isEmpty()) {
      return rejected(
          List.of(new ImportProblem(1, "", "the file is empty; the first line must be a header")));
    }
    header = new LinkedHashMap<>();
    CSVRecord head = records.get(0);
    for (int i = 0; i < head.size(); i++) {
      String name = head.get(i).strip().toLowerCase(Locale.ROOT);
      if (!REQUIRED.contains(name) && !OPTIONAL.contains(name)) {
        problems.add(
            new ImportProblem(
                1,
                name,
                "unknown column (expected "
                    + String.join(", ", REQUIRED)
                    + " and optionally "
                    + String.join(", ", OPTIONAL)
                    + ")"));
      }
      header.put(name, i);
    }
    for (String r : REQUIRED) {
      if (!header.containsKey(r)) {
        problems.add(new ImportProblem(1, r, "required column missing"));
      }
    }
    if (records.size() - 1 > MAX_ROWS) {
      problems.add(new ImportProblem(0, "", "more than " + MAX_ROWS + " rows; split the file"));
    }
    if (!problems.isEmpty()) {
      return rejected(problems);
    }
    PublishingSettings settings = gates.settings(workspaceId);
    boolean direct = !settings.requiresApproval();
    List<Channel> channels = workspaces.channels(workspaceId);
    Set<String> known = existingKeys(workspaceId);
    List<Planned> rows = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    Map<Long, Set<Instant>> queued = new HashMap<>();
    Instant now = clock.instant();
    for (int i = 1; i < records.size(); i++) {
      CSVRecord rec = records.get(i);
      long line = lines.get(i);
      if (rec.size() != header.size()) {
        problems.add(
            new ImportProblem(
                line, "", "has " + rec.size() + " fields, the header has " + header.size()));
        continue;
      }
      int before = problems.size();
      String key = cell(rec, header, "post_key");
      String channelRef = cell(rec, header, "channel");
      String text = cell(rec, header, "text");
      String when = cell(rec, header, "scheduled_at");
      String title = cell(rec, header, "title");
      for (String col : REQUIRED) {
        if (cell(rec, header, col) == null) {
          problems.add(new ImportProblem(line, col, "is empty"));
        }
      }
      if (key != null && key.length() > 190) {
        problems.add(new ImportProblem(line, "post_key", "longer than 190 characters"));
      }
      if (text != null && text.length() > 8000) {
        problems.add(new ImportProblem(line, "text", "longer than 8,000 characters"));
      }
      if (title != null && title.length() > 200) {
        problems.add(new ImportProblem(line, "title", "longer than 200 characters"));
      }
      Channel channel = null;
      if (channelRef != null) {
        channel = channel(channels, channelRef).orElse(null);
        if (channel == null) {
          problems.add(
              new ImportProblem(
                  line,
                  "channel",
                  "no channel '"
                      + channelRef
                      + "'; the workspace has "
                      + channels.stream()
                          .map(c -> c.platform().code() + ":" + c.handle())
                          .collect(Collectors.joining(", "))));
        }
      }
      if (key != null && channel != null && !seen.add(key + "@" + channel.id())) {
        problems.add(
            new ImportProblem(line, "channel", "post " + key + " has two rows for this channel"));
      }
      List<VariantMedia> media = media(rec, header, line, problems);
      Instant at = null;
      if (when != null && channel != null && problems.size() == before) {
        if (when.equalsIgnoreCase("queue")) {
          Set<Instant> mine = queued.computeIfAbsent(channel.id(), k -> new HashSet<>());
          Instant after = now;
          Optional<Instant> slot = planner.nextFreeSlot(workspaceId, channel.id(), after);
          while (slot.isPresent() && mine.contains(slot.get())) {
            slot = planner.nextFreeSlot(workspaceId, channel.id(), slot.get());
          }
          if (slot.isEmpty()) {
            problems.add(
                new ImportProblem(line, "scheduled_at", "no free queue slot on " + channelRef));
          } else {
            at = slot.get();
            mine.add(at);
          }
        } else {
          at = time(when, w, line, problems);
          if (at != null && !at.isAfter(now)) {
            problems.add(new ImportProblem(line, "scheduled_at", "is in the past"));
            at = null;
          }
          if (at != null
              && blocked(workspaceId, channel.id(), at.atZone(w.timeZone()).toLocalDate())) {
            problems.add(
                new ImportProblem(
                    line,
                    "scheduled_at",
                    at.atZone(w.timeZone()).toLocalDate()
                        + " is a blocked date for "
                        + channelRef));
            at = null;
          }
        }
      }
      if (problems.size() == before && !known.contains(KEY_PREFIX + key)) {
        rows.add(new Planned(line, key, title, channel, text, media, at));
      }
    }
    if (problems.isEmpty() && direct) {
      problems.addAll(gateProblems(w, rows));
    }
    if (!problems.isEmpty()) {
      return rejected(problems);
    }
    List<long[]> scheduled = write(actor, w, rows, direct);
    scheduled.forEach(s -> dispatch.schedule(workspaceId, s[0], Instant.ofEpochMilli(s[1])));
    long created = rows.stream().map(Planned::key).distinct().count();
    long total = records.size() - 1;
    return new ImportOutcome.Imported(
        ImportKind.POSTS,
        total,
        rows.size(),
        total - rows.size(),
        List.of(
            created
                + " post(s) "
                + (direct ? "scheduled" : "waiting for review with their planned times")));
  }

  private List<ImportProblem> gateProblems(Workspace w, List<Planned> rows) {
    return db.transaction(
        c -> {
          List<ImportProblem> out = new ArrayList<>();
          Map<String, Integer> perDay = new HashMap<>();
          for (Planned p : rows) {
            List<Candidate.Sibling> siblings = new ArrayList<>();
            for (Planned other : rows) {
              if (other != p && other.key().equals(p.key())) {
                siblings.add(
                    new Candidate.Sibling(
                        0,
                        other.channel().platform().code() + " " + other.channel().handle(),
                        other.text()));
              }
            }
            LocalDate day = p.at().atZone(w.timeZone()).toLocalDate();
            String dayKey = p.channel().id() + "@" + day;
            int sameDay =
                SqlGates.sameDay(c, p.channel().id(), day, w.timeZone(), Set.of())
                    + perDay.getOrDefault(dayKey, 0);
            perDay.merge(dayKey, 1, Integer::sum);
            GateReport report =
                gates.check(
                    c,
                    w,
                    new Candidate(
                        0,
                        p.channel().platform(),
                        p.text(),
                        p.media(),
                        siblings,
                        day,
                        sameDay,
                        SqlGates.trackedCodes(c, w.id(), p.text())));
            for (GateResult r : report.results()) {
              if (r instanceof GateResult.Failed) {
                out.add(
                    new ImportProblem(
                        p.line(),
                        r.gate() == Gate.FREQUENCY ? "scheduled_at" : "text",
                        "fails the " + r.gate().code() + " gate: " + r.message()));
              }
            }
          }
          return out;
        });
  }

  /** Writes every row; returns (variant id, epoch millis) of those scheduled. */
  private List<long[]> write(long actor, Workspace w, List<Planned> rows, boolean direct) {
    Map<String, List<Planned>> byPost = new LinkedHashMap<>();
    for (Planned p : rows) {
      byPost.computeIfAbsent(p.key(), k -> new ArrayList<>()).add(p);
    }
    return db.transaction(
        c -> {
          List<long[]> scheduled = new ArrayList<>();
          Instant now = clock.instant();
          PostState state = direct ? PostState.SCHEDULED : PostState.IN_REVIEW;
          for (Map.Entry<String, List<Planned>> e : byPost.entrySet()) {
            Planned first = e.getValue().get(0);
            long postId =
                PlanStore.insertPost(c, w.id(), first.title(), first.text(), actor, null, now);
            try (PreparedStatement ps =
                c.prepareStatement("UPDATE post SET external_key = ?, state = ? WHERE id = ?")) {
              ps.setString(1, KEY_PREFIX + e.getKey());
              ps.setString(2, state.code());
              ps.setLong(3, postId);
              ps.executeUpdate();
            }
            for (Planned p : e.getValue()) {
              long v =
                  PlanStore.insertVariant(
                      c, w.id(), postId, p.channel().id(), p.text(), direct ? null : p.at());
              PlanStore.replaceMedia(c, v, p.media());
              PlanStore.setVariantState(c, v, state, direct ? p.at() : null);
              PlanStore.history(
                  c,
                  w.id(),
                  postId,
                  v,
                  actor,
                  "import",
                  null,
                  state,
                  "line "
                      + p.line()
                      + (direct ? ", scheduled at " : ", planned for ")
                      + p.at().atZone(w.timeZone()).toLocalDateTime()
                      + " "
                      + w.timeZone().getId(),
                  now);
              if (direct) {
                scheduled.add(new long[] {v, p.at().toEpochMilli()});
              }
            }
          }
          return scheduled;
        });
  }

  private Set<String> existingKeys(long workspaceId) {
    return db.transaction(
        c -> {
          Set<String> keys = new HashSet<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT external_key FROM post WHERE workspace_id = ? AND external_key LIKE 'plan:%'")) {
            ps.setLong(1, workspaceId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                keys.add(rs.getString(1));
              }
            }
          }
          return keys;
        });
  }

  private boolean blocked(long workspaceId, long channelId, LocalDate day) {
    for (BlockedDate b : planner.blocked(workspaceId, day, day)) {
      if (b.channelId() == null || b.channelId() == channelId) {
        return true;
      }
    }
    return false;
  }

  /** "platform:handle", a handle, or a channel id. */
  static Optional<Channel> channel(List<Channel> channels, String ref) {
    String r = ref.strip();
    int colon = r.indexOf(':');
    for (Channel c : channels) {
      if (String.valueOf(c.id()).equals(r)
          || c.handle().equalsIgnoreCase(r)
          || colon > 0
              && c.platform().code().equalsIgnoreCase(r.substring(0, colon))
              && c.handle().equalsIgnoreCase(r.substring(colon + 1))) {
        return Optional.of(c);
      }
    }
    return Optional.empty();
  }

  private static Instant time(String s, Workspace w, long line, List<ImportProblem> problems) {
    String t = s.strip().replace(' ', 'T');
    try {
      return OffsetDateTime.parse(t).toInstant();
    } catch (DateTimeParseException e) {
      // no offset: the workspace's wall clock
    }
    try {
      return ZonedDateTime.ofLocal(LocalDateTime.parse(t), w.timeZone(), null).toInstant();
    } catch (DateTimeParseException e) {
      problems.add(
          new ImportProblem(
              line,
              "scheduled_at",
              "'"
                  + s
                  + "' is not a time like 2027-04-01 09:00 (workspace time) or 2027-04-01T09:00+02:00, or 'queue'"));
      return null;
    }
  }

  private static List<VariantMedia> media(
      CSVRecord rec, Map<String, Integer> header, long line, List<ImportProblem> problems) {
    String url = cell(rec, header, "media_url");
    String alt = cell(rec, header, "media_alt");
    String kind = cell(rec, header, "media_kind");
    if (url == null) {
      if (alt != null || kind != null) {
        problems.add(
            new ImportProblem(line, "media_url", "is empty but media_alt or media_kind is set"));
      }
      return List.of();
    }
    // A web address, or a file on the server as `rapport post --media` takes; any other scheme
    // (javascript:, data:, file:) is refused: pages link to the address.
    java.util.regex.Matcher scheme =
        java.util.regex.Pattern.compile("^([A-Za-z][A-Za-z0-9+.-]+):").matcher(url);
    if (scheme.find()
        && !scheme.group(1).equalsIgnoreCase("https")
        && !scheme.group(1).equalsIgnoreCase("http")) {
      problems.add(
          new ImportProblem(
              line,
              "media_url",
              "'"
                  + (url.length() > 80 ? url.substring(0, 80) + "…" : url)
                  + "' is not a web address (https://…) nor a file on the server"));
    }
    MediaKind k = MediaKind.IMAGE;
    if (kind != null) {
      try {
        k = MediaKind.valueOf(kind.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        problems.add(
            new ImportProblem(
                line, "media_kind", "'" + kind + "' is not image, video, gif or audio"));
      }
    }
    return List.of(new VariantMedia(k, url, alt));
  }

  private static String cell(CSVRecord rec, Map<String, Integer> header, String column) {
    Integer i = header.get(column);
    if (i == null || i >= rec.size()) {
      return null;
    }
    String v = rec.get(i).strip();
    return v.isEmpty() ? null : v;
  }

  private static ImportOutcome rejected(List<ImportProblem> problems) {
    return new ImportOutcome.Rejected(
        ImportKind.POSTS, problems.subList(0, Math.min(100, problems.size())), problems.size());
  }

  private static Reader utf8(Path file) throws IOException {
    return new java.io.InputStreamReader(
        Files.newInputStream(file),
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT));
  }
}
