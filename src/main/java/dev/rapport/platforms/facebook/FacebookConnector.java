package dev.rapport.platforms.facebook;

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
import dev.rapport.platforms.facebook.internal.FacebookRules;
import dev.rapport.platforms.graph.AccessToken;
import dev.rapport.platforms.graph.GraphClient;
import dev.rapport.platforms.graph.GraphReply;
import dev.rapport.platforms.graph.GraphSettings;
import dev.rapport.platforms.graph.GraphTime;
import dev.rapport.platforms.graph.GraphTroubles;
import dev.rapport.platforms.graph.PostWalk;
import dev.rapport.platforms.graph.Wire;
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
 * A Facebook Page through the Graph API with a Page access token: posts ({@code /feed}), photos
 * ({@code /photos} with {@code alt_text_custom}; several photos uploaded unpublished and attached
 * to one feed post), comments and replies, and engagement read per post — comments with their
 * author, reactions with the reacting person (every reaction type is a like to Rapport).
 *
 * <p>What the API does not give: who shared a post (only {@code shares.count}), when a reaction was
 * made (Rapport records when it first saw it), and the Page's followers (only {@code
 * followers_count}).
 */
public final class FacebookConnector implements Connector {

  public static final URI HOST = URI.create("https://graph.facebook.com");
  public static final String DEFAULT_VERSION = "v24.0";

  private static final Capabilities CAPABILITIES =
      new Capabilities(
          false,
          true,
          FacebookRules.MAX_TEXT,
          FacebookRules.MAX_PHOTOS,
          EnumSet.of(MediaKind.IMAGE),
          false,
          2,
          Duration.ofSeconds(10),
          0);

  private final GraphSettings settings;
  private final GraphClient graph;
  private final Clock clock;
  private final AccessToken tokens;

  public FacebookConnector(GraphSettings settings, OutboundPolicy policy, Clock clock) {
    this.settings = settings;
    this.graph = new GraphClient(new Wire(policy, settings.requestTimeout()));
    this.clock = clock;
    this.tokens = new AccessToken("Facebook", clock, settings.refreshBefore(), this::refresh);
  }

