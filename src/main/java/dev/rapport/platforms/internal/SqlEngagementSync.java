package dev.rapport.platforms.internal;

import dev.rapport.content.Posts;
import dev.rapport.engagement.IngestResult;
import dev.rapport.engagement.Ledger;
import dev.rapport.people.People;
import dev.rapport.platforms.Account;
import dev.rapport.platforms.Connections;
import dev.rapport.platforms.Connector;
import dev.rapport.platforms.Connectors;
import dev.rapport.platforms.EngagementSync;
import dev.rapport.platforms.FollowerPage;
import dev.rapport.platforms.SyncPage;
import dev.rapport.platforms.SyncRequest;
import dev.rapport.platforms.SyncRun;
import dev.rapport.platforms.SyncSettings;
import dev.rapport.platforms.SyncStatus;
import dev.rapport.store.Database;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Workspace;
import dev.rapport.workspace.Workspaces;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The engagement sync over SQL: cursors and status in sync_state. Thread-safe. */
public final class SqlEngagementSync implements EngagementSync {

  private final Database db;
  private final Workspaces workspaces;
  private final Connections connections;
  private final Connectors connectors;
  private final Clock clock;
  private final SyncSettings settings;
  private final SyncStates states;
  private final SyncIngest ingest;
  private final String owner = UUID.randomUUID().toString();

  public SqlEngagementSync(
      Database db,
      Workspaces workspaces,
      Connections connections,
      Connectors connectors,
      People people,
      Posts posts,
      Ledger ledger,
      Clock clock,
      SyncSettings settings) {
    this.db = db;
    this.workspaces = workspaces;
    this.connections = connections;
    this.connectors = connectors;
    this.clock = clock;
    this.settings = settings;
    this.states = new SyncStates(db);
    this.ingest = new SyncIngest(people, posts, ledger);
  }

  @Override
  public List<SyncRun> runAll() {
    List<SyncRun> runs = new ArrayList<>();
    for (Workspace w : workspaces.all()) {
      for (Connections.ConnectionStatus c : connections.statuses(w.id())) {
        if (connectors.forPlatform(c.platform()).isEmpty()) {
          continue;
        }
        try {
          runs.add(runOnce(w.id(), c.channelId()));
        } catch (RuntimeException e) {
          // One channel's trouble (a database hiccup) must not stop the others.
          Instant now = clock.instant();
          runs.add(
              new SyncRun(
                  w.id(),
                  c.channelId(),
                  now,
                  now,
                  null,
                  0,
                  0,
                  0,
                  0,
                  false,
                  String.valueOf(e.getMessage())));
        }
      }
    }
    return runs;
  }

  @Override
  public SyncRun runOnce(long workspaceId, long channelId) {
    Instant started = clock.instant();
    Channel channel =
        workspaces
            .channel(workspaceId, channelId)
            .orElseThrow(
                () ->
                    new IllegalArgumentException("no channel " + channelId + " in this workspace"));
    Optional<Connector> connector = connectors.forPlatform(channel.platform());
    if (connector.isEmpty()) {
      return skipped(
          workspaceId,
          channelId,
          started,
          "Rapport has no " + channel.platform().code() + " connector");
    }
    Optional<Connections.ConnectionStatus> connection =
        connections.statuses(workspaceId).stream()
            .filter(s -> s.channelId() == channelId)
            .findFirst();
    Optional<Account> account = connections.account(workspaceId, channelId);
    if (connection.isEmpty() || account.isEmpty()) {
      return skipped(workspaceId, channelId, started, "the channel is not connected");
    }
    if (connection.get().needsReconnect()) {
      return skipped(
          workspaceId,
          channelId,
          started,
          "reconnect needed: " + connection.get().reconnectReason());
    }
    Instant until = started.plus(settings.lease());
    if (!states.claim(workspaceId, channelId, owner, started, until)) {
      return skipped(
          workspaceId, channelId, started, "another Rapport node is syncing this channel");
    }
    try {
      SyncStates.State state = states.get(channelId).orElseThrow();
      if (state.retryAfter() != null && state.retryAfter().isAfter(started)) {
        return skipped(
            workspaceId,
            channelId,
            started,
            "the platform asked to wait until " + state.retryAfter());
      }
      states.runStarted(channelId, started);
      return run(workspaceId, channel, connector.get(), account.get(), state, started);
    } finally {
      states.release(channelId, owner);
    }
  }

  private SyncRun run(
      long workspaceId,
      Channel channel,
      Connector connector,
      Account account,
      SyncStates.State state,
      Instant started) {
    long channelId = channel.id();
    List<String> recent = recentPosts(workspaceId, channelId, started);
    SyncIngest.Variants variants = new SyncIngest.Variants();
    String cursor = state.engagementCursor();
    int pages = 0;
    long read = 0;
    long ingested = 0;
    boolean caughtUp = false;
    String error = null;
    while (pages < settings.maxPages()) {
      SyncPage page =
          connector.engagement(account, new SyncRequest(cursor, recent, settings.pageSize()));
      if (page.failure() != null) {
        error = failed(account, channelId, page.failure());
        break;
      }
      pages++;
      Instant now = clock.instant();
      Instant newest =
          page.engagements().stream()
              .map(e -> e.occurredAt().isAfter(now) ? now : e.occurredAt())
              .max(Instant::compareTo)
              .orElse(null);
      String next = page.nextCursor();
      IngestResult r =
          db.transaction(
              c -> {
                IngestResult in =
                    ingest.engagements(
                        workspaceId,
                        channelId,
                        channel.platform(),
                        page.engagements(),
                        variants,
                        now);
                states.pageDone(
                    c, channelId, next, page.engagements().size(), in.inserted(), newest);
                return in;
              });
      read += page.engagements().size();
      ingested += r.inserted();
      cursor = next;
      if (!page.more()) {
        caughtUp = true;
        break;
      }
    }
    long followers = 0;
    if (error == null && followersDue(state, started)) {
      FollowerPass pass = followers(workspaceId, channel, connector, account, state);
      followers = pass.read;
      error = pass.error;
    }
    Instant finished = clock.instant();
    if (error == null) {
      states.succeeded(channelId, finished);
    }
    return new SyncRun(
        workspaceId,
        channelId,
        started,
        finished,
        null,
        pages,
        read,
        ingested,
        followers,
        caughtUp,
        error);
  }

