package dev.rapport.platforms;

import dev.rapport.workspace.Platform;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The brand accounts connected to channels, with their secrets encrypted at rest. Thread-safe; the
 * {@link Account} handed out writes refreshed tokens back through this store.
 */
public interface Connections {

  /** Connects (or reconnects) a channel; replaces earlier secrets and clears "reconnect needed". */
  void connect(
      long workspaceId,
      long channelId,
      URI service,
      String accountId,
      String handle,
      Map<String, String> secrets);

  /** The connected account of a channel, or empty when the channel is not connected. */
  Optional<Account> account(long workspaceId, long channelId);

  /** Forgets the channel's account and secrets. */
  void disconnect(long workspaceId, long channelId);

  /** Every connection of the workspace, without secrets. */
  List<ConnectionStatus> statuses(long workspaceId);

  /** A channel's connection as the settings page shows it. */
  record ConnectionStatus(
      long channelId,
      Platform platform,
      URI service,
      String accountId,
      String handle,
      Instant connectedAt,
      String reconnectReason) {

    public boolean needsReconnect() {
      return reconnectReason != null;
    }
  }
}
