package dev.rapport.publishing.dispatch;

import dev.rapport.app.Rapport;
import dev.rapport.content.NewPost;
import dev.rapport.content.PostState;
import dev.rapport.platforms.Connector;
import dev.rapport.platforms.Connectors;
import dev.rapport.platforms.testplatform.InMemoryConnections;
import dev.rapport.platforms.testplatform.TestPlatformServer;
import dev.rapport.publishing.dispatch.internal.DbDispatcher;
import dev.rapport.store.Database;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.Workspace;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A workspace with channels on the test platform, posts to schedule, and helpers to wait for
 * dispatch and read what it did. Test code, shared by the dispatch tests, the crash test's child
 * process and the benchmark.
 */
public final class DispatchFixture implements AutoCloseable {

  public final Database db;
  public final Rapport rapport;
  public final Workspace workspace;
  public final List<Channel> channels = new ArrayList<>();
  public final InMemoryConnections connections = new InMemoryConnections(Platform.MASTODON);

  public DispatchFixture(Database db, String slug, int channelCount) {
    this.db = db;
    this.rapport = Rapport.on(db, Clock.systemUTC());
    this.workspace =
        rapport.workspaces().create(slug, "Dispatch test", ZoneId.of("UTC"), TargetAudience.NONE);
    for (int i = 0; i < channelCount; i++) {
      channels.add(
          rapport.workspaces().addChannel(workspace.id(), Platform.MASTODON, "@ch" + i, "ch" + i));
    }
  }

  /** Reopens an existing workspace (the crash test's child and restarts). */
  public DispatchFixture(Database db, String slug) {
    this.db = db;
    this.rapport = Rapport.on(db, Clock.systemUTC());
    this.workspace = rapport.workspaces().bySlug(slug).orElseThrow();
    channels.addAll(rapport.workspaces().channels(workspace.id()));
  }

  /** Connects every channel to the server's account. */
  public DispatchFixture connectAll(TestPlatformServer server) {
    for (Channel c : channels) {
      connections.connect(
          workspace.id(), c.id(), server.uri(), "acct-" + c.id(), c.handle(), Map.of());
    }
    return this;
  }

  public DbDispatcher dispatcher(Connector connector, DispatchSettings settings) {
    return new DbDispatcher(
        db, connections, new Connectors(List.of(connector)), settings, Clock.systemUTC());
  }

  /**
   * Creates one post per text with a variant on each given channel, scheduled at {@code at};
   * returns the variant ids in order (text-major). The variant text is "text @channel".
   */
  public List<Long> schedule(List<String> texts, List<Channel> on, List<Instant> at) {
    List<NewPost> posts = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      List<NewPost.NewVariant> vs = new ArrayList<>();
      for (Channel c : on) {
        vs.add(
            new NewPost.NewVariant(
                c.id(),
                texts.get(i) + " " + c.handle(),
                PostState.SCHEDULED,
                at.get(i),
                null,
                null,
                null,
                null));
      }
      posts.add(new NewPost(null, texts.get(i), PostState.SCHEDULED, null, vs));
    }
    long[] ids = rapport.posts().create(workspace.id(), posts);
    List<Long> variants = new ArrayList<>();
    for (var v : rapport.posts().variantsOf(workspace.id(), ids)) {
      variants.add(v.id());
    }
    return variants;
  }

  /** The dispatch view of one variant. */
  public record Row(
      long id,
      String body,
      PostState state,
      Instant scheduledAt,
      Instant publishedAt,
      String platformPostId,
      String failureMessage,
      String failureAction) {}

  public Map<Long, Row> rows() {
    return db.transaction(
        c -> {
          Map<Long, Row> out = new HashMap<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, body, state, scheduled_at, published_at, platform_post_id,"
                      + " failure_message, failure_action FROM post_variant"
                      + " WHERE workspace_id = ?")) {
            ps.setLong(1, workspace.id());
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.put(
                    rs.getLong(1),
                    new Row(
                        rs.getLong(1),
                        rs.getString(2),
                        PostState.fromCode(rs.getString(3)),
                        time(rs, 4),
                        time(rs, 5),
                        rs.getString(6),
                        rs.getString(7),
                        rs.getString(8)));
              }
            }
          }
          return out;
        });
  }

  public Row row(long variantId) {
    return rows().get(variantId);
  }

  /** Task instances still in the scheduler table for variants. */
  public int pendingTasks() {
    return db.transaction(
        c -> {
          try (var s = c.createStatement();
              ResultSet rs =
                  s.executeQuery(
                      "SELECT COUNT(*) FROM scheduled_tasks WHERE task_name = 'publish-variant'")) {
            rs.next();
            return rs.getInt(1);
          }
        });
  }

  /**
   * Waits until every variant is settled: published or failed, or unconfirmed with no task left
   * (dispatch is waiting for the user). Fails the test on timeout with the states seen.
   */
  public Map<Long, Row> awaitSettled(List<Long> variants, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      // Tasks first, then rows: a task that finished between the two reads would otherwise leave
      // a stale 'unconfirmed' row looking settled.
      boolean tasksLeft = pendingTasks() > 0;
      Map<Long, Row> rows = rows();
      boolean settled = true;
      for (long id : variants) {
        PostState s = rows.get(id).state();
        if (s == PostState.PUBLISHED || s == PostState.FAILED) {
          continue;
        }
        if (s == PostState.UNCONFIRMED && !tasksLeft) {
          continue;
        }
        settled = false;
        break;
      }
      if (settled) {
        return rows;
      }
      if (System.nanoTime() > deadline) {
        Map<PostState, Integer> counts = new HashMap<>();
        for (long id : variants) {
          counts.merge(rows.get(id).state(), 1, Integer::sum);
        }
        throw new AssertionError("dispatch did not settle in " + timeout + ": " + counts);
      }
      Thread.sleep(50);
    }
  }

  private static Instant time(ResultSet rs, int i) throws java.sql.SQLException {
    var t = rs.getObject(i, java.time.OffsetDateTime.class);
    return t == null ? null : t.toInstant();
  }

  @Override
  public void close() {
    db.close();
  }
}
