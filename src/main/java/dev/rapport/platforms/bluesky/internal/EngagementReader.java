package dev.rapport.platforms.bluesky.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rapport.engagement.EngagementKind;
import dev.rapport.platforms.Account;
import dev.rapport.platforms.SeenAccount;
import dev.rapport.platforms.SeenEngagement;
import dev.rapport.platforms.SyncPage;
import dev.rapport.platforms.SyncRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads engagement one platform call per page: the notification feed first (likes, reposts,
 * replies, quotes, mentions and follows, with record URIs), then each recent post's likes
 * (getLikes), reposts (getRepostedBy), quotes (getQuotes) and replies (getPostThread), which catch
 * what notifications leave out (muted accounts, engagement from before the connection).
 *
 * <p>Event keys are the same whichever list an event came from, so that the ledger counts it once:
 * a reply, quote or mention is its post URI; a like or repost is the engager's DID with the post,
 * since getLikes and getRepostedBy do not name the like or repost record (and a person's like of a
 * post is one event however often they toggle it); a follow is the follow record URI.
 */
public final class EngagementReader {

  /** Events indexed this long before the last run's newest are read again (indexing is async). */
  static final Duration OVERLAP = Duration.ofMinutes(10);

  /** Lists without timestamps (reposts) are read at most this many pages per post and run. */
  static final int MAX_UNTIMED_PAGES = 10;

  private final BlueskyApi api;
  private final Clock clock;

  public EngagementReader(BlueskyApi api, Clock clock) {
    this.api = api;
    this.clock = clock;
  }

  /** One step. Throws {@link Xrpc.TransportFailure} and {@link SessionFailure} for the caller. */
  public SyncPage read(Account account, SyncRequest request) {
    ReadPosition at = ReadPosition.parse(request.cursor());
    String brand = api.session(account).did();
    int limit = Math.max(1, Math.min(100, request.limit()));
    List<String> posts = request.recentPosts();
    // Skip lists that need no call: past the last post, the run is complete.
    if (at.phase().equals("p") && at.post() >= posts.size()) {
      return new SyncPage(List.of(), at.finished().write(), false, null);
    }
    Step step =
        at.phase().equals("n")
            ? notifications(account, brand, at, limit)
            : postList(account, brand, posts.get(at.post()), at, limit);
    if (step.failure != null) {
      return new SyncPage(List.of(), request.cursor(), false, step.failure);
    }
    ReadPosition next = step.next;
    for (SeenEngagement e : step.found) {
      next = next.seen(step.indexedAt.get(e.eventKey()));
    }
    boolean complete = next.phase().equals("p") && next.post() >= posts.size();
    if (complete) {
      next = next.finished();
    }
    return new SyncPage(step.found, next.write(), !complete, null);
  }

  private Instant cutoff(ReadPosition at) {
    return at.sinceTime() == null ? null : at.sinceTime().minus(OVERLAP);
  }

