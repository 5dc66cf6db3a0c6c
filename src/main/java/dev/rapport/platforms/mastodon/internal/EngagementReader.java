package dev.rapport.platforms.mastodon.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rapport.engagement.EngagementKind;
import dev.rapport.platforms.SeenAccount;
import dev.rapport.platforms.SeenEngagement;
import dev.rapport.platforms.SyncPage;
import dev.rapport.platforms.SyncRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads engagement in two phases per run. First the notifications since the last run (mentions,
 * favourites, reblogs, follows; forward with {@code min_id}), then, for each of the brand's recent
 * posts, {@code favourited_by}, {@code reblogged_by} and the replies in {@code context}: these
 * catch what notifications miss (engagement from before the account was connected, notifications
 * the instance filtered). Both phases give one event the same key, so the ledger keeps it once.
 */
public final class EngagementReader {

  /** Mastodon's largest page for notifications and account lists. */
  static final int MAX_PAGE = 80;

  /** Pages of favourites or reblogs read per post and run; older ones were read by earlier runs. */
  static final int MAX_PAGES_PER_LIST = 5;

  private final MastodonApi api;
  private final Clock clock;

  public EngagementReader(MastodonApi api, Clock clock) {
    this.api = api;
    this.clock = clock;
  }

  /** One sync step; throws {@link ApiFailure} when the instance cannot be read. */
  public SyncPage read(URI instance, String token, String brandAccountId, SyncRequest request) {
    SyncCursor cursor = SyncCursor.parse(request.cursor());
    int limit = Math.max(1, request.limit());
    Map<String, SeenEngagement> out = new LinkedHashMap<>();
    String since = cursor.notificationsSince();
    int postIndex = cursor.postIndex();
    String host = instance.getHost();

    if (postIndex < 0) {
      int pageSize = Math.min(limit, MAX_PAGE);
      // min_id pages forward from the last one read; "0" starts at the oldest on the first run.
      MastodonApi.Reply reply =
          api.get(
              instance,
              token,
              "/api/v1/notifications?limit="
                  + pageSize
                  + "&min_id="
                  + enc(since == null ? "0" : since));
      String newest = LinkHeader.param(reply.link(), "prev", "min_id").orElse(null);
      int count = 0;
      for (JsonNode n : reply.body()) {
        count++;
        newest = SyncCursor.newer(newest, n.path("id").asText(null));
        notification(host, brandAccountId, n).ifPresent(e -> out.putIfAbsent(e.eventKey(), e));
      }
      since = SyncCursor.newer(since, newest);
      if (count >= pageSize) {
        return page(out, new SyncCursor(since, -1), true);
      }
      postIndex = 0;
    }

    List<String> posts = request.recentPosts();
    while (postIndex < posts.size() && out.size() < limit) {
      readPost(instance, token, brandAccountId, posts.get(postIndex), out);
      postIndex++;
    }
    if (postIndex < posts.size()) {
      return page(out, new SyncCursor(since, postIndex), true);
    }
    return page(out, new SyncCursor(since, -1), false);
  }

  private static SyncPage page(Map<String, SeenEngagement> out, SyncCursor next, boolean more) {
    return new SyncPage(new ArrayList<>(out.values()), next.format(), more, null);
  }

