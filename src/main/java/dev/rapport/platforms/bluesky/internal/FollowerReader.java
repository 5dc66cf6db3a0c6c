package dev.rapport.platforms.bluesky.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rapport.platforms.Account;
import dev.rapport.platforms.FollowerPage;
import dev.rapport.platforms.SeenAccount;
import dev.rapport.platforms.SyncPage;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Followers with full profiles: getFollowers names them (basic views, no counts), getProfiles (25
 * at a time) adds the counts, creation time and labels that audits need.
 */
public final class FollowerReader {

  static final int PAGE = 100;
  static final int PROFILES_PER_CALL = 25;

  private final BlueskyApi api;
  private final Clock clock;

  public FollowerReader(BlueskyApi api, Clock clock) {
    this.api = api;
    this.clock = clock;
  }

  public FollowerPage read(Account account, String cursor) {
    String did = api.session(account).did();
    Map<String, Object> params = new LinkedHashMap<>();
    params.put("actor", did);
    params.put("limit", PAGE);
    params.put("cursor", cursor);
    XrpcResponse r = api.get(account, "app.bsky.graph.getFollowers", params);
    if (!r.ok()) {
      return new FollowerPage(List.of(), cursor, failure(r));
    }
    Instant now = clock.instant();
    Map<String, JsonNode> basic = new LinkedHashMap<>();
    for (JsonNode f : r.body().path("followers")) {
      basic.put(f.path("did").asText(), f);
    }
    Map<String, JsonNode> detailed = new LinkedHashMap<>();
    List<String> dids = new ArrayList<>(basic.keySet());
    for (int i = 0; i < dids.size(); i += PROFILES_PER_CALL) {
      List<String> chunk = dids.subList(i, Math.min(dids.size(), i + PROFILES_PER_CALL));
      XrpcResponse p = api.get(account, "app.bsky.actor.getProfiles", Map.of("actors", chunk));
      if (!p.ok()) {
        return new FollowerPage(List.of(), cursor, failure(p));
      }
      for (JsonNode profile : p.body().path("profiles")) {
        detailed.put(profile.path("did").asText(), profile);
      }
    }
    List<SeenAccount> followers = new ArrayList<>();
    for (Map.Entry<String, JsonNode> e : basic.entrySet()) {
      // A profile missing from getProfiles (deactivated meanwhile) keeps its basic view.
      followers.add(Profiles.account(detailed.getOrDefault(e.getKey(), e.getValue()), now));
    }
    String next = r.body().path("cursor").asText(null);
    return new FollowerPage(followers, basic.isEmpty() ? null : next, null);
  }

  private SyncPage.SyncFailure failure(XrpcResponse r) {
    return new SyncPage.SyncFailure(
        r.status() == 429
            ? "Bluesky rate limit reached; followers are read later"
            : "Bluesky could not list followers: " + r.message() + " (HTTP " + r.status() + ")",
        false,
        r.retryAfter(clock).orElse(null));
  }
}
