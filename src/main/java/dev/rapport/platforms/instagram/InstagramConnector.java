package dev.rapport.platforms.instagram;

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
import dev.rapport.platforms.instagram.internal.InstagramErrors;
import dev.rapport.platforms.instagram.internal.InstagramRules;
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
 * Instagram through the Instagram Graph API (professional accounts): the container flow (create,
 * wait until {@code FINISHED}, {@code media_publish}) within the 24-hour publishing limit, comments
 * and replies with the commenter's identity, and long-lived token refresh.
 *
 * <p>The account's {@link Account#service()} is {@code https://graph.instagram.com} (Instagram
 * Login) or {@code https://graph.facebook.com} (Facebook Login); {@link Account#accountId()} is the
 * IG user id. The secret {@code login} ({@code instagram} or {@code facebook}) says which token
 * refresh applies when the host does not.
 *
 * <p>What the API does not give: who liked a post (only {@code like_count}), reposts (Instagram has
 * none), and the follower list (only {@code followers_count}).
 */
public final class InstagramConnector implements Connector {

  public static final URI INSTAGRAM_LOGIN_HOST = URI.create("https://graph.instagram.com");
  public static final URI FACEBOOK_LOGIN_HOST = URI.create("https://graph.facebook.com");
  public static final String DEFAULT_VERSION = "v24.0";

  /**
   * Documented: 100 API-published posts per account in a moving 24 hours (carousels count once).
   */
  public static final int POSTS_PER_DAY = 100;

  private static final Capabilities CAPABILITIES =
      new Capabilities(
          false,
          true,
          InstagramRules.MAX_CAPTION,
          InstagramRules.MAX_CAROUSEL,
          EnumSet.of(MediaKind.IMAGE, MediaKind.VIDEO),
          true,
          1,
          Duration.ofSeconds(30),
          POSTS_PER_DAY);

  private static final String COMMENT_FIELDS =
      "id,text,timestamp,username,from{id,username},"
          + "replies{id,text,timestamp,username,from{id,username}}";

  private final GraphSettings settings;
  private final GraphClient graph;
  private final Clock clock;
  private final AccessToken tokens;
  private final Containers containers;

  public InstagramConnector(GraphSettings settings, OutboundPolicy policy, Clock clock) {
    this.settings = settings;
    this.graph = new GraphClient(new Wire(policy, settings.requestTimeout()));
    this.clock = clock;
    this.tokens = new AccessToken("Instagram", clock, settings.refreshBefore(), this::refresh);
    this.containers =
        new Containers(
            graph,
            "Instagram",
            settings.apiVersion(),
            "status_code",
            "status",
            settings.pollInterval(),
            settings.pollAttempts());
  }

  @Override
  public Platform platform() {
    return Platform.INSTAGRAM;
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public PublishResult publish(Account account, Outgoing post) {
    Optional<PublishResult.Rejected> refused = InstagramRules.check(post);
    if (refused.isPresent()) {
      return refused.get();
    }
    AccessToken.State state = tokens.of(account);
    if (state instanceof AccessToken.State.Unusable u) {
      return u.trouble().beforePublishing();
    }
    String token = ((AccessToken.State.Usable) state).token();
    return post.replyTo() != null
        ? reply(account, post, token)
        : publishMedia(account, post, token);
  }

  private PublishResult reply(Account account, Outgoing post, String token) {
    Outgoing.ReplyTarget target = post.replyTo();
    // A reply to the post itself is a comment on the media; to a person's comment, a reply to it.
    boolean onMedia =
        target.rootPlatformPostId() == null
            || target.rootPlatformPostId().equals(target.platformPostId());
    String edge = target.platformPostId() + (onMedia ? "/comments" : "/replies");
    GraphReply reply =
        graph.post(
            account.service(),
            version(),
            edge,
            Map.of("message", post.text(), "access_token", token));
    if (!(reply instanceof GraphReply.Ok ok)) {
      return InstagramErrors.classify(reply, null).reportTo(account).atPublishing();
    }
    return new PublishResult.Published(ok.body().path("id").asText(), null, clock.instant());
  }

  private PublishResult publishMedia(Account account, Outgoing post, String token) {
    Optional<Duration> full = quotaExhausted(account, token);
    if (full.isPresent()) {
      return new PublishResult.Retryable(
          "Instagram's publishing limit is reached: "
              + POSTS_PER_DAY
              + " posts through the API in 24 hours",
          full.get());
    }
    String igUser = account.accountId();
    Map<String, String> params = new LinkedHashMap<>();
    if (post.media().size() == 1) {
      params.putAll(mediaParams(post.media().get(0), false));
    } else {
      List<String> children = new ArrayList<>();
      for (MediaItem item : post.media()) {
        Map<String, String> child = new LinkedHashMap<>(mediaParams(item, true));
        child.put("access_token", token);
        GraphReply created = graph.post(account.service(), version(), igUser + "/media", child);
        if (!(created instanceof GraphReply.Ok ok)) {
          return InstagramErrors.classify(created, null).reportTo(account).beforePublishing();
        }
        String id = ok.body().path("id").asText();
        Optional<Trouble> notReady = containers.awaitFinished(account.service(), id, token);
        if (notReady.isPresent()) {
          return notReady.get().reportTo(account).beforePublishing();
        }
        children.add(id);
      }
      params.put("media_type", "CAROUSEL");
      params.put("children", String.join(",", children));
    }
    params.put("caption", post.text());
    params.put("access_token", token);
    GraphReply created = graph.post(account.service(), version(), igUser + "/media", params);
    if (!(created instanceof GraphReply.Ok ok)) {
      return InstagramErrors.classify(created, null).reportTo(account).beforePublishing();
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
            igUser + "/media_publish",
            Map.of("creation_id", container, "access_token", token));
    if (!(published instanceof GraphReply.Ok done)) {
      Duration frees =
          published instanceof GraphReply.Failed f && f.error().subcode() == 2207042
              ? quotaFreesIn(account, token)
              : null;
      return InstagramErrors.classify(published, frees).reportTo(account).atPublishing();
    }
    String mediaId = done.body().path("id").asText();
    return permalink(account, mediaId, token);
  }

  private static Map<String, String> mediaParams(MediaItem item, boolean carouselItem) {
    Map<String, String> p = new LinkedHashMap<>();
    if (item.kind() == MediaKind.VIDEO) {
      p.put("media_type", carouselItem ? "VIDEO" : "REELS");
      p.put("video_url", item.publicUrl().toString());
    } else {
      p.put("image_url", item.publicUrl().toString());
      if (item.altText() != null && !item.altText().isBlank()) {
        p.put("alt_text", item.altText());
      }
    }
    if (carouselItem) {
      p.put("is_carousel_item", "true");
    }
    return p;
  }

  /** The post's permalink and time; the post is published even when this read fails. */
  private PublishResult permalink(Account account, String mediaId, String token) {
    GraphReply reply =
        graph.get(
            account.service(),
            version(),
            mediaId,
            Map.of("fields", "id,permalink,timestamp", "access_token", token));
    if (reply instanceof GraphReply.Ok ok) {
      Instant at = GraphTime.parse(ok.body().path("timestamp").asText(null));
      return new PublishResult.Published(
          mediaId, ok.body().path("permalink").asText(null), at == null ? clock.instant() : at);
    }
    return new PublishResult.Published(mediaId, null, clock.instant());
  }

  /**
   * When the 24-hour quota is used up, how long until a slot frees; empty when there is room or the
   * limit could not be read (media_publish then says so itself).
   */
  private Optional<Duration> quotaExhausted(Account account, String token) {
    GraphReply reply =
        graph.get(
            account.service(),
            version(),
            account.accountId() + "/content_publishing_limit",
            Map.of("fields", "quota_usage,config", "access_token", token));
    if (!(reply instanceof GraphReply.Ok ok)) {
      return Optional.empty();
    }
    JsonNode limit = ok.body().path("data").path(0);
    int usage = limit.path("quota_usage").asInt(0);
    int total = limit.path("config").path("quota_total").asInt(POSTS_PER_DAY);
    if (usage < total) {
      return Optional.empty();
    }
    return Optional.of(quotaFreesIn(account, token));
  }

  /**
   * The quota is a moving window: a slot frees when the oldest post in it is {@code quota_duration}
   * old. The oldest of the account's posts in the window is the best estimate the API allows.
   */
  private Duration quotaFreesIn(Account account, String token) {
    Duration window = Duration.ofDays(1);
    Instant now = clock.instant();
    GraphReply reply =
        graph.get(
            account.service(),
            version(),
            account.accountId() + "/media",
            Map.of(
                "fields",
                "id,timestamp",
                "since",
                Long.toString(now.minus(window).getEpochSecond()),
                "limit",
                Integer.toString(POSTS_PER_DAY),
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
    if (post.replyTo() != null) {
      return findReply(account, post, token);
    }
    Instant notBefore = post.scheduledAt().minus(Duration.ofDays(1));
    String after = null;
    for (int page = 0; page < 5; page++) {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("fields", "id,caption,timestamp,permalink");
      params.put("limit", "50");
      params.put("after", after);
      params.put("access_token", token);
      GraphReply reply =
          graph.get(account.service(), version(), account.accountId() + "/media", params);
      if (!(reply instanceof GraphReply.Ok ok)) {
        return GraphTroubles.classify("Instagram", reply).reportTo(account).cannotTell();
      }
      boolean older = false;
      for (JsonNode m : ok.body().path("data")) {
        Instant at = GraphTime.parse(m.path("timestamp").asText(null));
        if (post.text().equals(m.path("caption").asText(""))) {
          return new Lookup.Found(
              new PublishResult.Published(
                  m.path("id").asText(),
                  m.path("permalink").asText(null),
                  at == null ? clock.instant() : at));
        }
        older |= at != null && at.isBefore(notBefore);
      }
      after = ok.body().path("paging").path("cursors").path("after").asText(null);
      if (older || after == null || !ok.body().path("paging").has("next")) {
        return new Lookup.NotFound();
      }
    }
    return new Lookup.NotFound();
  }

  private Lookup findReply(Account account, Outgoing post, String token) {
    Outgoing.ReplyTarget target = post.replyTo();
    boolean onMedia =
        target.rootPlatformPostId() == null
            || target.rootPlatformPostId().equals(target.platformPostId());
    GraphReply reply =
        graph.get(
            account.service(),
            version(),
            target.platformPostId() + (onMedia ? "/comments" : "/replies"),
            Map.of(
                "fields", "id,text,timestamp,username,from{id,username}",
                "limit", "50",
                "access_token", token));
    if (!(reply instanceof GraphReply.Ok ok)) {
      return GraphTroubles.classify("Instagram", reply).reportTo(account).cannotTell();
    }
    for (JsonNode c : ok.body().path("data")) {
      if (post.text().equals(c.path("text").asText("")) && isBrand(account, c)) {
        Instant at = GraphTime.parse(c.path("timestamp").asText(null));
        return new Lookup.Found(
            new PublishResult.Published(
                c.path("id").asText(), null, at == null ? clock.instant() : at));
      }
    }
    return new Lookup.NotFound();
  }

  private static boolean isBrand(Account account, JsonNode comment) {
    String id = comment.path("from").path("id").asText(null);
    String username =
        comment.path("from").path("username").asText(comment.path("username").asText(null));
    return (id != null && id.equals(account.accountId()))
        || (username != null && username.equalsIgnoreCase(account.handle()));
  }

  /**
   * Comments and replies on the recent posts, with the commenter's IG-scoped id and username. Likes
   * are not read: the API reports {@code like_count} without the likers.
   */
  @Override
  public SyncPage engagement(Account account, SyncRequest request) {
    AccessToken.State state = tokens.of(account);
    if (state instanceof AccessToken.State.Unusable u) {
      return new SyncPage(List.of(), request.cursor(), false, u.trouble().syncFailure());
    }
    String token = ((AccessToken.State.Usable) state).token();
    return PostWalk.walk(
        request,
        (mediaId, after, limit) -> {
          Map<String, String> params = new LinkedHashMap<>();
          params.put("fields", COMMENT_FIELDS);
          params.put("limit", Integer.toString(Math.min(50, limit)));
          params.put("after", after);
          params.put("access_token", token);
          GraphReply reply = graph.get(account.service(), version(), mediaId + "/comments", params);
          if (!(reply instanceof GraphReply.Ok ok)) {
            return PostWalk.Page.failed(
                GraphTroubles.classify("Instagram", reply).reportTo(account));
          }
          List<SeenEngagement> seen = new ArrayList<>();
          for (JsonNode c : ok.body().path("data")) {
            addComment(account, mediaId, c, seen);
            for (JsonNode r : c.path("replies").path("data")) {
              addComment(account, mediaId, r, seen);
            }
          }
          JsonNode paging = ok.body().path("paging");
          String next =
              paging.has("next") ? paging.path("cursors").path("after").asText(null) : null;
          return PostWalk.Page.of(seen, next);
        });
  }

  private void addComment(Account account, String mediaId, JsonNode c, List<SeenEngagement> out) {
    if (isBrand(account, c)) {
      return;
    }
    String userId = c.path("from").path("id").asText(null);
    String username = c.path("from").path("username").asText(c.path("username").asText(null));
    if (userId == null) {
      return;
    }
    Instant at = GraphTime.parse(c.path("timestamp").asText(null));
    out.add(
        new SeenEngagement(
            "instagram:comment:" + c.path("id").asText(),
            EngagementKind.REPLY,
            new SeenAccount(userId, username, null, null),
            mediaId,
            at == null ? clock.instant() : at));
  }

  /**
   * Instagram's API does not list followers (only {@code followers_count}); an empty, final page.
   */
  @Override
  public FollowerPage followers(Account account, String cursor) {
    return new FollowerPage(List.of(), null, null);
  }

  private String version() {
    return settings.apiVersion();
  }

  private GraphReply refresh(Account account, String token) {
    boolean facebookLogin =
        "facebook".equalsIgnoreCase(account.secret("login"))
            || (account.secret("login") == null
                && FACEBOOK_LOGIN_HOST.getHost().equals(account.service().getHost()));
    if (!facebookLogin) {
      // Unversioned, as documented: GET graph.instagram.com/refresh_access_token.
      return graph.get(
          account.service(),
          "",
          "refresh_access_token",
          Map.of("grant_type", "ig_refresh_token", "access_token", token));
    }
    if (settings.appId() == null || settings.appSecret() == null) {
      return new GraphReply.NotSent("no Meta app credentials configured for fb_exchange_token");
    }
    return graph.get(
        account.service(),
        version(),
        "oauth/access_token",
        Map.of(
            "grant_type",
            "fb_exchange_token",
            "client_id",
            settings.appId(),
            "client_secret",
            settings.appSecret(),
            "fb_exchange_token",
            token));
  }
}
