package dev.rapport.platforms.x;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rapport.content.quality.MediaKind;
import dev.rapport.platforms.Account;
import dev.rapport.platforms.Capabilities;
import dev.rapport.platforms.Connector;
import dev.rapport.platforms.FollowerPage;
import dev.rapport.platforms.Lookup;
import dev.rapport.platforms.OutboundPolicy;
import dev.rapport.platforms.Outgoing;
import dev.rapport.platforms.PublishResult;
import dev.rapport.platforms.SeenAccount;
import dev.rapport.platforms.SyncPage;
import dev.rapport.platforms.SyncRequest;
import dev.rapport.platforms.x.internal.TweetFinder;
import dev.rapport.platforms.x.internal.TweetText;
import dev.rapport.platforms.x.internal.XApi;
import dev.rapport.platforms.x.internal.XEngagementReader;
import dev.rapport.platforms.x.internal.XFailure;
import dev.rapport.platforms.x.internal.XMedia;
import dev.rapport.platforms.x.internal.XUsers;
import dev.rapport.workspace.Platform;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * X through API v2 as the connected user (OAuth 2.0 with PKCE; tokens refreshed as they expire):
 * posts with images, a GIF or a video and their alt text, threads and replies, likes, reposts,
 * quotes, replies and mentions with the engager's profile, followers with theirs. X keeps no
 * idempotency key, so after an unknown outcome {@link #find} searches the user's posts since the
 * due time.
 */
public final class XConnector implements Connector {

  private final XApi api;
  private final XMedia media;
  private final TweetFinder finder;
  private final XEngagementReader reader;
  private final Clock clock;
  private final Capabilities capabilities;

  /**
   * @param postsPerDay the 24-hour posting limit of the app's API access level (17 on Free, 100 on
   *     Basic per user)
   */
  public XConnector(
      XApp app,
      HttpClient http,
      OutboundPolicy policy,
      Clock clock,
      Duration timeout,
      Duration mediaWait,
      int postsPerDay) {
    this.api = new XApi(http, policy, clock, timeout, app.oauthClient());
    this.media = new XMedia(api, mediaWait);
    this.finder = new TweetFinder(api);
    this.reader = new XEngagementReader(api, clock);
    this.clock = clock;
    this.capabilities =
        new Capabilities(
            false,
            true,
            TweetText.MAX_WEIGHTED_LENGTH,
            4,
            EnumSet.of(MediaKind.IMAGE, MediaKind.GIF, MediaKind.VIDEO),
            false,
            1,
            Duration.ofSeconds(1),
            postsPerDay);
  }

  /** Production settings: 30 s per request, 2 minutes for media processing, the Basic level. */
  public XConnector(XApp app, HttpClient http, OutboundPolicy policy, Clock clock) {
    this(app, http, policy, clock, Duration.ofSeconds(30), Duration.ofMinutes(2), 100);
  }

  @Override
  public Platform platform() {
    return Platform.X;
  }

  @Override
  public Capabilities capabilities() {
    return capabilities;
  }

  @Override
  public PublishResult publish(Account account, Outgoing post) {
    int length = TweetText.weightedLength(post.text());
    if (length > TweetText.MAX_WEIGHTED_LENGTH) {
      return new PublishResult.Rejected(
          "The text is " + length + " characters as X counts them; X takes 280",
          "Shorten the text by "
              + (length - TweetText.MAX_WEIGHTED_LENGTH)
              + " (X counts each link as 23, and CJK characters and emoji as 2).",
          false);
    }
    try {
      List<String> mediaIds = media.upload(account, post.media());
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("text", post.text());
      if (!mediaIds.isEmpty()) {
        body.put("media", Map.of("media_ids", mediaIds));
      }
      if (post.replyTo() != null) {
        body.put("reply", Map.of("in_reply_to_tweet_id", post.replyTo().platformPostId()));
      }
      JsonNode data = api.postJson(account, "/2/tweets", body).body().path("data");
      String id = data.path("id").asText("");
      if (id.isBlank()) {
        return new PublishResult.Unknown("X answered without the new post's id");
      }
      Instant created = XUsers.snowflakeTime(id);
      return published(account, id, created == null ? clock.instant() : created);
    } catch (XFailure e) {
      return switch (e.kind()) {
        case TRANSIENT -> new PublishResult.Retryable(e.getMessage(), e.retryAfter());
        case MAYBE_PROCESSED -> new PublishResult.Unknown(e.getMessage());
        case REFUSED -> new PublishResult.Rejected(e.getMessage(), e.action(), false);
        case UNAUTHORIZED -> {
          account.reconnectNeeded(e.getMessage());
          yield new PublishResult.Rejected(e.getMessage(), e.action(), true);
        }
      };
    }
  }

  @Override
  public Lookup find(Account account, Outgoing post) {
    try {
      TweetFinder.Result result = finder.find(account, userId(account), post);
      if (result instanceof TweetFinder.Result.Match m) {
        Instant created = XUsers.instant(m.tweet().path("created_at").asText(null));
        return new Lookup.Found(published(account, m.tweet().path("id").asText(), created));
      }
      if (result instanceof TweetFinder.Result.Undecided u) {
        return new Lookup.CannotTell(
            "looked through " + u.looked() + " posts since the due time without finishing");
      }
      return new Lookup.NotFound();
    } catch (XFailure e) {
      unauthorized(account, e);
      return new Lookup.CannotTell(e.getMessage());
    }
  }

  @Override
  public SyncPage engagement(Account account, SyncRequest request) {
    try {
      return reader.read(account, userId(account), request);
    } catch (XFailure e) {
      return new SyncPage(List.of(), request.cursor(), false, failure(account, e));
    }
  }

  @Override
  public FollowerPage followers(Account account, String cursor) {
    try {
      JsonNode body =
          api.get(
                  account,
                  "/2/users/"
                      + enc(userId(account))
                      + "/followers?max_results=1000&user.fields="
                      + XUsers.FIELDS
                      + (cursor == null ? "" : "&pagination_token=" + enc(cursor)))
              .body();
      Instant now = clock.instant();
      List<SeenAccount> followers = new ArrayList<>();
      body.path("data").forEach(u -> followers.add(XUsers.seen(u, now)));
      return new FollowerPage(followers, body.path("meta").path("next_token").asText(null), null);
    } catch (XFailure e) {
      return new FollowerPage(List.of(), cursor, failure(account, e));
    }
  }

  private String userId(Account account) {
    if (account.accountId() != null && !account.accountId().isBlank()) {
      return account.accountId();
    }
    return api.get(account, "/2/users/me").body().path("data").path("id").asText();
  }

  private static PublishResult.Published published(Account account, String id, Instant at) {
    String handle = account.handle();
    String url =
        handle == null || handle.isBlank()
            ? "https://x.com/i/web/status/" + id
            : "https://x.com/" + handle.replaceFirst("^@", "") + "/status/" + id;
    return new PublishResult.Published(id, url, at == null ? XUsers.snowflakeTime(id) : at);
  }

  private static SyncPage.SyncFailure failure(Account account, XFailure e) {
    unauthorized(account, e);
    return new SyncPage.SyncFailure(
        e.getMessage(), e.kind() == XFailure.Kind.UNAUTHORIZED, e.retryAfter());
  }

  private static void unauthorized(Account account, XFailure e) {
    if (e.kind() == XFailure.Kind.UNAUTHORIZED) {
      account.reconnectNeeded(e.getMessage());
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