  private Optional<SeenEngagement> notification(String host, String brandId, JsonNode n) {
    JsonNode account = n.path("account");
    if (!account.hasNonNull("id")) {
      return Optional.empty();
    }
    Instant at = MastodonAccounts.instant(n.path("created_at").asText(null));
    Instant when = at == null ? clock.instant() : at;
    SeenAccount who = MastodonAccounts.seen(account, clock.instant(), host);
    JsonNode status = n.path("status");
    String statusId = status.path("id").asText(null);
    if (statusId == null && !n.path("type").asText("").equals("follow")) {
      return Optional.empty();
    }
    return switch (n.path("type").asText("")) {
      case "favourite" ->
          Optional.of(
              new SeenEngagement(
                  favKey(host, statusId, who), EngagementKind.LIKE, who, statusId, when));
      case "reblog" ->
          Optional.of(
              new SeenEngagement(
                  reblogKey(host, statusId, who), EngagementKind.REPOST, who, statusId, when));
      case "mention" -> {
        String parent = status.path("in_reply_to_id").asText(null);
        boolean replyToBrand =
            parent != null
                && brandId != null
                && brandId.equals(status.path("in_reply_to_account_id").asText(null));
        yield Optional.of(
            new SeenEngagement(
                statusKey(host, statusId),
                replyToBrand ? EngagementKind.REPLY : EngagementKind.MENTION,
                who,
                replyToBrand ? parent : null,
                when));
      }
      case "follow" ->
          Optional.of(
              new SeenEngagement(
                  "mastodon:" + host + ":follow:" + n.path("id").asText(),
                  EngagementKind.FOLLOW,
                  who,
                  null,
                  when));
      default -> Optional.empty();
    };
  }

  private void readPost(
      URI instance, String token, String brandId, String postId, Map<String, SeenEngagement> out) {
    String host = instance.getHost();
    Instant now = clock.instant();
    String base = "/api/v1/statuses/" + enc(postId);
    try {
      // Favourites and reblogs carry no time of their own: the time Rapport first saw them.
      for (JsonNode a : accounts(instance, token, base + "/favourited_by")) {
        if (a.path("id").asText().equals(brandId)) {
          continue; // the brand's own favourite is not engagement
        }
        SeenAccount who = MastodonAccounts.seen(a, now, host);
        out.putIfAbsent(
            favKey(host, postId, who),
            new SeenEngagement(favKey(host, postId, who), EngagementKind.LIKE, who, postId, now));
      }
      for (JsonNode a : accounts(instance, token, base + "/reblogged_by")) {
        if (a.path("id").asText().equals(brandId)) {
          continue;
        }
        SeenAccount who = MastodonAccounts.seen(a, now, host);
        out.putIfAbsent(
            reblogKey(host, postId, who),
            new SeenEngagement(
                reblogKey(host, postId, who), EngagementKind.REPOST, who, postId, now));
      }
      JsonNode context = api.get(instance, token, base + "/context").body();
      for (JsonNode s : context.path("descendants")) {
        if (!postId.equals(s.path("in_reply_to_id").asText(null))) {
          continue; // a reply to a reply: it concerns that reply, not the brand's post
        }
        if (s.path("account").path("id").asText().equals(brandId)) {
          continue; // the brand continuing its own thread
        }
        SeenAccount who = MastodonAccounts.seen(s.path("account"), now, host);
        Instant at = MastodonAccounts.instant(s.path("created_at").asText(null));
        String key = statusKey(host, s.path("id").asText());
        out.putIfAbsent(
            key, new SeenEngagement(key, EngagementKind.REPLY, who, postId, at == null ? now : at));
      }
    } catch (ApiFailure e) {
      if (e.kind() != ApiFailure.Kind.REFUSED) {
        throw e;
      }
      // The post was deleted or hidden: nothing more to read about it.
    }
  }

  private List<JsonNode> accounts(URI instance, String token, String path) {
    List<JsonNode> all = new ArrayList<>();
    String maxId = null;
    for (int page = 0; page < MAX_PAGES_PER_LIST; page++) {
      MastodonApi.Reply reply =
          api.get(
              instance,
              token,
              path + "?limit=" + MAX_PAGE + (maxId == null ? "" : "&max_id=" + enc(maxId)));
      reply.body().forEach(all::add);
      maxId = LinkHeader.param(reply.link(), "next", "max_id").orElse(null);
      if (maxId == null || reply.body().isEmpty()) {
        break;
      }
    }
    return all;
  }

  static String favKey(String host, String statusId, SeenAccount who) {
    return "mastodon:" + host + ":fav:" + statusId + ":" + who.platformUserId();
  }

  static String reblogKey(String host, String statusId, SeenAccount who) {
    return "mastodon:" + host + ":reblog:" + statusId + ":" + who.platformUserId();
  }

  static String statusKey(String host, String statusId) {
    return "mastodon:" + host + ":status:" + statusId;
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
