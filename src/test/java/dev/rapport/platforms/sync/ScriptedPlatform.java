package dev.rapport.platforms.sync;

import dev.rapport.authenticity.ProfileSnapshot;
import dev.rapport.content.quality.MediaKind;
import dev.rapport.engagement.EngagementKind;
import dev.rapport.platforms.Account;
import dev.rapport.platforms.Capabilities;
import dev.rapport.platforms.Connector;
import dev.rapport.platforms.FollowerPage;
import dev.rapport.platforms.Lookup;
import dev.rapport.platforms.Outgoing;
import dev.rapport.platforms.PublishResult;
import dev.rapport.platforms.SeenAccount;
import dev.rapport.platforms.SeenEngagement;
import dev.rapport.platforms.SyncPage;
import dev.rapport.platforms.SyncRequest;
import dev.rapport.workspace.Platform;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A platform whose engagement and follower lists are pages the test writes, addressed by cursor (""
 * is the first). It records every request, and can fail a cursor once.
 */
final class ScriptedPlatform implements Connector {

  final Map<String, SyncPage> pages = new HashMap<>();
  final Map<String, FollowerPage> followerPages = new HashMap<>();
  final Map<String, SyncPage.SyncFailure> failOnce = new HashMap<>();
  final List<SyncRequest> requests = new CopyOnWriteArrayList<>();
  final List<String> followerCursors = new CopyOnWriteArrayList<>();
  volatile Runnable duringRead = () -> {};

  @Override
  public Platform platform() {
    return Platform.BLUESKY;
  }

  @Override
  public Capabilities capabilities() {
    return new Capabilities(
        false, true, 300, 4, Set.of(MediaKind.IMAGE), false, 1, Duration.ZERO, 0);
  }

  @Override
  public PublishResult publish(Account account, Outgoing post) {
    throw new UnsupportedOperationException("the sync tests do not publish");
  }

  @Override
  public Lookup find(Account account, Outgoing post) {
    throw new UnsupportedOperationException("the sync tests do not publish");
  }

  @Override
  public SyncPage engagement(Account account, SyncRequest request) {
    requests.add(request);
    duringRead.run();
    String at = request.cursor() == null ? "" : request.cursor();
    SyncPage.SyncFailure f = failOnce.remove(at);
    if (f != null) {
      return new SyncPage(List.of(), request.cursor(), false, f);
    }
    SyncPage page = pages.get(at);
    return page != null ? page : new SyncPage(List.of(), request.cursor(), false, null);
  }

  @Override
  public FollowerPage followers(Account account, String cursor) {
    String at = cursor == null ? "" : cursor;
    followerCursors.add(at);
    FollowerPage page = followerPages.get(at);
    return page != null ? page : new FollowerPage(List.of(), null, null);
  }

  static SeenAccount person(String did, String handle) {
    return new SeenAccount(
        did,
        handle,
        handle,
        ProfileSnapshot.builder("bluesky", did)
            .handle(handle)
            .observedAt(Instant.parse("2026-11-26T10:00:00Z"))
            .followersCount(12L)
            .followingCount(40L)
            .postsCount(100L)
            .build());
  }

  static SeenEngagement like(String did, String post, Instant at) {
    return new SeenEngagement(
        "like:" + did + ":" + post, EngagementKind.LIKE, person(did, did + ".test"), post, at);
  }

  static SeenEngagement reply(String did, String uri, String post, Instant at) {
    return new SeenEngagement(uri, EngagementKind.REPLY, person(did, did + ".test"), post, at);
  }

  static SeenEngagement follow(String did, Instant at) {
    return new SeenEngagement(
        "follow:" + did, EngagementKind.FOLLOW, person(did, did + ".test"), null, at);
  }

  static List<SeenEngagement> list(SeenEngagement... e) {
    return new ArrayList<>(List.of(e));
  }
}
