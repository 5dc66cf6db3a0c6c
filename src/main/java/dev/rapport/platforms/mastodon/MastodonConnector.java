package dev.rapport.platforms.mastodon;

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
import dev.rapport.platforms.mastodon.internal.ApiFailure;
import dev.rapport.platforms.mastodon.internal.EngagementReader;
import dev.rapport.platforms.mastodon.internal.LinkHeader;
import dev.rapport.platforms.mastodon.internal.MastodonAccounts;
import dev.rapport.platforms.mastodon.internal.MastodonApi;
import dev.rapport.platforms.mastodon.internal.MediaUploads;
import dev.rapport.platforms.mastodon.internal.ReplyAddressing;
import dev.rapport.platforms.mastodon.internal.StatusFinder;
import dev.rapport.platforms.oauth.TokenGrant;
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
 * Mastodon, on any instance: statuses with media and alt text, threads and replies, sent with the
 * variant's {@code Idempotency-Key} so a repeated call cannot post twice; engagement from
 * notifications and from each recent status's favourites, reblogs and replies; followers with their
 * profiles. The account's secret {@code access_token} comes from {@link MastodonSignIn}.
 */
public final class MastodonConnector implements Connector {

  /** Mastodon's default limits; instances may allow more, and their 422 then has the last word. */
  private static final Capabilities CAPABILITIES =
      new Capabilities(
          true,
          true,
          500,
          4,
          EnumSet.of(MediaKind.IMAGE, MediaKind.VIDEO, MediaKind.GIF, MediaKind.AUDIO),
          false,
          2,
          Duration.ofMillis(500),
          // Mastodon allows 300 statuses per account and 3 hours.
          2400);

  private final MastodonApi api;
  private final MediaUploads uploads;
  private final StatusFinder finder;
  private final EngagementReader reader;
  private final Clock clock;

  /**
   * @param timeout per HTTP request; a create that times out is an unknown outcome
   * @param mediaPoll how often to ask whether an uploaded video is processed
   * @param mediaWait how long to wait for it before giving up for now (retryable)
   */
  public MastodonConnector(
      HttpClient http,
      OutboundPolicy policy,
      Clock clock,
      Duration timeout,
      Duration mediaPoll,
      Duration mediaWait) {
    this.api = new MastodonApi(http, policy, clock, timeout);
    this.uploads = new MediaUploads(api, mediaPoll, mediaWait);
    this.finder = new StatusFinder(api);
    this.reader = new EngagementReader(api, clock);
    this.clock = clock;
  }

  /** Production settings: 30 s per request, media polled every second for up to 2 minutes. */
  public MastodonConnector(HttpClient http, OutboundPolicy policy, Clock clock) {
    this(http, policy, clock, Duration.ofSeconds(30), Duration.ofSeconds(1), Duration.ofMinutes(2));
  }

