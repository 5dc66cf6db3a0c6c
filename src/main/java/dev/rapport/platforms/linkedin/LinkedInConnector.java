package dev.rapport.platforms.linkedin;

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
import dev.rapport.platforms.graph.PostWalk;
import dev.rapport.platforms.graph.Wire;
import dev.rapport.platforms.linkedin.internal.LinkedInRules;
import dev.rapport.platforms.linkedin.internal.LinkedInToken;
import dev.rapport.platforms.linkedin.internal.LittleText;
import dev.rapport.platforms.linkedin.internal.RestLi;
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
 * LinkedIn through the versioned Posts API: {@code POST /rest/posts} as an organization or a member
 * (the post URN comes back in {@code x-restli-id}), images through {@code /rest/images
 * ?action=initializeUpload} and an upload PUT, comments and likes through {@code
 * /rest/socialActions}, and OAuth 2 refresh.
 *
 * <p>{@link Account#accountId()} is the author URN ({@code urn:li:organization:…} or {@code
 * urn:li:person:…}). The API does not list who reshared a post (only counts) nor the page's
 * followers (only follower statistics).
 */
public final class LinkedInConnector implements Connector {

  private static final Capabilities CAPABILITIES =
      new Capabilities(
          false,
          true,
          LinkedInRules.MAX_COMMENTARY,
          LinkedInRules.MAX_IMAGES,
          EnumSet.of(MediaKind.IMAGE),
          false,
          1,
          Duration.ofSeconds(10),
          0);

  private final RestLi rest;
  private final LinkedInToken tokens;
  private final Clock clock;

  public LinkedInConnector(LinkedInSettings settings, OutboundPolicy policy, Clock clock) {
    Wire wire = new Wire(policy, settings.requestTimeout());
    this.rest = new RestLi(wire, settings.version(), clock);
    this.tokens =
        new LinkedInToken(
            wire,
            clock,
            settings.oauthBase(),
            settings.clientId(),
            settings.clientSecret(),
            settings.refreshBefore());
    this.clock = clock;
  }

  @Override
  public Platform platform() {
    return Platform.LINKEDIN;
  }

  @Override
  public Capabilities capabilities() {
    return CAPABILITIES;
  }