  @Override
  public Platform platform() {
    return Platform.FACEBOOK;
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public PublishResult publish(Account account, Outgoing post) {
    Optional<PublishResult.Rejected> refused = FacebookRules.check(post);
    if (refused.isPresent()) {
      return refused.get();
    }
    AccessToken.State state = tokens.of(account);
    if (state instanceof AccessToken.State.Unusable u) {
      return u.trouble().beforePublishing();
    }
    String token = ((AccessToken.State.Usable) state).token();
    if (post.replyTo() != null) {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("message", post.text());
      if (!post.media().isEmpty()) {
        params.put("attachment_url", post.media().get(0).publicUrl().toString());
      }
      params.put("access_token", token);
      return created(
          account,
          graph.post(
              account.service(), version(), post.replyTo().platformPostId() + "/comments", params),
          "id");
    }
    String page = account.accountId();
    if (post.media().isEmpty()) {
      Map<String, String> params = new LinkedHashMap<>();
      params.put("message", post.text());
      params.put("link", FacebookRules.firstLink(post.text()));
      params.put("access_token", token);
      return created(
          account, graph.post(account.service(), version(), page + "/feed", params), "id");
    }
    if (post.media().size() == 1) {
      Map<String, String> params = photoParams(post.media().get(0), token);
      params.put("caption", post.text());
      return created(account, uploadPhoto(account, post.media().get(0), params), "post_id");
    }
    List<String> photoIds = new ArrayList<>();
    for (MediaItem item : post.media()) {
      Map<String, String> params = photoParams(item, token);
      params.put("published", "false");
      GraphReply uploaded = uploadPhoto(account, item, params);
      if (!(uploaded instanceof GraphReply.Ok ok)) {
        // An unpublished photo is invisible on the Page: safe to upload again.
        return GraphTroubles.classify("Facebook", uploaded).reportTo(account).beforePublishing();
      }
      photoIds.add(ok.body().path("id").asText());
    }
    Map<String, String> params = new LinkedHashMap<>();
    params.put("message", post.text());
    for (int i = 0; i < photoIds.size(); i++) {
      params.put("attached_media[" + i + "]", "{\"media_fbid\":\"" + photoIds.get(i) + "\"}");
    }
    params.put("access_token", token);
    return created(account, graph.post(account.service(), version(), page + "/feed", params), "id");
  }

  private static Map<String, String> photoParams(MediaItem item, String token) {
    Map<String, String> params = new LinkedHashMap<>();
    if (item.publicUrl() != null) {
      params.put("url", item.publicUrl().toString());
    }
    if (item.altText() != null && !item.altText().isBlank()) {
      params.put("alt_text_custom", item.altText());
    }
    params.put("access_token", token);
    return params;
  }

  /** By URL when the image is hosted, else uploaded as {@code source}. */
  private GraphReply uploadPhoto(Account account, MediaItem item, Map<String, String> params) {
    String path = account.accountId() + "/photos";
    if (item.publicUrl() != null) {
      return graph.post(account.service(), version(), path, params);
    }
    return graph.postFile(
        account.service(),
        version(),
        path,
        params,
        "source",
        item.fileName() == null ? "photo" : item.fileName(),
        item.contentType(),
        item.bytes());
  }

  private PublishResult created(Account account, GraphReply reply, String idField) {
    if (!(reply instanceof GraphReply.Ok ok)) {
      return GraphTroubles.classify("Facebook", reply).reportTo(account).atPublishing();
    }
    String id = ok.body().path(idField).asText(ok.body().path("id").asText());
    return new PublishResult.Published(id, "https://www.facebook.com/" + id, clock.instant());
  }

  @Override
  public Lookup find(Account account, Outgoing post) {
    AccessToken.State state = tokens.of(account);
    if (state instanceof AccessToken.State.Unusable u) {
      return u.trouble().cannotTell();
    }
    String token = ((AccessToken.State.Usable) state).token();
    boolean reply = post.replyTo() != null;
    String path =
        reply ? post.replyTo().platformPostId() + "/comments" : account.accountId() + "/posts";
    String after = null;
    for (int page = 0; page < 5; page++) {
      Map<String, String> params = new LinkedHashMap<>();
      params.put(
          "fields",
          reply ? "id,message,created_time,from" : "id,message,created_time,permalink_url");
      if (!reply) {
        params.put(
            "since", Long.toString(post.scheduledAt().minus(Duration.ofDays(1)).getEpochSecond()));
      }
      params.put("limit", "50");
      params.put("after", after);
      params.put("access_token", token);
      GraphReply answer = graph.get(account.service(), version(), path, params);
      if (!(answer instanceof GraphReply.Ok ok)) {
        return GraphTroubles.classify("Facebook", answer).reportTo(account).cannotTell();
      }
      for (JsonNode p : ok.body().path("data")) {
        boolean mine = !reply || account.accountId().equals(p.path("from").path("id").asText(null));
        if (mine && post.text().equals(p.path("message").asText(""))) {
          Instant at = GraphTime.parse(p.path("created_time").asText(null));
          String id = p.path("id").asText();
          return new Lookup.Found(
              new PublishResult.Published(
                  id,
                  p.path("permalink_url").asText("https://www.facebook.com/" + id),
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

  /**
   * Per recent post: its comments (all levels, {@code filter=stream}), then its reactions. The
   * walk's page cursor says which: {@code c:<cursor>} or {@code r:<cursor>}.
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
        (postId, after, limit) -> {
          boolean reactions = after != null && after.startsWith("r:");
          String cursor = after == null || after.length() <= 2 ? null : after.substring(2);
          Map<String, String> params = new LinkedHashMap<>();
          if (reactions) {
            params.put("fields", "id,name,type");
          } else {
            params.put("fields", "id,message,created_time,from{id,name}");
            params.put("filter", "stream");
            params.put("order", "chronological");
          }
          params.put("limit", Integer.toString(Math.min(100, limit)));
          params.put("after", cursor);
          params.put("access_token", token);
          GraphReply reply =
              graph.get(
                  account.service(),
                  version(),
                  postId + (reactions ? "/reactions" : "/comments"),
                  params);
          if (!(reply instanceof GraphReply.Ok ok)) {
            return PostWalk.Page.failed(
                GraphTroubles.classify("Facebook", reply).reportTo(account));
          }
          List<SeenEngagement> seen = new ArrayList<>();
          for (JsonNode n : ok.body().path("data")) {
            SeenEngagement e = reactions ? reaction(postId, n) : comment(account, postId, n);
            if (e != null) {
              seen.add(e);
            }
          }
          JsonNode paging = ok.body().path("paging");
          String next =
              paging.has("next") ? paging.path("cursors").path("after").asText(null) : null;
          if (next != null) {
            return PostWalk.Page.of(seen, (reactions ? "r:" : "c:") + next);
          }
          return PostWalk.Page.of(seen, reactions ? null : "r:");
        });
  }

  private SeenEngagement comment(Account account, String postId, JsonNode c) {
    String from = c.path("from").path("id").asText(null);
    if (from == null || from.equals(account.accountId())) {
      return null; // no author visible, or the Page's own reply
    }
    String name = c.path("from").path("name").asText(null);
    Instant at = GraphTime.parse(c.path("created_time").asText(null));
    return new SeenEngagement(
        "facebook:comment:" + c.path("id").asText(),
        EngagementKind.REPLY,
        new SeenAccount(from, null, name, null),
        postId,
        at == null ? clock.instant() : at);
  }

  private SeenEngagement reaction(String postId, JsonNode r) {
    String who = r.path("id").asText(null);
    if (who == null) {
      return null;
    }
    // One reaction per person and post: the key stays the same when the type changes.
    return new SeenEngagement(
        "facebook:reaction:" + postId + ":" + who,
        EngagementKind.LIKE,
        new SeenAccount(who, null, r.path("name").asText(null), null),
        postId,
        clock.instant());
  }

  /** The Graph API does not list a Page's followers (only {@code followers_count}). */
  @Override
  public FollowerPage followers(Account account, String cursor) {
    return new FollowerPage(List.of(), null, null);
  }

  private String version() {
    return settings.apiVersion();
  }

  /**
   * Page tokens obtained from a long-lived user token do not expire and carry no expiry; a user
   * token with an expiry is extended with {@code fb_exchange_token} while still valid.
   */
  private GraphReply refresh(Account account, String token) {
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
