package dev.rapport.platforms.testplatform;

import dev.rapport.platforms.Account;
import dev.rapport.platforms.Connections;
import dev.rapport.workspace.Platform;
import java.net.URI;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link Connections} in memory, for tests (the SQL store lives in platforms). */
public final class InMemoryConnections implements Connections {

  private record Key(long workspaceId, long channelId) {}

  private final Map<Key, Stored> accounts = new ConcurrentHashMap<>();
  private final Platform platform;

  /** Every channel connected here is on {@code platform}. */
  public InMemoryConnections(Platform platform) {
    this.platform = platform;
  }

  private final class Stored implements Account {
    final long workspaceId;
    final long channelId;
    final URI service;
    final String accountId;
    final String handle;
    final Map<String, String> secrets;
    final Instant connectedAt = Instant.now();
    volatile String reconnect;

    Stored(long ws, long ch, URI service, String accountId, String handle, Map<String, String> s) {
      this.workspaceId = ws;
      this.channelId = ch;
      this.service = service;
      this.accountId = accountId;
      this.handle = handle;
      this.secrets = new ConcurrentHashMap<>(s);
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
      secrets.putAll(changed);
    }

    @Override
    public void reconnectNeeded(String reason) {
      reconnect = reason;
    }
  }

  @Override
  public void connect(
      long workspaceId,
      long channelId,
      URI service,
      String accountId,
      String handle,
      Map<String, String> secrets) {
    accounts.put(
        new Key(workspaceId, channelId),
        new Stored(workspaceId, channelId, service, accountId, handle, new HashMap<>(secrets)));
  }

  @Override
  public Optional<Account> account(long workspaceId, long channelId) {
    return Optional.ofNullable(accounts.get(new Key(workspaceId, channelId)));
  }

  @Override
  public void disconnect(long workspaceId, long channelId) {
    accounts.remove(new Key(workspaceId, channelId));
  }

  @Override
  public List<ConnectionStatus> statuses(long workspaceId) {
    List<ConnectionStatus> out = new ArrayList<>();
    for (Stored s : accounts.values()) {
      if (s.workspaceId == workspaceId) {
        out.add(
            new ConnectionStatus(
                s.channelId,
                platform,
                s.service,
                s.accountId,
                s.handle,
                s.connectedAt,
                s.reconnect));
      }
    }
    return out;
  }
}
