package dev.rapport.publishing.internal;

import static dev.rapport.publishing.internal.PlanStore.ts;

import dev.rapport.content.PostState;
import dev.rapport.engagement.NewLink;
import dev.rapport.engagement.TrackedLink;
import dev.rapport.engagement.TrackedLinks;
import dev.rapport.platforms.Capabilities;
import dev.rapport.publishing.Gate;
import dev.rapport.publishing.GateReport;
import dev.rapport.publishing.Gates;
import dev.rapport.publishing.PublishingSettings;
import dev.rapport.publishing.Refused;
import dev.rapport.publishing.VariantMedia;
import dev.rapport.store.Database;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.Workspace;
import dev.rapport.workspace.Workspaces;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Gates and publishing settings in SQL. Thread-safe. */
public final class SqlGates implements Gates {

  /** The states in which a variant counts towards its channel's day. */
  static final String ON_THE_PLAN = "('scheduled', 'publishing', 'published', 'unconfirmed')";

  private final Database db;
  private final Workspaces workspaces;
  private final TrackedLinks links;
  private final Clock clock;
  private final GateRules rules;

  /**
   * @param capabilities a connector's limits for a platform, when one is installed; the built-in
   *     documented limits otherwise
   */
  public SqlGates(
      Database db,
      Workspaces workspaces,
      TrackedLinks links,
      Clock clock,
      Function<Platform, Optional<Capabilities>> capabilities) {
    this.db = db;
    this.workspaces = workspaces;
    this.links = links;
    this.clock = clock;
    this.rules = new GateRules(capabilities);
  }

  @Override
  public PublishingSettings settings(long workspaceId) {
    return db.transaction(c -> settings(c, workspaceId));
  }

