package dev.rapport.workspace.internal;

import dev.rapport.store.Database;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Membership;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import dev.rapport.workspace.Workspaces;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Jdbi;

/** Workspaces in SQL. Thread-safe. */
public final class SqlWorkspaces implements Workspaces {

  private static final String WORKSPACE_COLUMNS =
      "id, slug, name, time_zone, audience_description, audience_topics, audience_languages,"
          + " audience_places, created_at";
  private static final String CHANNEL_COLUMNS =
      "id, workspace_id, platform, handle, display_name, platform_followers, posts_per_week";

  private final Jdbi jdbi;
  private final Clock clock;

  public SqlWorkspaces(Database db, Clock clock) {
    this.jdbi = db.jdbi();
    this.clock = clock;
  }

  @Override
  public Workspace create(String slug, String name, ZoneId timeZone, TargetAudience audience) {
    if (!slug.matches("[a-z0-9][a-z0-9-]{0,62}")) {
      throw new IllegalArgumentException(
          "workspace slug must be lower-case letters, digits and dashes: '" + slug + "'");
    }
    long id =
        jdbi.withHandle(
            h ->
                h.createUpdate(
                        "INSERT INTO workspace (slug, name, time_zone, audience_description,"
                            + " audience_topics, audience_languages, audience_places, created_at)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                    .bind(0, slug)
                    .bind(1, name)
                    .bind(2, timeZone.getId())
                    .bind(3, audience.description())
                    .bind(4, join(audience.topics()))
                    .bind(5, join(audience.languages()))
                    .bind(6, join(audience.places()))
                    .bind(7, now())
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one());
    return byId(id).orElseThrow();
  }

  @Override
  public Optional<Workspace> bySlug(String slug) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + WORKSPACE_COLUMNS + " FROM workspace WHERE slug = ?")
                .bind(0, slug)
                .map((rs, ctx) -> workspace(rs))
                .findOne());
  }

  @Override
  public Optional<Workspace> byId(long id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + WORKSPACE_COLUMNS + " FROM workspace WHERE id = ?")
                .bind(0, id)
                .map((rs, ctx) -> workspace(rs))
                .findOne());
  }

  @Override
  public List<Workspace> all() {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + WORKSPACE_COLUMNS + " FROM workspace ORDER BY slug")
                .map((rs, ctx) -> workspace(rs))
                .list());
  }

  @Override
  public void updateAudience(long workspaceId, TargetAudience a) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE workspace SET audience_description = ?, audience_topics = ?,"
                        + " audience_languages = ?, audience_places = ? WHERE id = ?")
                .bind(0, a.description())
                .bind(1, join(a.topics()))
                .bind(2, join(a.languages()))
                .bind(3, join(a.places()))
                .bind(4, workspaceId)
                .execute());
  }

  @Override
  public void update(long workspaceId, String name, ZoneId timeZone) {
    jdbi.useHandle(
        h ->
            h.createUpdate("UPDATE workspace SET name = ?, time_zone = ? WHERE id = ?")
                .bind(0, name)
                .bind(1, timeZone.getId())
                .bind(2, workspaceId)
                .execute());
  }

  @Override
  public Channel addChannel(
      long workspaceId, Platform platform, String handle, String displayName) {
    long id =
        jdbi.withHandle(
            h ->
                h.createUpdate(
                        "INSERT INTO channel (workspace_id, platform, handle, display_name,"
                            + " created_at) VALUES (?, ?, ?, ?, ?)")
                    .bind(0, workspaceId)
                    .bind(1, platform.code())
                    .bind(2, handle)
                    .bind(3, displayName)
                    .bind(4, now())
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one());
    return channel(workspaceId, id).orElseThrow();
  }

  @Override
  public void updateChannelPlan(long channelId, Long platformFollowers, Integer postsPerWeek) {
    jdbi.useHandle(
        h ->
            h.createUpdate(
                    "UPDATE channel SET platform_followers = ?, posts_per_week = ? WHERE id = ?")
                .bind(0, platformFollowers)
                .bind(1, postsPerWeek)
                .bind(2, channelId)
                .execute());
  }

  @Override
  public List<Channel> channels(long workspaceId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + CHANNEL_COLUMNS
                        + " FROM channel WHERE workspace_id = ? ORDER BY id")
                .bind(0, workspaceId)
                .map((rs, ctx) -> channel(rs))
                .list());
  }

  @Override
  public Optional<Channel> channel(long workspaceId, long channelId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT " + CHANNEL_COLUMNS + " FROM channel WHERE workspace_id = ? AND id = ?")
                .bind(0, workspaceId)
                .bind(1, channelId)
                .map((rs, ctx) -> channel(rs))
                .findOne());
  }

  @Override
  public User createUser(String email, String displayName, String passwordHash) {
    String normalised = email.trim().toLowerCase(Locale.ROOT);
    long id =
        jdbi.withHandle(
            h ->
                h.createUpdate(
                        "INSERT INTO app_user (email, display_name, password_hash, created_at)"
                            + " VALUES (?, ?, ?, ?)")
                    .bind(0, normalised)
                    .bind(1, displayName)
                    .bind(2, passwordHash)
                    .bind(3, now())
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one());
    return new User(id, normalised, displayName);
  }

  @Override
  public Optional<User> userByEmail(String email) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT id, email, display_name FROM app_user WHERE email = ?")
                .bind(0, email.trim().toLowerCase(Locale.ROOT))
                .map((rs, ctx) -> new User(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .findOne());
  }

  @Override
  public Optional<User> user(long id) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT id, email, display_name FROM app_user WHERE id = ?")
                .bind(0, id)
                .map((rs, ctx) -> new User(rs.getLong(1), rs.getString(2), rs.getString(3)))
                .findOne());
  }

  @Override
  public Optional<String> passwordHash(long userId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT password_hash FROM app_user WHERE id = ?")
                .bind(0, userId)
                .mapTo(String.class)
                .findOne());
  }

  @Override
  public boolean changePassword(long userId, String passwordHash) {
    return jdbi.withHandle(
            h ->
                h.createUpdate("UPDATE app_user SET password_hash = ? WHERE id = ?")
                    .bind(0, passwordHash)
                    .bind(1, userId)
                    .execute())
        == 1;
  }

  @Override
  public void grant(long workspaceId, long userId, Role role) {
    jdbi.useTransaction(
        h -> {
          h.createUpdate("DELETE FROM membership WHERE workspace_id = ? AND user_id = ?")
              .bind(0, workspaceId)
              .bind(1, userId)
              .execute();
          h.createUpdate("INSERT INTO membership (workspace_id, user_id, role) VALUES (?, ?, ?)")
              .bind(0, workspaceId)
              .bind(1, userId)
              .bind(2, role.code())
              .execute();
        });
  }

  @Override
  public Optional<Role> role(long workspaceId, long userId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT role FROM membership WHERE workspace_id = ? AND user_id = ?")
                .bind(0, workspaceId)
                .bind(1, userId)
                .mapTo(String.class)
                .findOne()
                .map(Role::fromCode));
  }

  @Override
  public List<Membership> memberships(long userId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT w.id, w.slug, w.name, w.time_zone, w.audience_description,"
                        + " w.audience_topics, w.audience_languages, w.audience_places,"
                        + " w.created_at, m.role FROM membership m JOIN workspace w ON w.id ="
                        + " m.workspace_id WHERE m.user_id = ? ORDER BY w.name")
                .bind(0, userId)
                .map((rs, ctx) -> new Membership(workspace(rs), Role.fromCode(rs.getString(10))))
                .list());
  }

  @Override
  public List<Member> members(long workspaceId) {
    return jdbi.withHandle(
        h ->
            h
                .createQuery(
                    "SELECT u.id, u.email, u.display_name, m.role FROM membership m JOIN app_user"
                        + " u ON u.id = m.user_id WHERE m.workspace_id = ? ORDER BY u.email")
                .bind(0, workspaceId)
                .map(
                    (rs, ctx) ->
                        new Member(
                            new User(rs.getLong(1), rs.getString(2), rs.getString(3)),
                            Role.fromCode(rs.getString(4))))
                .list()
                .stream()
                .sorted(
                    java.util.Comparator.comparing((Member m) -> m.role() != Role.OWNER)
                        .thenComparing(m -> m.user().email()))
                .toList());
  }

  @Override
  public boolean changeRole(long workspaceId, long userId, Role role) {
    return jdbi.inTransaction(
        h -> {
          Role current = lockedRole(h, workspaceId, userId);
          if (current == Role.OWNER && role != Role.OWNER && owners(h, workspaceId) <= 1) {
            return false;
          }
          h.createUpdate("UPDATE membership SET role = ? WHERE workspace_id = ? AND user_id = ?")
              .bind(0, role.code())
              .bind(1, workspaceId)
              .bind(2, userId)
              .execute();
          return true;
        });
  }

  @Override
  public boolean removeMember(long workspaceId, long userId) {
    return jdbi.inTransaction(
        h -> {
          Role current = lockedRole(h, workspaceId, userId);
          if (current == Role.OWNER && owners(h, workspaceId) <= 1) {
            return false;
          }
          h.createUpdate("DELETE FROM membership WHERE workspace_id = ? AND user_id = ?")
              .bind(0, workspaceId)
              .bind(1, userId)
              .execute();
          return true;
        });
  }

  /**
   * Locks the workspace row (serialising role changes in one workspace) and reads the member's
   * role.
   */
  private static Role lockedRole(org.jdbi.v3.core.Handle h, long workspaceId, long userId) {
    h.createQuery("SELECT id FROM workspace WHERE id = ? FOR UPDATE")
        .bind(0, workspaceId)
        .mapTo(Long.class)
        .findOne();
    return h.createQuery("SELECT role FROM membership WHERE workspace_id = ? AND user_id = ?")
        .bind(0, workspaceId)
        .bind(1, userId)
        .mapTo(String.class)
        .findOne()
        .map(Role::fromCode)
        .orElseThrow(() -> new java.util.NoSuchElementException("not a member"));
  }

  private static long owners(org.jdbi.v3.core.Handle h, long workspaceId) {
    return h.createQuery("SELECT COUNT(*) FROM membership WHERE workspace_id = ? AND role = ?")
        .bind(0, workspaceId)
        .bind(1, Role.OWNER.code())
        .mapTo(Long.class)
        .one();
  }

  private OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  private static Workspace workspace(ResultSet rs) throws SQLException {
    return new Workspace(
        rs.getLong(1),
        rs.getString(2),
        rs.getString(3),
        ZoneId.of(rs.getString(4)),
        new TargetAudience(
            rs.getString(5),
            split(rs.getString(6)),
            split(rs.getString(7)),
            split(rs.getString(8))),
        rs.getObject(9, OffsetDateTime.class).toInstant());
  }

  private static Channel channel(ResultSet rs) throws SQLException {
    return new Channel(
        rs.getLong(1),
        rs.getLong(2),
        Platform.fromCode(rs.getString(3)),
        rs.getString(4),
        rs.getString(5),
        (Long) rs.getObject(6, Long.class),
        (Integer) rs.getObject(7, Integer.class));
  }

  static String join(List<String> values) {
    return String.join("\n", values);
  }

  static List<String> split(String stored) {
    if (stored == null || stored.isBlank()) {
      return List.of();
    }
    return Arrays.stream(stored.split("\n")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }
}