  private Step notifications(Account account, String brand, ReadPosition at, int limit) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("limit", limit);
    params.put("cursor", at.page());
    XrpcResponse r = api.get(account, "app.bsky.notification.listNotifications", params);
    if (!r.ok()) {
      return Step.failed(failure(r));
    }
    Instant cutoff = cutoff(at);
    Instant now = clock.instant();
    Step step = new Step();
    boolean reachedOld = false;
    for (JsonNode n : r.body().path("notifications")) {
      Instant indexed = Profiles.time(n.path("indexedAt"));
      if (cutoff != null && indexed != null && indexed.isBefore(cutoff)) {
        reachedOld = true;
        break;
      }
      SeenEngagement e = fromNotification(n, brand, now);
      if (e != null) {
        step.add(e, indexed);
      }
    }
    String cursor = r.body().path("cursor").asText(null);
    boolean more = !reachedOld && cursor != null && !r.body().path("notifications").isEmpty();
    step.next = more ? at.nextPage(cursor) : at.nextList();
    return step;
  }

  private SeenEngagement fromNotification(JsonNode n, String brand, Instant now) {
    JsonNode author = n.path("author");
    String who = author.path("did").asText();
    if (who.isEmpty() || who.equals(brand)) {
      return null;
    }
    SeenAccount account = Profiles.account(author, now);
    String uri = n.path("uri").asText();
    String subject = n.path("reasonSubject").asText(null);
    Instant at = occurred(n.path("record").path("createdAt"), n.path("indexedAt"), now);
    return switch (n.path("reason").asText()) {
      case "like" ->
          new SeenEngagement(likeKey(who, subject), EngagementKind.LIKE, account, subject, at);
      case "repost" ->
          new SeenEngagement(repostKey(who, subject), EngagementKind.REPOST, account, subject, at);
      case "reply" ->
          new SeenEngagement(
              uri, EngagementKind.REPLY, account, repliedPost(n.path("record"), brand), at);
      case "quote" ->
          new SeenEngagement(uri, EngagementKind.QUOTE, account, quotedPost(n, brand), at);
      case "mention" -> new SeenEngagement(uri, EngagementKind.MENTION, account, null, at);
      case "follow" -> new SeenEngagement(uri, EngagementKind.FOLLOW, account, null, at);
      default -> null; // starterpack-joined, verified, like-via-repost: not engagement with a post
    };
  }

  private Step postList(Account account, String brand, String post, ReadPosition at, int limit) {
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("uri", post);
    String nsid;
    switch (at.step()) {
      case 0 -> nsid = "app.bsky.feed.getLikes";
      case 1 -> nsid = "app.bsky.feed.getRepostedBy";
      case 2 -> nsid = "app.bsky.feed.getQuotes";
      default -> {
        nsid = "app.bsky.feed.getPostThread";
        params.put("depth", 10);
        params.put("parentHeight", 0);
      }
    }
    if (at.step() < 3) {
      params.put("limit", limit);
      params.put("cursor", at.page());
    }
    XrpcResponse r = api.get(account, nsid, params);
    if (!r.ok()) {
      if (r.status() == 400
          && (r.error().equals("NotFound") || r.error().equals("InvalidRequest"))) {
        // The post was deleted: nothing to read for it.
        Step gone = new Step();
        gone.next = at.nextList();
        return gone;
      }
      return Step.failed(failure(r));
    }
    Instant now = clock.instant();
    Instant cutoff = cutoff(at);
    Step step = new Step();
    boolean reachedOld = false;
    JsonNode body = r.body();
    switch (at.step()) {
      case 0 -> {
        for (JsonNode like : body.path("likes")) {
          Instant indexed = Profiles.time(like.path("indexedAt"));
          if (cutoff != null && indexed != null && indexed.isBefore(cutoff)) {
            reachedOld = true;
            break;
          }
          JsonNode actor = like.path("actor");
          String who = actor.path("did").asText();
          if (!who.isEmpty() && !who.equals(brand)) {
            step.add(
                new SeenEngagement(
                    likeKey(who, post),
                    EngagementKind.LIKE,
                    Profiles.account(actor, now),
                    post,
                    occurred(like.path("createdAt"), like.path("indexedAt"), now)),
                indexed);
          }
        }
      }
      case 1 -> {
        for (JsonNode actor : body.path("repostedBy")) {
          String who = actor.path("did").asText();
          if (!who.isEmpty() && !who.equals(brand)) {
            // getRepostedBy gives no time; the first sighting stands (the ledger keeps it).
            step.add(
                new SeenEngagement(
                    repostKey(who, post),
                    EngagementKind.REPOST,
                    Profiles.account(actor, now),
                    post,
                    now),
                null);
          }
        }
        reachedOld = at.pages() + 1 >= MAX_UNTIMED_PAGES;
      }
      case 2 -> {
        for (JsonNode quote : body.path("posts")) {
          Instant indexed = Profiles.time(quote.path("indexedAt"));
          if (cutoff != null && indexed != null && indexed.isBefore(cutoff)) {
            reachedOld = true;
            break;
          }
          SeenEngagement e = fromPostView(quote, EngagementKind.QUOTE, brand, post, now);
          if (e != null) {
            step.add(e, indexed);
          }
        }
      }
      default -> replies(body.path("thread").path("replies"), brand, post, now, step);
    }
    String cursor = at.step() < 3 ? body.path("cursor").asText(null) : null;
    boolean listEmpty = at.step() == 3 || !body.path(listField(at.step())).elements().hasNext();
    step.next = !reachedOld && cursor != null && !listEmpty ? at.nextPage(cursor) : at.nextList();
    return step;
  }

  private static String listField(int step) {
    return switch (step) {
      case 0 -> "likes";
      case 1 -> "repostedBy";
      default -> "posts";
    };
  }

  private void replies(JsonNode replies, String brand, String anchor, Instant now, Step step) {
    for (JsonNode reply : replies) {
      JsonNode view = reply.path("post");
      if (!view.isMissingNode()) {
        SeenEngagement e = fromPostView(view, EngagementKind.REPLY, brand, anchor, now);
        if (e != null) {
          step.add(e, Profiles.time(view.path("indexedAt")));
        }
      }
      replies(reply.path("replies"), brand, anchor, now, step);
    }
  }

  private SeenEngagement fromPostView(
      JsonNode view, EngagementKind kind, String brand, String post, Instant now) {
    JsonNode author = view.path("author");
    String who = author.path("did").asText();
    String uri = view.path("uri").asText();
    if (who.isEmpty() || who.equals(brand) || uri.isEmpty()) {
      return null;
    }
    return new SeenEngagement(
        uri,
        kind,
        Profiles.account(author, now),
        post,
        occurred(view.path("record").path("createdAt"), view.path("indexedAt"), now));
  }

  /** The brand's post a reply answers: its parent when that is the brand's, else the root. */
  static String repliedPost(JsonNode record, String brand) {
    String parent = record.path("reply").path("parent").path("uri").asText(null);
    String root = record.path("reply").path("root").path("uri").asText(null);
    if (parent != null && brand.equals(AtUri.repoOf(parent))) {
      return parent;
    }
    if (root != null && brand.equals(AtUri.repoOf(root))) {
      return root;
    }
    return null;
  }

  private static String quotedPost(JsonNode n, String brand) {
    String subject = n.path("reasonSubject").asText(null);
    if (subject != null) {
      return subject;
    }
    JsonNode embed = n.path("record").path("embed");
    String quoted = embed.path("record").path("uri").asText(null);
    if (quoted == null) {
      quoted = embed.path("record").path("record").path("uri").asText(null);
    }
    return quoted != null && brand.equals(AtUri.repoOf(quoted)) ? quoted : null;
  }

  static String likeKey(String who, String post) {
    return "like:" + who + ":" + post;
  }

  static String repostKey(String who, String post) {
    return "repost:" + who + ":" + post;
  }

  /**
   * When it happened: the record's own time, unless the client claimed a time after Bluesky indexed
   * it (clocks lie; Bluesky's own sort uses the earlier of the two).
   */
  private static Instant occurred(JsonNode createdAt, JsonNode indexedAt, Instant now) {
    Instant created = Profiles.time(createdAt);
    Instant indexed = Profiles.time(indexedAt);
    if (created == null) {
      return indexed == null ? now : indexed;
    }
    return indexed != null && indexed.isBefore(created) ? indexed : created;
  }

  private SyncPage.SyncFailure failure(XrpcResponse r) {
    if (r.status() == 429) {
      return new SyncPage.SyncFailure(
          "Bluesky rate limit reached; reading resumes later",
          false,
          r.retryAfter(clock).orElse(null));
    }
    return new SyncPage.SyncFailure(
        "Bluesky could not be read: " + r.message() + " (HTTP " + r.status() + ")",
        false,
        r.retryAfter(clock).orElse(null));
  }

  /** What one call found and where the next starts. */
  private static final class Step {
    final List<SeenEngagement> found = new ArrayList<>();
    final Map<String, Instant> indexedAt = new LinkedHashMap<>();
    ReadPosition next;
    SyncPage.SyncFailure failure;

    void add(SeenEngagement e, Instant indexed) {
      found.add(e);
      indexedAt.put(e.eventKey(), indexed);
    }

    static Step failed(SyncPage.SyncFailure f) {
      Step s = new Step();
      s.failure = f;
      return s;
    }
  }
}