  static PublishingSettings settings(Connection c, long workspaceId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT requires_approval, gates, rubric_bar, max_per_day, link_base"
                + " FROM publishing_settings WHERE workspace_id = ?")) {
      ps.setLong(1, workspaceId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return PublishingSettings.DEFAULT;
        }
        Set<Gate> gates = EnumSet.noneOf(Gate.class);
        for (String g : rs.getString(2).split(",")) {
          if (!g.isBlank()) {
            gates.add(Gate.fromCode(g));
          }
        }
        return new PublishingSettings(
            rs.getBoolean(1), gates, rs.getInt(3), rs.getInt(4), rs.getString(5));
      }
    }
  }

  @Override
  public void update(long actor, long workspaceId, PublishingSettings s) {
    db.run(
        c -> {
          PlanStore.require(c, workspaceId, actor, Role.MANAGER, "change publishing settings");
          try (PreparedStatement del =
              c.prepareStatement("DELETE FROM publishing_settings WHERE workspace_id = ?")) {
            del.setLong(1, workspaceId);
            del.executeUpdate();
          }
          try (PreparedStatement ins =
              c.prepareStatement(
                  "INSERT INTO publishing_settings (workspace_id, requires_approval, gates,"
                      + " rubric_bar, max_per_day, link_base) VALUES (?, ?, ?, ?, ?, ?)")) {
            ins.setLong(1, workspaceId);
            ins.setBoolean(2, s.requiresApproval());
            ins.setString(
                3, s.gates().stream().sorted().map(Gate::code).collect(Collectors.joining(",")));
            ins.setInt(4, s.rubricBar());
            ins.setInt(5, s.maxPerDay());
            ins.setString(6, s.linkBase());
            ins.executeUpdate();
          }
        });
  }

  @Override
  public GateReport check(long workspaceId, long variantId, Instant at) {
    return db.transaction(
        c -> {
          PlanStore.VariantRow v = PlanStore.requireVariant(c, workspaceId, variantId);
          return check(c, workspace(workspaceId), v, at);
        });
  }

  GateReport check(Connection c, Workspace w, PlanStore.VariantRow v, Instant at)
      throws SQLException {
    List<VariantMedia> media = PlanStore.media(c, v.id());
    List<Candidate.Sibling> siblings = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT v.id, ch.platform, ch.handle, v.body FROM post_variant v JOIN channel ch ON"
                + " ch.id = v.channel_id WHERE v.post_id = ? AND v.id <> ? ORDER BY v.id")) {
      ps.setLong(1, v.postId());
      ps.setLong(2, v.id());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          siblings.add(
              new Candidate.Sibling(
                  rs.getLong(1), rs.getString(2) + " " + rs.getString(3), rs.getString(4)));
        }
      }
    }
    LocalDate day = at == null ? null : at.atZone(w.timeZone()).toLocalDate();
    int sameDay = day == null ? 0 : sameDay(c, v.channelId(), day, w.timeZone(), Set.of(v.id()));
    Candidate candidate =
        new Candidate(
            v.id(),
            platform(c, v.channelId()),
            v.text(),
            media,
            siblings,
            day,
            sameDay,
            trackedCodes(c, w.id(), v.text()));
    return rules.check(settings(c, w.id()), w.audience(), candidate);
  }

  /** Gates for a variant not stored yet (a CSV row). */
  GateReport check(Connection c, Workspace w, Candidate candidate) throws SQLException {
    return rules.check(settings(c, w.id()), w.audience(), candidate);
  }

  /** Variants of the channel on the plan on that local day, the excluded ones aside. */
  static int sameDay(Connection c, long channelId, LocalDate day, ZoneId zone, Set<Long> excluded)
      throws SQLException {
    Instant from = day.atStartOfDay(zone).toInstant();
    Instant to = day.plusDays(1).atStartOfDay(zone).toInstant();
    int n = 0;
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id FROM post_variant WHERE channel_id = ? AND state IN "
                + ON_THE_PLAN
                + " AND COALESCE(published_at, scheduled_at) >= ?"
                + " AND COALESCE(published_at, scheduled_at) < ?")) {
      ps.setLong(1, channelId);
      ps.setObject(2, ts(from));
      ps.setObject(3, ts(to));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          if (!excluded.contains(rs.getLong(1))) {
            n++;
          }
        }
      }
    }
    return n;
  }

  static Platform platform(Connection c, long channelId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT platform FROM channel WHERE id = ?")) {
      ps.setLong(1, channelId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new IllegalArgumentException("no channel " + channelId);
        }
        return Platform.fromCode(rs.getString(1));
      }
    }
  }

  /**
   * How people know a channel: its platform and handle, "mastodon bakery@social" (the id means
   * nothing to them). "channel N" only for a channel that is gone.
   */
  static String channelName(Connection c, long channelId) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT platform, handle FROM channel WHERE id = ?")) {
      ps.setLong(1, channelId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) + " " + rs.getString(2) : "channel " + channelId;
      }
    }
  }

  /** The short codes in the text that are tracked links of this workspace. */
  static Set<String> trackedCodes(Connection c, long workspaceId, String text) throws SQLException {
    List<String> codes = new ArrayList<>();
    for (String link : LinkScan.links(text)) {
      LinkScan.shortCode(link).ifPresent(codes::add);
    }
    if (codes.isEmpty()) {
      return Set.of();
    }
    Set<String> known = new HashSet<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT code FROM tracked_link WHERE workspace_id = ? AND code IN ("
                + String.join(",", Collections.nCopies(codes.size(), "?"))
                + ")")) {
      ps.setLong(1, workspaceId);
      for (int i = 0; i < codes.size(); i++) {
        ps.setString(2 + i, codes.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          known.add(rs.getString(1));
        }
      }
    }
    return known;
  }

  @Override
  public LinkTracking trackLinks(long actor, long workspaceId, long variantId) {
    Workspace w = workspace(workspaceId);
    // Read first, create the links (each its own commit in TrackedLinks), then rewrite the text in
    // a transaction that checks nobody edited it meanwhile. Creating the links while holding the
    // post's lock would wait on that very lock (the link's foreign key to the post).
    record Plan(PlanStore.VariantRow variant, PublishingSettings settings, List<String> links) {}
    Plan plan =
        db.transaction(
            c -> {
              PlanStore.require(c, workspaceId, actor, Role.AUTHOR, "replace links");
              PlanStore.VariantRow v = PlanStore.requireVariant(c, workspaceId, variantId);
              requireEditable(v);
              Set<String> tracked = trackedCodes(c, workspaceId, v.text());
              List<String> untracked = new ArrayList<>();
              for (String link : LinkScan.links(v.text())) {
                Optional<String> code = LinkScan.shortCode(link);
                if (!(code.isPresent() && tracked.contains(code.get()))
                    && !untracked.contains(link)) {
                  untracked.add(link);
                }
              }
              return new Plan(v, settings(c, workspaceId), untracked);
            });
    PlanStore.VariantRow v = plan.variant();
    if (plan.links().isEmpty()) {
      return new LinkTracking(variantId, Map.of());
    }
    if (plan.settings().linkBase() == null) {
      throw new Refused(
          "set the workspace's short-link address first, under Settings › Review and quality"
              + " gates (on the command line: rapport post settings -w "
              + w.slug()
              + " --link-base https://go.example.com)");
    }
    Platform platform = db.transaction(c -> platform(c, v.channelId()));
    Map<String, String> replaced = new LinkedHashMap<>();
    for (String link : plan.links()) {
      NewLink request;
      try {
        request =
            new NewLink(
                URI.create(link),
                v.postId(),
                v.channelId(),
                null,
                platform.code(),
                "social",
                "post-" + v.postId());
      } catch (IllegalArgumentException e) {
        throw new Refused("cannot track '" + link + "': " + e.getMessage());
      }
      TrackedLink created = links.create(workspaceId, request);
      replaced.put(link, plan.settings().linkBase() + "/l/" + created.code());
    }
    String text = v.text();
    for (Map.Entry<String, String> e : replaced.entrySet()) {
      text = text.replace(e.getKey(), e.getValue());
    }
    String newText = text;
    db.run(
        c -> {
          PlanStore.lockPost(c, workspaceId, v.postId());
          PlanStore.VariantRow now = PlanStore.requireVariant(c, workspaceId, variantId);
          requireEditable(now);
          if (!now.text().equals(v.text())) {
            throw new Refused("variant " + variantId + " was edited meanwhile; try again");
          }
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE post_variant SET body = ? WHERE id = ?")) {
            ps.setString(1, newText);
            ps.setLong(2, v.id());
            ps.executeUpdate();
          }
          PlanStore.history(
              c,
              workspaceId,
              v.postId(),
              v.id(),
              actor,
              "track-links",
              now.state(),
              null,
              replaced.entrySet().stream()
                  .map(e -> e.getKey() + " -> " + e.getValue())
                  .collect(Collectors.joining("; ")),
              clock.instant());
        });
    return new LinkTracking(variantId, replaced);
  }

  private static void requireEditable(PlanStore.VariantRow v) {
    if (v.state().compareTo(PostState.SCHEDULED) > 0) {
      throw new Refused(
          "variant "
              + v.id()
              + " is "
              + v.state().code().replace('_', ' ')
              + "; its text can no longer change");
    }
  }

  Workspace workspace(long workspaceId) {
    return workspaces
        .byId(workspaceId)
        .orElseThrow(() -> new IllegalArgumentException("no workspace " + workspaceId));
  }
}
