package dev.rapport.platforms.mastodon.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rapport.platforms.Outgoing;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Looks for a status among the account's own recent ones by text and time. Mastodon keeps
 * idempotency keys for an hour but offers no way to query them, so after an unknown outcome the
 * account's timeline is the evidence.
 */
public final class StatusFinder {

  /** Statuses created this long before the due time still count (clock skew, early dispatch). */
  static final Duration EARLY_MARGIN = Duration.ofMinutes(10);

  static final int PAGE = 40;
  static final int MAX_PAGES = 5;

  /** What the search found out. */
  public sealed interface Result {
    record Match(JsonNode status) implements Result {}

    record Absent() implements Result {}

    /** The search reached its page limit without getting back to the due time. */
    record Undecided(int looked) implements Result {}
  }

  private final MastodonApi api;

  public StatusFinder(MastodonApi api) {
    this.api = api;
  }

  public Result find(URI instance, String token, String accountId, Outgoing post) {
    String wanted = StatusText.comparable(post.text());
    String wantedParent = post.replyTo() == null ? null : post.replyTo().platformPostId();
    Instant oldest = post.scheduledAt() == null ? null : post.scheduledAt().minus(EARLY_MARGIN);
    String maxId = null;
    int looked = 0;
    for (int page = 0; page < MAX_PAGES; page++) {
      MastodonApi.Reply reply =
          api.get(
              instance,
              token,
              "/api/v1/accounts/"
                  + enc(accountId)
                  + "/statuses?exclude_reblogs=true&limit="
                  + PAGE
                  + (maxId == null ? "" : "&max_id=" + enc(maxId)));
      for (JsonNode status : reply.body()) {
        looked++;
        Instant created = MastodonAccounts.instant(status.path("created_at").asText(null));
        if (oldest != null && created != null && created.isBefore(oldest)) {
          if (status.path("pinned").asBoolean(false)) {
            continue; // pinned statuses may head the list out of order
          }
          return new Result.Absent();
        }
        if (matches(status, wanted, wantedParent)) {
          return new Result.Match(status);
        }
      }
      maxId =
          LinkHeader.param(reply.link(), "next", "max_id")
              .or(() -> lastId(reply.body()))
              .orElse(null);
      if (reply.body().isEmpty() || maxId == null) {
        return new Result.Absent();
      }
    }
    return new Result.Undecided(looked);
  }

  private static boolean matches(JsonNode status, String wanted, String wantedParent) {
    if (wantedParent != null && !wantedParent.equals(status.path("in_reply_to_id").asText(null))) {
      return false;
    }
    String text =
        status.hasNonNull("text")
            ? status.get("text").asText()
            : StatusText.plain(status.path("content").asText(""));
    return StatusText.comparable(text).equals(wanted);
  }

  private static Optional<String> lastId(JsonNode list) {
    return list.isEmpty()
        ? Optional.empty()
        : Optional.ofNullable(list.get(list.size() - 1).path("id").asText(null));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