  @Override
  public Platform platform() {
    return Platform.MASTODON;
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public PublishResult publish(Account account, Outgoing post) {
    String token = account.secret(TokenGrant.ACCESS_TOKEN);
    if (token == null) {
      return notConnected(account);
    }
    try {
      String text = post.text();
      if (post.replyTo() != null) {
        text = addressed(account, token, post.replyTo().platformPostId(), text);
      }
      List<String> mediaIds = uploads.upload(account.service(), token, post.media());
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", text);
      if (!mediaIds.isEmpty()) {
        body.put("media_ids", mediaIds);
      }
      if (post.replyTo() != null) {
        body.put("in_reply_to_id", post.replyTo().platformPostId());
      }
      JsonNode status =
          api.postJson(account.service(), token, "/api/v1/statuses", body, post.idempotencyKey())
              .body();
      if (status.path("id").asText("").isBlank()) {
        return new PublishResult.Unknown("The instance answered without the new status's id");
      }
      return published(status);
    } catch (ApiFailure e) {
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
    String token = account.secret(TokenGrant.ACCESS_TOKEN);
    if (token == null) {
      return new Lookup.CannotTell("the Mastodon account is not connected");
    }
    try {
      StatusFinder.Result result =
          finder.find(account.service(), token, accountId(account, token), post);
      if (result instanceof StatusFinder.Result.Match m) {
        return new Lookup.Found(published(m.status()));
      }
      if (result instanceof StatusFinder.Result.Undecided u) {
        return new Lookup.CannotTell(
            "looked through the account's "
                + u.looked()
                + " newest statuses without reaching the time the post was due");
      }
      return new Lookup.NotFound();
    } catch (ApiFailure e) {
      unauthorized(account, e);
      return new Lookup.CannotTell(e.getMessage());
    }
  }

  @Override
  public SyncPage engagement(Account account, SyncRequest request) {
    String token = account.secret(TokenGrant.ACCESS_TOKEN);
    if (token == null) {
      return new SyncPage(
          List.of(),
          request.cursor(),
          false,
          new SyncPage.SyncFailure("the Mastodon account is not connected", true, null));
    }
    try {
      return reader.read(account.service(), token, accountId(account, token), request);
    } catch (ApiFailure e) {
      return new SyncPage(List.of(), request.cursor(), false, failure(account, e));
    }
  }

  @Override
  public FollowerPage followers(Account account, String cursor) {
    String token = account.secret(TokenGrant.ACCESS_TOKEN);
    if (token == null) {
      return new FollowerPage(
          List.of(),
          cursor,
          new SyncPage.SyncFailure("the Mastodon account is not connected", true, null));
    }
    try {
      MastodonApi.Reply reply =
          api.get(
              account.service(),
              token,
              "/api/v1/accounts/"
                  + enc(accountId(account, token))
                  + "/followers?limit=80"
                  + (cursor == null ? "" : "&max_id=" + enc(cursor)));
      Instant now = clock.instant();
      List<SeenAccount> followers = new ArrayList<>();
      reply
          .body()
          .forEach(a -> followers.add(MastodonAccounts.seen(a, now, account.service().getHost())));
      String next =
          reply.body().isEmpty()
              ? null
              : LinkHeader.param(reply.link(), "next", "max_id").orElse(null);
      return new FollowerPage(followers, next, null);
    } catch (ApiFailure e) {
      return new FollowerPage(List.of(), cursor, failure(account, e));
    }
  }

  /** The reply's text, addressed to the author it answers; a failure here published nothing. */
  private String addressed(Account account, String token, String parentId, String text) {
    try {
      JsonNode parent =
          api.get(account.service(), token, "/api/v1/statuses/" + enc(parentId)).body();
      return ReplyAddressing.address(parent, accountId(account, token), text);
    } catch (ApiFailure e) {
      throw e.beforePublishing();
    }
  }

  /** The brand account's id, asked from the instance when the connection did not store it. */
  private String accountId(Account account, String token) {
    if (account.accountId() != null && !account.accountId().isBlank()) {
      return account.accountId();
    }
    return api.get(account.service(), token, "/api/v1/accounts/verify_credentials")
        .body()
        .path("id")
        .asText();
  }

  private static PublishResult.Published published(JsonNode status) {
    String created = status.path("created_at").asText(null);
    return new PublishResult.Published(
        status.path("id").asText(),
        status.path("url").asText(status.path("uri").asText(null)),
        created == null ? null : MastodonAccounts.instant(created));
  }

  private static PublishResult notConnected(Account account) {
    String message = "The Mastodon account has no access token";
    account.reconnectNeeded(message);
    return new PublishResult.Rejected(
        message, "Connect the Mastodon account in the channel's settings.", true);
  }

  private static SyncPage.SyncFailure failure(Account account, ApiFailure e) {
    unauthorized(account, e);
    return new SyncPage.SyncFailure(
        e.getMessage(), e.kind() == ApiFailure.Kind.UNAUTHORIZED, e.retryAfter());
  }

  private static void unauthorized(Account account, ApiFailure e) {
    if (e.kind() == ApiFailure.Kind.UNAUTHORIZED) {
      account.reconnectNeeded(e.getMessage());
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
