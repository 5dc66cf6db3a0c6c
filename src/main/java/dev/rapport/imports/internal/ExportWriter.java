package dev.rapport.imports.internal;

import dev.rapport.content.NewPost;
import dev.rapport.content.PostState;
import dev.rapport.content.Posts;
import dev.rapport.content.ReportedCounts;
import dev.rapport.content.Variant;
import dev.rapport.engagement.Engagement;
import dev.rapport.engagement.EngagementKind;
import dev.rapport.engagement.Ledger;
import dev.rapport.imports.ExportFormat;
import dev.rapport.imports.ExportOutcome;
import dev.rapport.imports.ExportProgress;
import dev.rapport.people.People;
import dev.rapport.store.Database;
import dev.rapport.workspace.Channel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes a validated harvest into one channel, in one transaction: posts by external key (a post
 * already known by its key or its platform id is kept and only its reported counts are refreshed),
 * followers through {@link People#resolve} and {@link People#follow}, follow events through the
 * ledger with stable event keys. Re-importing the same export creates nothing.
 */
final class ExportWriter {

  /** The longest post text Rapport stores (post.body). */
  static final int MAX_TEXT = 8000;

  private static final int CHUNK = 500;
  private static final int PEOPLE_CHUNK = 5_000;
  private static final int MAX_KEY = 200;

  private final Database database;
  private final People people;
  private final Posts posts;
  private final Ledger ledger;

  ExportWriter(Database database, People people, Posts posts, Ledger ledger) {
    this.database = database;
    this.people = people;
    this.posts = posts;
    this.ledger = ledger;
  }

  /** What one write did. */
  record Written(long newPosts, long countsRefreshed, long followEvents, long newFollowEvents) {}

  Written write(
      long workspaceId, ExportFormat format, Channel channel, Harvest h, ExportProgress progress) {
    progress.phase("Writing", h.size());
    return database.transaction(
        c -> {
          long[] done = {0};
          long newPosts = 0;
          long refreshed = 0;
          for (int from = 0; from < h.posts.size(); from += CHUNK) {
            List<Harvest.Post> chunk =
                h.posts.subList(from, Math.min(h.posts.size(), from + CHUNK));
            List<NewPost> fresh = new ArrayList<>();
            List<Harvest.Post> freshPosts = new ArrayList<>();
            Map<Harvest.Post, Long> variants = new java.util.IdentityHashMap<>();
            for (Harvest.Post p : chunk) {
              Optional<Long> known = known(workspaceId, channel, p);
              if (known.isPresent()) {
                variants.put(p, known.get());
                continue;
              }
              freshPosts.add(p);
              String text = storable(p.text());
              fresh.add(
                  new NewPost(
                      null,
                      text,
                      PostState.PUBLISHED,
                      key(p.source(), channel.id()),
                      List.of(
                          new NewPost.NewVariant(
                              channel.id(),
                              text,
                              PostState.PUBLISHED,
                              null,
                              p.publishedAt(),
                              p.platformPostId(),
                              null,
                              null))));
            }
            long[] postIds = posts.create(workspaceId, fresh);
            Map<Long, Long> variantOfPost = new java.util.HashMap<>();
            for (Variant v : posts.variantsOf(workspaceId, postIds)) {
              if (v.channelId() == channel.id()) {
                variantOfPost.put(v.postId(), v.id());
              }
            }
            for (int i = 0; i < freshPosts.size(); i++) {
              Long v = variantOfPost.get(postIds[i]);
              if (v != null) {
                variants.put(freshPosts.get(i), v);
              }
            }
            newPosts += fresh.size();
            refreshed += reportCounts(workspaceId, chunk, variants);
            done[0] += chunk.size();
            progress.done(done[0]);
          }
          long events = 0;
          long newEvents = 0;
          for (int from = 0; from < h.followers.size(); from += PEOPLE_CHUNK) {
            List<Harvest.Follower> chunk =
                h.followers.subList(from, Math.min(h.followers.size(), from + PEOPLE_CHUNK));
            long[] ids =
                people.resolve(workspaceId, chunk.stream().map(Harvest.Follower::key).toList());
            // One follow call per follow time: the follow table keeps when each one followed.
            Map<Instant, List<Long>> byTime = new LinkedHashMap<>();
            List<Engagement> follows = new ArrayList<>();
            for (int i = 0; i < chunk.size(); i++) {
              Harvest.Follower f = chunk.get(i);
              byTime.computeIfAbsent(f.followedAt(), t -> new ArrayList<>()).add(ids[i]);
              if (f.followedAt() != null) {
                follows.add(
                    new Engagement(
                        ids[i],
                        channel.id(),
                        null,
                        EngagementKind.FOLLOW,
                        f.followedAt(),
                        format.code(),
                        eventKey(format.code() + ":follow:" + f.key().platformUserId())));
              }
            }
            for (var e : byTime.entrySet()) {
              people.follow(
                  workspaceId,
                  channel.id(),
                  e.getValue().stream().mapToLong(Long::longValue).toArray(),
                  e.getKey());
            }
            events += follows.size();
            newEvents += ledger.ingest(workspaceId, follows).inserted();
            done[0] += chunk.size();
            progress.done(done[0]);
          }
          return new Written(newPosts, refreshed, events, newEvents);
        });
  }

  private Optional<Long> known(long workspaceId, Channel channel, Harvest.Post p) {
    Optional<Long> v =
        posts.variantByExternalKey(workspaceId, channel.id(), key(p.source(), channel.id()));
    if (v.isEmpty() && p.platformPostId() != null) {
      v = posts.variantByPlatformId(workspaceId, channel.id(), p.platformPostId());
    }
    return v;
  }

  /** Stores the totals the export reports; a re-import replaces them with the same. */
  private long reportCounts(
      long workspaceId, List<Harvest.Post> chunk, Map<Harvest.Post, Long> variants) {
    List<Long> ids = new ArrayList<>();
    List<ReportedCounts> counts = new ArrayList<>();
    for (Harvest.Post p : chunk) {
      Long v = variants.get(p);
      if (v != null && p.counts() != null && p.counts().total() != null) {
        ids.add(v);
        counts.add(p.counts());
      }
    }
    if (!ids.isEmpty()) {
      posts.recordReportedCounts(
          workspaceId, ids.stream().mapToLong(Long::longValue).toArray(), counts);
    }
    return ids.size();
  }

  /** PostgreSQL refuses NUL characters in text; no reader misses them. */
  private static String storable(String text) {
    return text.indexOf('\0') < 0 ? text : text.replace("\0", "");
  }

  /** Per channel, so one export may be imported into two channels without them sharing posts. */
  static String key(String source, long channelId) {
    String suffix = "@" + channelId;
    if (source.length() + suffix.length() <= MAX_KEY) {
      return source + suffix;
    }
    return source.substring(0, source.indexOf(':') + 1) + "sha256:" + sha256(source) + suffix;
  }

  private static String eventKey(String key) {
    return key.length() <= Engagement.MAX_KEY_LENGTH ? key : "sha256:" + sha256(key);
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The counts of the summary, from what the write did. */
  static List<ExportOutcome.Count> counts(Harvest h, Written w, long newPeople) {
    List<ExportOutcome.Count> out = new ArrayList<>();
    out.add(new ExportOutcome.Count("posts", h.posts.size(), w.newPosts()));
    if (w.countsRefreshed() > 0) {
      out.add(new ExportOutcome.Count("reported counts", w.countsRefreshed(), 0));
    }
    out.add(new ExportOutcome.Count("followers", h.followers.size(), newPeople));
    if (w.followEvents() > 0) {
      out.add(new ExportOutcome.Count("follow events", w.followEvents(), w.newFollowEvents()));
    }
    return out;
  }
}
