package dev.rapport.platforms.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.rapport.platforms.Account;
import dev.rapport.platforms.Connections;
import dev.rapport.store.Database;
import dev.rapport.store.SecretBox;
import dev.rapport.workspace.Platform;
import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Connected accounts in SQL, secrets sealed by a {@link SecretBox}. Thread-safe. */
public final class SqlConnections implements Connections {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<LinkedHashMap<String, String>> MAP = new TypeReference<>() {};

  private final Database db;
  private final SecretBox box;
  private final Clock clock;

  public SqlConnections(Database db, SecretBox box, Clock clock) {
    this.db = db;
    this.box = box;
    this.clock = clock;
  }

  @Override
  public void connect(
      long workspaceId,
      long channelId,
      URI service,
      String accountId,
      String handle,
      Map<String, String> secrets) {
    Objects.requireNonNull(service, "service");
    String sealed = box.seal(toJson(secrets));
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    db.transaction(
        c -> {
          try (var check =
              c.prepareStatement("SELECT 1 FROM channel WHERE id = ? AND workspace_id = ?")) {
            check.setLong(1, channelId);
            check.setLong(2, workspaceId);
            try (var rs = check.executeQuery()) {
              if (!rs.next()) {
                throw new IllegalArgumentException(
                    "channel " + channelId + " is not in this workspace");
              }
            }
          }
          try (var del =
              c.prepareStatement("DELETE FROM channel_connection WHERE channel_id = ?")) {
            del.setLong(1, channelId);
            del.executeUpdate();
          }
          try (var ins =
              c.prepareStatement(
                  "INSERT INTO channel_connection (channel_id, workspace_id, service_url,"
                      + " account_id, handle, secrets, connected_at, updated_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            ins.setLong(1, channelId);
            ins.setLong(2, workspaceId);
            ins.setString(3, service.toString());
            ins.setString(4, accountId);
            ins.setString(5, handle);
            ins.setString(6, sealed);
            ins.setObject(7, now);
            ins.setObject(8, now);
            ins.executeUpdate();
          }
          return null;
        });
  }

  @Override
  public Optional<Account> account(long workspaceId, long channelId) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT k.service_url, k.account_id, k.handle, k.secrets, c.platform"
                            + " FROM channel_connection k JOIN channel c ON c.id = k.channel_id"
                            + " WHERE k.channel_id = ? AND k.workspace_id = ?")
                    .bind(0, channelId)
                    .bind(1, workspaceId)
                    .map(
                        (rs, ctx) ->
                            (Account)
                                new StoredAccount(
                                    workspaceId,
                                    channelId,
                                    Platform.fromCode(rs.getString(5)),
                                    URI.create(rs.getString(1)),
                                    rs.getString(2),
                                    rs.getString(3),
                                    fromJson(box.open(rs.getString(4)))))
                    .findOne());
  }

  @Override
  public void disconnect(long workspaceId, long channelId) {
    db.jdbi()
        .useHandle(
            h ->
                h.execute(
                    "DELETE FROM channel_connection WHERE channel_id = ? AND workspace_id = ?",
                    channelId,
                    workspaceId));
  }

  @Override
  public List<ConnectionStatus> statuses(long workspaceId) {
    return db.jdbi()
        .withHandle(
            h ->
                h.createQuery(
                        "SELECT k.channel_id, c.platform, k.service_url, k.account_id, k.handle,"
                            + " k.connected_at, k.reconnect_reason FROM channel_connection k"
                            + " JOIN channel c ON c.id = k.channel_id WHERE k.workspace_id = ?"
                            + " ORDER BY c.platform, c.handle")
                    .bind(0, workspaceId)
                    .map(
                        (rs, ctx) ->
                            new ConnectionStatus(
                                rs.getLong(1),
                                Platform.fromCode(rs.getString(2)),
                                URI.create(rs.getString(3)),
                                rs.getString(4),
                                rs.getString(5),
                                rs.getObject(6, OffsetDateTime.class).toInstant(),
                                rs.getString(7)))
                    .list());
  }

  /**
   * Merges changed secrets into the stored ones under a row lock, so two nodes cannot interleave.
   */
  private Map<String, String> update(
      long workspaceId, long channelId, Map<String, String> changed) {
    OffsetDateTime now = OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
    return db.transaction(
        c -> {
          Map<String, String> current;
          try (var sel =
              c.prepareStatement(
                  "SELECT secrets FROM channel_connection WHERE channel_id = ? AND workspace_id = ?"
                      + " FOR UPDATE")) {
            sel.setLong(1, channelId);
            sel.setLong(2, workspaceId);
            try (var rs = sel.executeQuery()) {
              if (!rs.next()) {
                throw new IllegalStateException(
                    "channel " + channelId + " was disconnected while in use");
              }
              current = fromJson(box.open(rs.getString(1)));
            }
          }
          current.putAll(changed);
          try (var upd =
              c.prepareStatement(
                  "UPDATE channel_connection SET secrets = ?, updated_at = ? WHERE channel_id = ?")) {
            upd.setString(1, box.seal(toJson(current)));
            upd.setObject(2, now);
            upd.setLong(3, channelId);
            upd.executeUpdate();
          }
          return current;
        });
  }

  private void markReconnect(long workspaceId, long channelId, String reason) {
    db.jdbi()
        .useHandle(
            h ->
                h.execute(
                    "UPDATE channel_connection SET reconnect_reason = ? WHERE channel_id = ? AND"
                        + " workspace_id = ?",
                    reason == null || reason.isBlank()
                        ? "the platform refused the grant"
                        : clip(reason),
                    channelId,
                    workspaceId));
  }

  private static String clip(String s) {
    return s.length() <= 2000 ? s : s.substring(0, 2000);
  }

  private static String toJson(Map<String, String> secrets) {
    try {
      Map<String, String> present = new LinkedHashMap<>();
      if (secrets != null) {
        secrets.forEach(
            (k, v) -> {
              if (k != null && v != null) {
                present.put(k, v);
              }
            });
      }
      return JSON.writeValueAsString(present);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("secrets are not serialisable", e);
    }
  }

  private static Map<String, String> fromJson(String json) {
    try {
      return JSON.readValue(json, MAP);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("stored secrets are not a JSON object", e);
    }
  }

  /** The account as loaded; secrets are a snapshot refreshed by its own updates. */
  private final class StoredAccount implements Account {
    private final long workspaceId;
    private final long channelId;
    private final Platform platform;
    private final URI service;
    private final String accountId;
    private final String handle;
    private volatile Map<String, String> secrets;

    StoredAccount(
        long workspaceId,
        long channelId,
        Platform platform,
        URI service,
        String accountId,
        String handle,
        Map<String, String> secrets) {
      this.workspaceId = workspaceId;
      this.channelId = channelId;
      this.platform = platform;
      this.service = service;
      this.accountId = accountId;
      this.handle = handle;
      this.secrets = Map.copyOf(secrets);
    }

    @Override
    public long workspaceId() {
      return workspaceId;
    }

    @Override
    public long channelId() {
      return channelId;
    }

    @Override
    public Platform platform() {
      return platform;
    }

    @Override
    public URI service() {
      return service;
    }

    @Override
    public String accountId() {
      return accountId;
    }

    @Override
    public String handle() {
      return handle;
    }

    @Override
    public String secret(String name) {
      return secrets.get(name);
    }

    @Override
    public void updateSecrets(Map<String, String> changed) {
      secrets = Map.copyOf(update(workspaceId, channelId, changed));
    }

    @Override
    public void reconnectNeeded(String reason) {
      markReconnect(workspaceId, channelId, reason);
    }

    @Override
    public String toString() {
      // Never print secrets.
      return platform.code() + " account " + handle + " (channel " + channelId + ")";
    }
  }
}