  private record FollowerPass(long read, String error) {}

  private FollowerPass followers(
      long workspaceId,
      Channel channel,
      Connector connector,
      Account account,
      SyncStates.State state) {
    String cursor = state.followerCursor();
    boolean restart = cursor == null;
    long read = 0;
    for (int i = 0; i < settings.followerPages(); i++) {
      FollowerPage page = connector.followers(account, cursor);
      if (page.failure() != null) {
        return new FollowerPass(read, failed(account, channel.id(), page.failure()));
      }
      Instant now = clock.instant();
      String next = page.nextCursor();
      boolean first = restart && i == 0;
      db.run(
          c -> {
            ingest.followers(workspaceId, channel.id(), channel.platform(), page.followers(), now);
            states.followersDone(
                c, channel.id(), next, page.followers().size(), first, next == null ? now : null);
          });
      read += page.followers().size();
      if (next == null) {
        break;
      }
      cursor = next;
    }
    return new FollowerPass(read, null);
  }

  private boolean followersDue(SyncStates.State state, Instant now) {
    return state.followerCursor() != null
        || state.followersSyncedAt() == null
        || !state.followersSyncedAt().plus(settings.followerInterval()).isAfter(now);
  }

  private String failed(Account account, long channelId, SyncPage.SyncFailure failure) {
    Instant now = clock.instant();
    if (failure.reconnect()) {
      account.reconnectNeeded(failure.message());
    }
    Duration wait = failure.retryAfter();
    states.failed(channelId, failure.message(), now, wait == null ? null : now.plus(wait));
    return failure.message();
  }

  /** The channel's published posts still worth reading per post, newest first. */
  private List<String> recentPosts(long workspaceId, long channelId, Instant now) {
    if (settings.recentPostLimit() == 0) {
      return List.of();
    }
    return db.transaction(
        c -> {
          List<String> ids = new ArrayList<>();
          try (var q =
              c.prepareStatement(
                  "SELECT platform_post_id FROM post_variant WHERE workspace_id = ? AND"
                      + " channel_id = ? AND platform_post_id IS NOT NULL AND published_at >= ?"
                      + " ORDER BY published_at DESC")) {
            q.setMaxRows(settings.recentPostLimit());
            q.setLong(1, workspaceId);
            q.setLong(2, channelId);
            q.setObject(3, SyncStates.utc(now.minus(settings.recentPostWindow())));
            try (var rs = q.executeQuery()) {
              while (rs.next()) {
                ids.add(rs.getString(1));
              }
            }
          }
          return ids;
        });
  }

  private SyncRun skipped(long workspaceId, long channelId, Instant started, String why) {
    return new SyncRun(
        workspaceId, channelId, started, clock.instant(), why, 0, 0, 0, 0, false, null);
  }

  @Override
  public List<SyncStatus> status(long workspaceId) {
    Instant now = clock.instant();
    Map<Long, Connections.ConnectionStatus> connected = new HashMap<>();
    for (Connections.ConnectionStatus s : connections.statuses(workspaceId)) {
      connected.put(s.channelId(), s);
    }
    Map<Long, SyncStates.State> states = new HashMap<>();
    for (SyncStates.State s : this.states.ofWorkspace(workspaceId)) {
      states.put(s.channelId(), s);
    }
    List<SyncStatus> out = new ArrayList<>();
    for (Channel ch : workspaces.channels(workspaceId)) {
      Connections.ConnectionStatus c = connected.get(ch.id());
      SyncStates.State s = states.get(ch.id());
      if (c == null && s == null) {
        continue;
      }
      out.add(
          new SyncStatus(
              ch.id(),
              ch.platform(),
              ch.handle(),
              c != null,
              c == null ? null : c.reconnectReason(),
              s == null ? null : s.lastRunAt(),
              s == null ? null : s.lastSuccessAt(),
              s == null ? null : s.newestEventAt(),
              s == null || s.newestEventAt() == null
                  ? null
                  : Duration.between(s.newestEventAt(), now),
              s == null ? 0 : s.lastRunRead(),
              s == null ? 0 : s.lastRunIngested(),
              s == null ? 0 : s.totalIngested(),
              s == null ? null : s.followersSyncedAt(),
              s == null ? 0 : s.followersSeen(),
              s == null ? null : s.lastError(),
              s == null ? null : s.lastErrorAt(),
              s == null || s.retryAfter() == null || !s.retryAfter().isAfter(now)
                  ? null
                  : s.retryAfter()));
    }
    return out;
  }
}
