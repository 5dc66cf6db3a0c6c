package dev.rapport.platforms.x.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rapport.platforms.Account;
import dev.rapport.platforms.Outgoing;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Looks for a post among the user's own posts since it was due (X has no idempotency key): {@code
 * GET /2/users/:id/tweets} with {@code start_time}, compared by text (URLs come back shortened) and
 * by the post replied to.
 */
public final class TweetFinder {

  static final Duration EARLY_MARGIN = Duration.ofMinutes(10);
  static final int MAX_PAGES = 5;

  /** What the search found out. */
  public sealed interface Result {
    record Match(JsonNode tweet) implements Result {}

    record Absent() implements Result {}

    record Undecided(int looked) implements Result {}
  }

  private final XApi api;

  public TweetFinder(XApi api) {
    this.api = api;
  }

  public Result find(Account account, String userId, Outgoing post) {
    String wanted = TweetText.comparable(post.text());
    String parent = post.replyTo() == null ? null : post.replyTo().platformPostId();
    Instant since =
        post.scheduledAt() == null
            ? null
            : post.scheduledAt().minus(EARLY_MARGIN).truncatedTo(ChronoUnit.SECONDS);
    String token = null;
    int looked = 0;
    for (int page = 0; page < MAX_PAGES; page++) {
      JsonNode body =
          api.get(
                  account,
                  "/2/users/"
                      + enc(userId)
                      + "/tweets?max_results=100&exclude=retweets"
                      + "&tweet.fields=created_at,conversation_id,referenced_tweets"
                      + (since == null ? "" : "&start_time=" + enc(since.toString()))
                      + (token == null ? "" : "&pagination_token=" + enc(token)))
              .body();
      for (JsonNode tweet : body.path("data")) {
        looked++;
        if (matches(tweet, wanted, parent)) {
          return new Result.Match(tweet);
        }
      }
      token = body.path("meta").path("next_token").asText(null);
      if (token == null) {
        return new Result.Absent();
      }
    }
    return new Result.Undecided(looked);
  }

  private static boolean matches(JsonNode tweet, String wanted, String parent) {
    if (parent != null) {
      boolean repliesToParent = false;
      for (JsonNode ref : tweet.path("referenced_tweets")) {
        repliesToParent |=
            "replied_to".equals(ref.path("type").asText())
                && parent.equals(ref.path("id").asText());
      }
      if (!repliesToParent) {
        return false;
      }
    }
    return TweetText.comparable(tweet.path("text").asText("")).equals(wanted);
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
