package dev.rapport.platforms.threads;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rapport.content.quality.MediaKind;
import dev.rapport.engagement.EngagementKind;
import dev.rapport.platforms.Account;
import dev.rapport.platforms.Capabilities;
import dev.rapport.platforms.Connector;
import dev.rapport.platforms.FollowerPage;
import dev.rapport.platforms.Lookup;
import dev.rapport.platforms.MediaItem;
import dev.rapport.platforms.OutboundPolicy;
import dev.rapport.platforms.Outgoing;
import dev.rapport.platforms.PublishResult;
import dev.rapport.platforms.SeenAccount;
import dev.rapport.platforms.SeenEngagement;
import dev.rapport.platforms.SyncPage;
import dev.rapport.platforms.SyncRequest;
import dev.rapport.platforms.graph.AccessToken;
import dev.rapport.platforms.graph.Containers;
import dev.rapport.platforms.graph.GraphClient;
import dev.rapport.platforms.graph.GraphReply;
import dev.rapport.platforms.graph.GraphSettings;
import dev.rapport.platforms.graph.GraphTime;
import dev.rapport.platforms.graph.GraphTroubles;
import dev.rapport.platforms.graph.PostWalk;
import dev.rapport.platforms.graph.QuotaWindow;
import dev.rapport.platforms.graph.Trouble;
import dev.rapport.platforms.graph.Wire;
import dev.rapport.platforms.threads.internal.ThreadsRules;
import dev.rapport.workspace.Platform;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Threads through the Threads API: the two-step container flow ({@code POST /{user}/threads}, wait
 * until {@code FINISHED}, {@code POST /{user}/threads_publish}) within the documented limits (250
 * posts and 1,000 replies per 24 hours), replies with {@code reply_to_id}, the conversation of each
 * recent post read with the replier's username, and {@code th_refresh_token} refresh.
 *
 * <p>The API names repliers by username only (no user id for other people's replies), so a Threads
 * identity is the username. Likes, reposts and quotes come as counts in insights, without who; the
 * follower list is not available.
 */
public final class ThreadsConnector implements Connector {

  public static final URI HOST = URI.create("https://graph.threads.net");
  public static final String DEFAULT_VERSION = "v1.0";
  public static final int POSTS_PER_DAY = 250;

  private static final Capabilities CAPABILITIES =
      new Capabilities(
          false,
          true,
          ThreadsRules.MAX_TEXT,
          ThreadsRules.MAX_CAROUSEL,
          EnumSet.of(MediaKind.IMAGE, MediaKind.VIDEO),
          false,
          1,
          Duration.ofSeconds(10),
          POSTS_PER_DAY);

  private static final String REPLY_FIELDS =
      "id,text,username,timestamp,permalink,is_reply,replied_to,root_post";

  private final GraphSettings settings;
  private final GraphClient graph;
  private final Clock clock;
  private final AccessToken tokens;
  private final Containers containers;

  public ThreadsConnector(GraphSettings settings, OutboundPolicy policy, Clock clock) {
    this.settings = settings;
    this.graph = new GraphClient(new Wire(policy, settings.requestTimeout()));
    this.clock = clock;
    this.tokens = new AccessToken("Threads", clock, settings.refreshBefore(), this::refresh);
    this.containers =
        new Containers(
            graph,
            "Threads",
            settings.apiVersion(),
            "status",
            "error_message",
            settings.pollInterval(),
            settings.pollAttempts());
  }

  @Override
  public Platform platform() {
    return Platform.THREADS;
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public PublishResult publish(Account account, Outgoing post) {
    Optional<PublishResult.Rejected> refused = ThreadsRules.check(post);
    if (refused.isPresent()) {
      return refused.get();
    }
    AccessToken.State state = tokens.of(account);
    if (state instanceof AccessToken.State.Unusable u) {
      return u.trouble().beforePublishing();
    }
    String token = ((AccessToken.State.Usable) state).token();
    Optional<PublishResult> full = limitReached(account, token, post.replyTo() != null);
    if (full.isPresent()) {
      return full.get();
    }
    String user = account.accountId();
    Map<String, String> params = new LinkedHashMap<>();
    if (post.media().isEmpty()) {
      params.put("media_type", "TEXT");
    } else if (post.media().size() == 1) {
      params.putAll(mediaParams(post.media().get(0), false));
    } else {
      List<String> children = new ArrayList<>();
      for (MediaItem item : post.media()) {
        Map<String, String> child = new LinkedHashMap<>(mediaParams(item, true));
        child.put("access_token", token);
        GraphReply created = graph.post(account.service(), version(), user + "/threads", child);
        if (!(created instanceof GraphReply.Ok ok)) {
          return GraphTroubles.classify("Threads", created).reportTo(account).beforePublishing();
        }
        children.add(ok.body().path("id").asText());
      }
      params.put("media_type", "CAROUSEL");
      params.put("children", String.join(",", children));
    }
    params.put("text", post.text());
    if (post.replyTo() != null) {
      params.put("reply_to_id", post.replyTo().platformPostId());
    }
    params.put("access_token", token);
    GraphReply created = graph.post(account.service(), version(), user + "/threads", params);
    if (!(created instanceof GraphReply.Ok ok)) {
      return GraphTroubles.classify("Threads", created).reportTo(account).beforePublishing();
    }
    String container = ok.body().path("id").asText();
    Optional<Trouble> notReady = containers.awaitFinished(account.service(), container, token);
    if (notReady.isPresent()) {
      return notReady.get().reportTo(account).beforePublishing();
    }
    GraphReply published =
        graph.post(
            account.service(),
            version(),
            user + "/threads_publish",
            Map.of("creation_id", container, "access_token", token));
    if (!(published instanceof GraphReply.Ok done)) {
      return GraphTroubles.classify("Threads", published).reportTo(account).atPublishing();
    }
    String id = done.body().path("id").asText();
    GraphReply read =
        graph.get(
            account.service(),
            version(),
            id,
            Map.of("fields", "id,permalink,timestamp", "access_token", token));
    if (read instanceof GraphReply.Ok r) {
      Instant at = GraphTime.parse(r.body().path("timestamp").asText(null));
      return new PublishResult.Published(
          id, r.body().path("permalink").asText(null), at == null ? clock.instant() : at);
    }
    return new PublishResult.Published(id, null, clock.instant());
  }

  private static Map<String, String> mediaParams(MediaItem item, boolean carouselItem) {
    Map<String, String> p = new LinkedHashMap<>();
    if (item.kind() == MediaKind.VIDEO) {
      p.put("media_type", "VIDEO");
      p.put("video_url", item.publicUrl().toString());
    } else {
      p.put("media_type", "IMAGE");
      p.put("image_url", item.publicUrl().toString());
    }
    if (item.altText() != null && !item.altText().isBlank()) {
      p.put("alt_text", item.altText());
    }
    if (carouselItem) {
      p.put("is_carousel_item", "true");
    }
    return p;
  }

  /**
   * Checks {@code threads_publishing_limit}: 250 posts and 1,000 replies in a moving 24 hours. When
   * full, retry once the oldest post of the window is a day old (estimated from the account's own
   * posts, the best the API allows).
   */
  private Optional<PublishResult> limitReached(Account account, String token, boolean reply) {
    GraphReply answer =
        graph.get(
            account.service(),
            version(),
            account.accountId() + "/threads_publishing_limit",
            Map.of(
                "fields",
                "quota_usage,config,reply_quota_usage,reply_config",
                "access_token",
                token));
    if (!(answer instanceof GraphReply.Ok ok)) {
      Trouble trouble = GraphTroubles.classify("Threads", answer).reportTo(account);
      return trouble.kind() == Trouble.Kind.RECONNECT
          ? Optional.of(trouble.beforePublishing())
          : Optional.empty();
    }
    JsonNode limit = ok.body().path("data").path(0);
    int usage = limit.path(reply ? "reply_quota_usage" : "quota_usage").asInt(0);
    JsonNode config = limit.path(reply ? "reply_config" : "config");
    int total = config.path("quota_total").asInt(reply ? 1000 : POSTS_PER_DAY);
    Duration window = Duration.ofSeconds(config.path("quota_duration").asLong(86400));
    if (usage < total) {
      return Optional.empty();
    }
    return Optional.of(
        new PublishResult.Retryable(
            "Threads' publishing limit is reached: "
                + total
                + (reply ? " replies" : " posts")
                + " in "
                + window.toHours()
                + " hours",
            quotaFreesIn(account, token, window)));
  }

  private Duration quotaFreesIn(Account account, String token, Duration window) {
    Instant now = clock.instant();
    GraphReply reply =
        graph.get(
            account.service(),
            version(),
            account.accountId() + "/threads",
            Map.of(
                "fields",
                "id,timestamp",
                "since",
                Long.toString(now.minus(window).getEpochSecond()),
                "limit",
                "100",
                "access_token",
                token));
    return QuotaWindow.freesIn(reply, now, window);
  }

  @Override
  public Lookup find(Account account, Outgoing post) {
    AccessToken.State state = tokens.of(account);
    if (state instanceof AccessToken.State.Unusable u) {
      return u.trouble().cannotTell();
    }
    String token = ((AccessToken.State.Usable) state).token();
    // Replies are the account's own posts too, listed under /replies rather than /threads.
    String edge = post.replyTo() != null ? "/replies" : "/threads";
    Instant since = post.scheduledAt().minus(Duration.ofDays(1));
    String after = null;
    for (int page = 0; page < 5; page++) {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("fields", "id,text,timestamp,permalink");
      params.put("since", Long.toString(since.getEpochSecond()));
      params.put("limit", "50");
      params.put("after", after);
      params.put("access_token", token);
      GraphReply reply =
          graph.get(account.service(), version(), account.accountId() + edge, params);
      if (!(reply instanceof GraphReply.Ok ok)) {
        return GraphTroubles.classify("Threads", reply).reportTo(account).cannotTell();
      }
      for (JsonNode m : ok.body().path("data")) {
        if (post.text().equals(m.path("text").asText(""))) {
          Instant at = GraphTime.parse(m.path("timestamp").asText(null));
          return new Lookup.Found(
              new PublishResult.Published(
                  m.path("id").asText(),
                  m.path("permalink").asText(null),
                  at == null ? clock.instant() : at));
        }
      }
      after = ok.body().path("paging").path("cursors").path("after").asText(null);
      if (after == null || !ok.body().path("paging").has("next")) {
        break;
      }
    }
    return new Lookup.NotFound();
  }

  /** Every reply in each recent post's conversation (all depths), by username. */
  @Override
  public SyncPage engagement(Account account, SyncRequest request) {
    AccessToken.State state = tokens.of(account);
    if (state instanceof AccessToken.State.Unusable u) {
      return new SyncPage(List.of(), request.cursor(), false, u.trouble().syncFailure());
    }
    String token = ((AccessToken.State.Usable) state).token();
    return PostWalk.walk(
        request,
        (postId, after, limit) -> {
          Map<String, String> params = new LinkedHashMap<>();
          params.put("fields", REPLY_FIELDS);
          params.put("reverse", "false");
          params.put("limit", Integer.toString(Math.min(100, limit)));
          params.put("after", after);
          params.put("access_token", token);
          GraphReply reply =
              graph.get(account.service(), version(), postId + "/conversation", params);
          if (!(reply instanceof GraphReply.Ok ok)) {
            return PostWalk.Page.failed(GraphTroubles.classify("Threads", reply).reportTo(account));
          }
          List<SeenEngagement> seen = new ArrayList<>();
          for (JsonNode r : ok.body().path("data")) {
            String username = r.path("username").asText(null);
            if (username == null || username.equalsIgnoreCase(account.handle())) {
              continue;
            }
            Instant at = GraphTime.parse(r.path("timestamp").asText(null));
            seen.add(
                new SeenEngagement(
                    "threads:reply:" + r.path("id").asText(),
                    EngagementKind.REPLY,
                    new SeenAccount(username, username, null, null),
                    postId,
                    at == null ? clock.instant() : at));
          }
          JsonNode paging = ok.body().path("paging");
          String next =
              paging.has("next") ? paging.path("cursors").path("after").asText(null) : null;
          return PostWalk.Page.of(seen, next);
        });
  }

  /** The Threads API does not list followers (only {@code followers_count} in insights). */
  @Override
  public FollowerPage followers(Account account, String cursor) {
    return new FollowerPage(List.of(), null, null);
  }

  private String version() {
    return settings.apiVersion();
  }

  private GraphReply refresh(Account account, String token) {
    // Unversioned, as documented: GET graph.threads.net/refresh_access_token.
    return graph.get(
        account.service(),
        "",
        "refresh_access_token",
        Map.of("grant_type", "th_refresh_token", "access_token", token));
  }
}
