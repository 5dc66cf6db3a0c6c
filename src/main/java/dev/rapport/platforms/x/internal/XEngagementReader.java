package dev.rapport.platforms.x.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rapport.engagement.EngagementKind;
import dev.rapport.platforms.Account;
import dev.rapport.platforms.SeenAccount;
import dev.rapport.platforms.SeenEngagement;
import dev.rapport.platforms.SyncPage;
import dev.rapport.platforms.SyncRequest;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads X engagement in two phases per run: the user's mentions since the last run ({@code GET
 * /2/users/:id/mentions}, replies included), then for each recent post its likes ({@code
 * liking_users}), reposts ({@code retweeted_by}), quotes ({@code quote_tweets}) and replies (recent
 * search for {@code conversation_id}; X only searches the last 7 days). X has no follow events:
 * followers come from the follower list.
 *
 * <p>The request's limit bounds the mention page and when to stop starting new posts; one post's
 * lists are always read whole, so a page can exceed the limit by that much.
 */
public final class XEngagementReader {

  static final String TWEET_FIELDS =
      "created_at,author_id,conversation_id,in_reply_to_user_id,referenced_tweets";
  static final int PAGES_PER_LIST = 3;

  private final XApi api;
  private final Clock clock;

  public XEngagementReader(XApi api, Clock clock) {
    this.api = api;
    this.clock = clock;
  }

  public SyncPage read(Account account, String userId, SyncRequest request) {
    XSyncCursor c = XSyncCursor.parse(request.cursor());
    int limit = Math.max(1, request.limit());
    Map<String, SeenEngagement> out = new LinkedHashMap<>();
    String since = c.mentionsSince();
    int post = c.post();

    if (post < 0) {
      JsonNode body =
          api.get(
                  account,
                  "/2/users/"
                      + enc(userId)
                      + "/mentions?max_results="
                      + Math.max(5, Math.min(100, limit))
                      + "&expansions=author_id&tweet.fields="
                      + TWEET_FIELDS
                      + "&user.fields="
                      + XUsers.FIELDS
                      + (since == null ? "" : "&since_id=" + enc(since))
                      + (c.walkToken() == null ? "" : "&pagination_token=" + enc(c.walkToken())))
              .body();
      String walkNewest =
          c.walkToken() == null ? body.path("meta").path("newest_id").asText(null) : c.walkNewest();
      for (SeenEngagement e : tweets(body, userId, null)) {
        out.putIfAbsent(e.eventKey(), e);
      }
      String next = body.path("meta").path("next_token").asText(null);
      if (next != null) {
        return page(out, new XSyncCursor(since, next, walkNewest, -1), true);
      }
      since = walkNewest == null ? since : walkNewest;
      post = 0;
    }

    List<String> posts = request.recentPosts();
    while (post < posts.size() && out.size() < limit) {
      readPost(account, userId, posts.get(post), out);
      post++;
    }
    boolean more = post < posts.size();
    return page(out, new XSyncCursor(since, null, null, more ? post : -1), more);
  }

  private static SyncPage page(Map<String, SeenEngagement> out, XSyncCursor next, boolean more) {
    return new SyncPage(new ArrayList<>(out.values()), next.format(), more, null);
  }

  private void readPost(
      Account account, String userId, String postId, Map<String, SeenEngagement> out) {
    Instant now = clock.instant();
    String base = "/2/tweets/" + enc(postId);
    try {
      // Likes and reposts carry no time of their own: the time Rapport first saw them.
      for (JsonNode u : users(account, base + "/liking_users")) {
        SeenAccount who = XUsers.seen(u, now);
        String key = "x:like:" + postId + ":" + who.platformUserId();
        out.putIfAbsent(key, new SeenEngagement(key, EngagementKind.LIKE, who, postId, now));
      }
      for (JsonNode u : users(account, base + "/retweeted_by")) {
        SeenAccount who = XUsers.seen(u, now);
        String key = "x:retweet:" + postId + ":" + who.platformUserId();
        out.putIfAbsent(key, new SeenEngagement(key, EngagementKind.REPOST, who, postId, now));
      }
      JsonNode quotes =
          api.get(
                  account,
                  base
                      + "/quote_tweets?max_results=100&expansions=author_id&tweet.fields="
                      + TWEET_FIELDS
                      + "&user.fields="
                      + XUsers.FIELDS)
              .body();
      tweets(quotes, userId, postId).forEach(e -> out.putIfAbsent(e.eventKey(), e));
      JsonNode replies =
          api.get(
                  account,
                  "/2/tweets/search/recent?query="
                      + enc("conversation_id:" + postId + " is:reply")
                      + "&max_results=100&expansions=author_id&tweet.fields="
                      + TWEET_FIELDS
                      + "&user.fields="
                      + XUsers.FIELDS)
              .body();
      for (SeenEngagement e : tweets(replies, userId, null)) {
        if (e.kind() == EngagementKind.REPLY && postId.equals(e.platformPostId())) {
          out.putIfAbsent(e.eventKey(), e);
        }
      }
    } catch (XFailure e) {
      if (e.status() != 404) {
        throw e;
      }
      // The post was deleted: nothing more to read about it.
    }
  }

  /**
   * Posts by others with their authors (from {@code includes.users}): a reply to one of the brand's
   * posts, a quote of {@code quoted} when given, otherwise a mention (which includes replies to
   * other people's posts in a thread the brand is part of).
   */
  private List<SeenEngagement> tweets(JsonNode body, String brandId, String quoted) {
    Instant now = clock.instant();
    Map<String, SeenAccount> authors = new HashMap<>();
    for (JsonNode u : body.path("includes").path("users")) {
      authors.put(u.path("id").asText(), XUsers.seen(u, now));
    }
    List<SeenEngagement> out = new ArrayList<>();
    for (JsonNode t : body.path("data")) {
      String author = t.path("author_id").asText(null);
      if (author == null || author.equals(brandId)) {
        continue;
      }
      SeenAccount who = authors.getOrDefault(author, new SeenAccount(author, null, null, null));
      Instant at = XUsers.instant(t.path("created_at").asText(null));
      String key = "x:tweet:" + t.path("id").asText();
      EngagementKind kind = EngagementKind.MENTION;
      String concerns = null;
      for (JsonNode ref : t.path("referenced_tweets")) {
        String type = ref.path("type").asText();
        if (type.equals("replied_to") && brandId.equals(t.path("in_reply_to_user_id").asText())) {
          kind = EngagementKind.REPLY;
          concerns = ref.path("id").asText();
        } else if (type.equals("quoted")
            && quoted != null
            && quoted.equals(ref.path("id").asText())) {
          kind = EngagementKind.QUOTE;
          concerns = quoted;
        }
      }
      out.add(new SeenEngagement(key, kind, who, concerns, at == null ? now : at));
    }
    return out;
  }

  private List<JsonNode> users(Account account, String path) {
    List<JsonNode> all = new ArrayList<>();
    String token = null;
    for (int page = 0; page < PAGES_PER_LIST; page++) {
      JsonNode body =
          api.get(
                  account,
                  path
                      + "?max_results=100&user.fields="
                      + XUsers.FIELDS
                      + (token == null ? "" : "&pagination_token=" + enc(token)))
              .body();
      body.path("data").forEach(all::add);
      token = body.path("meta").path("next_token").asText(null);
      if (token == null) {
        break;
      }
    }
    return all;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