  @Override
  public PublishResult publish(Account account, Outgoing post) {
    Optional<PublishResult.Rejected> refused = LinkedInRules.check(post);
    if (refused.isPresent()) {
      return refused.get();
    }
    LinkedInToken.State state = tokens.of(account);
    if (state.trouble() != null) {
      return state.trouble().beforePublishing();
    }
    String token = state.token();
    if (post.replyTo() != null) {
      return comment(account, post, token);
    }
    List<Map<String, Object>> images = new ArrayList<>();
    for (MediaItem item : post.media()) {
      RestLi.Answer init =
          rest.post(
              account.service(),
              "/rest/images?action=initializeUpload",
              Map.of("initializeUploadRequest", Map.of("owner", account.accountId())),
              token);
      if (init.failed()) {
        return init.trouble().reportTo(account).beforePublishing();
      }
      JsonNode value = init.ok().body().path("value");
      String uploadUrl = value.path("uploadUrl").asText(null);
      String image = value.path("image").asText(null);
      if (uploadUrl == null || image == null) {
        return new PublishResult.Retryable("LinkedIn gave no upload URL for the image", null);
      }
      // An uploaded image that no post uses is invisible: failures here are safe to retry.
      RestLi.Answer put =
          rest.upload(URI.create(uploadUrl), item.contentType(), item.bytes(), token);
      if (put.failed()) {
        return put.trouble().reportTo(account).beforePublishing();
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("id", image);
      if (item.altText() != null && !item.altText().isBlank()) {
        entry.put("altText", item.altText());
      }
      images.add(entry);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("author", account.accountId());
    body.put("commentary", LittleText.format(post.text()));
    body.put("visibility", "PUBLIC");
    body.put(
        "distribution",
        Map.of(
            "feedDistribution", "MAIN_FEED",
            "targetEntities", List.of(),
            "thirdPartyDistributionChannels", List.of()));
    if (images.size() == 1) {
      body.put("content", Map.of("media", images.get(0)));
    } else if (images.size() > 1) {
      body.put("content", Map.of("multiImage", Map.of("images", images)));
    }
    body.put("lifecycleState", "PUBLISHED");
    body.put("isReshareDisabledByAuthor", false);
    RestLi.Answer created = rest.post(account.service(), "/rest/posts", body, token);
    if (created.failed()) {
      return created.trouble().reportTo(account).atPublishing();
    }
    Optional<String> urn = created.ok().headers().firstValue("x-restli-id");
    if (urn.isEmpty()) {
      return new PublishResult.Unknown("LinkedIn accepted the post but sent no x-restli-id");
    }
    return new PublishResult.Published(urn.get(), postUrl(urn.get()), clock.instant());
  }

  private PublishResult comment(Account account, Outgoing post, String token) {
    Outgoing.ReplyTarget target = post.replyTo();
    String root =
        target.rootPlatformPostId() != null ? target.rootPlatformPostId() : target.platformPostId();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("actor", account.accountId());
    body.put("object", root);
    body.put("message", Map.of("text", post.text()));
    if (target.platformPostId().startsWith("urn:li:comment:")) {
      body.put("parentComment", target.platformPostId());
    }
    RestLi.Answer created =
        rest.post(
            account.service(),
            "/rest/socialActions/" + RestLi.encode(target.platformPostId()) + "/comments",
            body,
            token);
    if (created.failed()) {
      return created.trouble().reportTo(account).atPublishing();
    }
    JsonNode c = created.ok().body();
    String urn = c.path("commentUrn").asText(c.path("$URN").asText(null));
    if (urn == null) {
      String id = created.ok().headers().firstValue("x-restli-id").orElse(c.path("id").asText(""));
      urn = "urn:li:comment:(" + root + "," + id + ")";
    }
    return new PublishResult.Published(urn, postUrl(root), clock.instant());
  }

  private static String postUrl(String urn) {
    return "https://www.linkedin.com/feed/update/" + urn + "/";
  }

  @Override
  public Lookup find(Account account, Outgoing post) {
    LinkedInToken.State state = tokens.of(account);
    if (state.trouble() != null) {
      return state.trouble().cannotTell();
    }
    if (post.replyTo() != null) {
      return findComment(account, post, state.token());
    }
    String commentary = LittleText.format(post.text());
    long notBefore = post.scheduledAt().minus(Duration.ofDays(1)).toEpochMilli();
    for (int start = 0; start < 250; start += 50) {
      Map<String, String> query = new LinkedHashMap<>();
      query.put("author", RestLi.encode(account.accountId()));
      query.put("q", "author");
      query.put("count", "50");
      query.put("start", Integer.toString(start));
      query.put("sortBy", "LAST_MODIFIED");
      RestLi.Answer answer = rest.get(account.service(), "/rest/posts", query, state.token());
      if (answer.failed()) {
        return answer.trouble().reportTo(account).cannotTell();
      }
      JsonNode elements = answer.ok().body().path("elements");
      boolean older = false;
      for (JsonNode p : elements) {
        if (commentary.equals(p.path("commentary").asText(""))) {
          long at = p.path("publishedAt").asLong(p.path("createdAt").asLong(0));
          String urn = p.path("id").asText();
          return new Lookup.Found(
              new PublishResult.Published(
                  urn, postUrl(urn), at > 0 ? Instant.ofEpochMilli(at) : clock.instant()));
        }
        older |= p.path("createdAt").asLong(Long.MAX_VALUE) < notBefore;
      }
      if (older || elements.size() < 50) {
        break;
      }
    }
    return new Lookup.NotFound();
  }

  private Lookup findComment(Account account, Outgoing post, String token) {
    RestLi.Answer answer =
        rest.get(
            account.service(),
            "/rest/socialActions/" + RestLi.encode(post.replyTo().platformPostId()) + "/comments",
            Map.of("start", "0", "count", "100"),
            token);
    if (answer.failed()) {
      return answer.trouble().reportTo(account).cannotTell();
    }
    for (JsonNode c : answer.ok().body().path("elements")) {
      if (account.accountId().equals(c.path("actor").asText())
          && post.text().equals(c.path("message").path("text").asText())) {
        long at = c.path("created").path("time").asLong(0);
        return new Lookup.Found(
            new PublishResult.Published(
                c.path("commentUrn").asText(c.path("$URN").asText()),
                postUrl(post.replyTo().platformPostId()),
                at > 0 ? Instant.ofEpochMilli(at) : clock.instant()));
      }
    }
    return new Lookup.NotFound();
  }

  /**
   * Per recent post: comments (and replies to them), then likes. The walk's page cursor is {@code
   * c:<start>} or {@code l:<start>}.
   */
  @Override
  public SyncPage engagement(Account account, SyncRequest request) {
    LinkedInToken.State state = tokens.of(account);
    if (state.trouble() != null) {
      return new SyncPage(List.of(), request.cursor(), false, state.trouble().syncFailure());
    }
    String token = state.token();
    return PostWalk.walk(
        request,
        (postUrn, after, limit) -> {
          boolean likes = after != null && after.startsWith("l:");
          int start =
              after == null || after.length() <= 2 ? 0 : Integer.parseInt(after.substring(2));
          int count = Math.min(100, limit);
          String path =
              "/rest/socialActions/" + RestLi.encode(postUrn) + (likes ? "/likes" : "/comments");
          RestLi.Answer answer =
              rest.get(
                  account.service(),
                  path,
                  Map.of("start", Integer.toString(start), "count", Integer.toString(count)),
                  token);
          if (answer.failed()) {
            return PostWalk.Page.failed(answer.trouble().reportTo(account));
          }
          JsonNode elements = answer.ok().body().path("elements");
          List<SeenEngagement> seen = new ArrayList<>();
          for (JsonNode e : elements) {
            if (likes) {
              addLike(account, postUrn, e, seen);
            } else {
              addComment(account, postUrn, e, seen);
              if (e.path("commentsSummary").path("aggregatedTotalComments").asInt(0) > 0) {
                PostWalk.Page nested = replies(account, postUrn, e, token);
                if (nested.trouble() != null) {
                  return nested;
                }
                seen.addAll(nested.engagements());
              }
            }
          }
          int total = answer.ok().body().path("paging").path("total").asInt(-1);
          int next = start + elements.size();
          boolean more =
              !elements.isEmpty() && (total < 0 ? elements.size() >= count : next < total);
          if (more) {
            return PostWalk.Page.of(seen, (likes ? "l:" : "c:") + next);
          }
          return PostWalk.Page.of(seen, likes ? null : "l:");
        });
  }

  private PostWalk.Page replies(Account account, String postUrn, JsonNode comment, String token) {
    String urn = comment.path("commentUrn").asText(comment.path("$URN").asText(null));
    if (urn == null) {
      return PostWalk.Page.of(List.of(), null);
    }
    RestLi.Answer answer =
        rest.get(
            account.service(),
            "/rest/socialActions/" + RestLi.encode(urn) + "/comments",
            Map.of("start", "0", "count", "100"),
            token);
    if (answer.failed()) {
      return PostWalk.Page.failed(answer.trouble().reportTo(account));
    }
    List<SeenEngagement> seen = new ArrayList<>();
    for (JsonNode r : answer.ok().body().path("elements")) {
      addComment(account, postUrn, r, seen);
    }
    return PostWalk.Page.of(seen, null);
  }

  private void addComment(Account account, String postUrn, JsonNode c, List<SeenEngagement> out) {
    String actor = c.path("actor").asText(null);
    if (actor == null || actor.equals(account.accountId())) {
      return;
    }
    String urn = c.path("commentUrn").asText(c.path("$URN").asText(c.path("id").asText()));
    long at = c.path("created").path("time").asLong(0);
    out.add(
        new SeenEngagement(
            "linkedin:comment:" + urn,
            EngagementKind.REPLY,
            new SeenAccount(actor, null, null, null),
            postUrn,
            at > 0 ? Instant.ofEpochMilli(at) : clock.instant()));
  }

  private void addLike(Account account, String postUrn, JsonNode l, List<SeenEngagement> out) {
    String actor = l.path("actor").asText(null);
    if (actor == null || actor.equals(account.accountId())) {
      return;
    }
    long at = l.path("created").path("time").asLong(0);
    out.add(
        new SeenEngagement(
            "linkedin:like:" + postUrn + ":" + actor,
            EngagementKind.LIKE,
            new SeenAccount(actor, null, null, null),
            postUrn,
            at > 0 ? Instant.ofEpochMilli(at) : clock.instant()));
  }

  /** LinkedIn's API gives follower counts and statistics, not the followers themselves. */
  @Override
  public FollowerPage followers(Account account, String cursor) {
    return new FollowerPage(List.of(), null, null);
  }
}
