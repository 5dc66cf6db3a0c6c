package dev.rapport.platforms.x;

import dev.rapport.platforms.Account;
import dev.rapport.workspace.Platform;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** An in-memory connected X account: secrets in a map, updates and reconnects remembered. */
final class TestAccount implements Account {

  private final URI service;
  private final String accountId;
  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  final AtomicInteger secretUpdates = new AtomicInteger();
  volatile String reconnectReason;

  TestAccount(URI service, String accountId, Map<String, String> secrets) {
    this.service = service;
    this.accountId = accountId;
    this.secrets.putAll(secrets);
  }

  @Override
  public long workspaceId() {
    return 1;
  }

  @Override
  public long channelId() {
    return 9;
  }

  @Override
  public Platform platform() {
    return Platform.X;
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
    return "cornerbakery";
  }

  @Override
  public String secret(String name) {
    return secrets.get(name);
  }

  @Override
  public void updateSecrets(Map<String, String> changed) {
    secretUpdates.incrementAndGet();
    secrets.putAll(changed);
  }

  @Override
  public void reconnectNeeded(String reason) {
    reconnectReason = reason;
  }
}
