package dev.rapport.platforms.internal;

import dev.rapport.authenticity.ProfileSnapshot;
import dev.rapport.content.Posts;
import dev.rapport.engagement.Engagement;
import dev.rapport.engagement.EngagementKind;
import dev.rapport.engagement.IngestResult;
import dev.rapport.engagement.Ledger;
import dev.rapport.people.IdentityKey;
import dev.rapport.people.People;
import dev.rapport.platforms.SeenAccount;
import dev.rapport.platforms.SeenEngagement;
import dev.rapport.workspace.Platform;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what a platform reported into Rapport's records: identities (with their profiles), the post
 * variant each engagement concerns, ledger events, and follows. Call inside the transaction that
 * also moves the cursor.
 */
final class SyncIngest {

  private final People people;
  private final Posts posts;
  private final Ledger ledger;

  SyncIngest(People people, Posts posts, Ledger ledger) {
    this.people = people;
    this.posts = posts;
    this.ledger = ledger;
  }

  /** Per run: which variant a platform post id is (asked once per post). */
  static final class Variants {
    final Map<String, Optional<Long>> known = new HashMap<>();
  }

  IngestResult engagements(
      long workspaceId,
      long channelId,
      Platform platform,
      List<SeenEngagement> seen,
      Variants variants,
      Instant now) {
    if (seen.isEmpty()) {
      return IngestResult.NONE;
    }
    Map<String, SeenAccount> accounts = new LinkedHashMap<>();
    for (SeenEngagement e : seen) {
      accounts.putIfAbsent(e.who().platformUserId(), e.who());
    }
    Map<String, Long> ids = identities(workspaceId, platform, new ArrayList<>(accounts.values()));
    List<Engagement> events = new ArrayList<>();
    List<Long> followers = new ArrayList<>();
    Instant followedAt = null;
    for (SeenEngagement e : seen) {
      long identity = ids.get(e.who().platformUserId());
      Long variant = null;
      if (e.platformPostId() != null) {
        variant =
            variants
                .known
                .computeIfAbsent(
                    e.platformPostId(), id -> posts.variantByPlatformId(workspaceId, channelId, id))
                .orElse(null);
      }
      Instant at = e.occurredAt().isAfter(now) ? now : e.occurredAt();
      events.add(
          new Engagement(
              identity, channelId, variant, e.kind(), at, platform.code(), key(e.eventKey())));
      if (e.kind() == EngagementKind.FOLLOW) {
        followers.add(identity);
        followedAt = followedAt == null || at.isAfter(followedAt) ? at : followedAt;
      }
    }
    IngestResult result = ledger.ingest(workspaceId, events);
    if (!followers.isEmpty()) {
      people.follow(
          workspaceId,
          channelId,
          followers.stream().mapToLong(Long::longValue).distinct().toArray(),
          followedAt);
    }
    return result;
  }

  /** Followers of the channel, with their profiles. */
  void followers(
      long workspaceId, long channelId, Platform platform, List<SeenAccount> seen, Instant now) {
    if (seen.isEmpty()) {
      return;
    }
    Map<String, Long> ids = identities(workspaceId, platform, seen);
    people.follow(
        workspaceId,
        channelId,
        seen.stream().mapToLong(a -> ids.get(a.platformUserId())).distinct().toArray(),
        now);
  }

  /** Resolves accounts to identity ids and stores the profiles that came with them. */
  private Map<String, Long> identities(
      long workspaceId, Platform platform, List<SeenAccount> accounts) {
    List<IdentityKey> keys = new ArrayList<>();
    Map<String, SeenAccount> unique = new LinkedHashMap<>();
    for (SeenAccount a : accounts) {
      if (unique.putIfAbsent(a.platformUserId(), a) == null) {
        keys.add(new IdentityKey(platform, a.platformUserId(), a.handle(), a.displayName()));
      }
    }
    long[] resolved = people.resolve(workspaceId, keys);
    Map<String, Long> ids = new HashMap<>();
    List<Long> withProfile = new ArrayList<>();
    List<ProfileSnapshot> profiles = new ArrayList<>();
    int i = 0;
    for (SeenAccount a : unique.values()) {
      ids.put(a.platformUserId(), resolved[i]);
      if (a.profile() != null) {
        withProfile.add(resolved[i]);
        profiles.add(daily(a.profile()));
      }
      i++;
    }
    if (!profiles.isEmpty()) {
      people.saveProfiles(
          workspaceId, withProfile.stream().mapToLong(Long::longValue).toArray(), profiles);
    }
    return ids;
  }

  /**
   * The snapshot dated to the start of its UTC day. Syncs see the same people every few minutes;
   * People keeps one snapshot per identity and moment, so this keeps one per identity and day.
   */
  static ProfileSnapshot daily(ProfileSnapshot p) {
    if (p.observedAt() == null) {
      return p;
    }
    Instant day = p.observedAt().truncatedTo(java.time.temporal.ChronoUnit.DAYS);
    return new ProfileSnapshot(
        p.platform(),
        p.platformUserId(),
        p.handle(),
        p.displayName(),
        day,
        p.accountCreatedAt(),
        p.followersCount(),
        p.followingCount(),
        p.postsCount(),
        p.likesCount(),
        p.listedCount(),
        p.bio(),
        p.url(),
        p.location(),
        p.defaultAvatar(),
        p.defaultProfile(),
        p.verified(),
        p.declaredBot(),
        p.protectedAccount(),
        p.language(),
        p.lastActivityAt());
  }

  /** Keys longer than the ledger keeps are replaced by their digest (still stable). */
  static String key(String eventKey) {
    if (eventKey.length() <= Engagement.MAX_KEY_LENGTH) {
      return eventKey;
    }
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(eventKey.getBytes(StandardCharsets.UTF_8));
      return "sha256:" + HexFormat.of().formatHex(d);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
