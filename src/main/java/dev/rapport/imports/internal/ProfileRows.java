package dev.rapport.imports.internal;

import dev.rapport.authenticity.ProfileSnapshot;
import dev.rapport.authenticity.Scorer;
import dev.rapport.authenticity.Verdict;
import dev.rapport.people.IdentityKey;
import dev.rapport.people.People;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Profile snapshots of audience members; each is scored with the current scorer so that verdicts
 * follow the newest profile.
 */
final class ProfileRows implements RowKind<ProfileRows.Item> {

  record Item(IdentityKey key, ProfileSnapshot profile, Channel follows) {}

  private final long workspaceId;
  private final People people;
  private final Scorer scorer;
  private final ChannelLookup channels;
  private final Instant now;

  ProfileRows(long workspaceId, People people, Scorer scorer, ChannelLookup channels, Instant now) {
    this.workspaceId = workspaceId;
    this.people = people;
    this.scorer = scorer;
    this.channels = channels;
    this.now = now;
  }

  @Override
  public Item parse(Row row) {
    Platform platform = row.platform("platform");
    String userId = row.required("user_id");
    Instant observed = row.time("observed_at");
    if (observed == null && !row.bad()) {
      row.problem("observed_at", "is required");
    }
    String handle = row.text("handle");
    ProfileSnapshot p =
        ProfileSnapshot.builder(platform == null ? "" : platform.code(), userId)
            .handle(handle)
            .displayName(row.text("display_name"))
            .observedAt(observed)
            .accountCreatedAt(row.time("created_at"))
            .followersCount(row.count("followers"))
            .followingCount(row.count("following"))
            .postsCount(row.count("posts"))
            .likesCount(row.count("likes"))
            .listedCount(row.count("listed"))
            .bio(row.text("bio"))
            .url(row.text("url"))
            .location(row.text("location"))
            .defaultAvatar(row.flag("default_avatar"))
            .defaultProfile(row.flag("default_profile"))
            .verified(row.flag("verified"))
            .declaredBot(row.flag("bot"))
            .protectedAccount(row.flag("protected"))
            .language(row.text("language"))
            .lastActivityAt(row.time("last_active_at"))
            .build();
    Channel follows = null;
    String ref = row.text("follows_channel");
    if (ref != null && platform != null) {
      follows = channels.find(ref, platform).orElse(null);
      if (follows == null) {
        row.problem(
            "follows_channel",
            "no channel '" + ref + "' on " + platform.code() + "; " + channels.known());
      }
    }
    if (observed != null && observed.isAfter(now.plusSeconds(86_400))) {
      row.problem("observed_at", "is in the future: " + observed);
    }
    if (row.bad()) {
      return null;
    }
    return new Item(new IdentityKey(platform, userId, handle, p.displayName()), p, follows);
  }

  @Override
  public void write(List<Item> batch) {
    long[] ids = people.resolve(workspaceId, batch.stream().map(Item::key).toList());
    List<ProfileSnapshot> profiles = batch.stream().map(Item::profile).toList();
    people.saveProfiles(workspaceId, ids, profiles);
    // One verdict per identity: a file may list the same account twice (two snapshots, or a
    // repeated row), and the later row in the file is the one that counts.
    java.util.Map<Long, Integer> last = new java.util.LinkedHashMap<>();
    for (int i = 0; i < ids.length; i++) {
      last.remove(ids[i]);
      last.put(ids[i], i);
    }
    long[] judged = new long[last.size()];
    List<Verdict> verdicts = new ArrayList<>(last.size());
    int k = 0;
    for (var e : last.entrySet()) {
      judged[k++] = e.getKey();
      verdicts.add(scorer.score(profiles.get(e.getValue()), now));
    }
    people.recordVerdicts(workspaceId, judged, verdicts, now);
    for (int i = 0; i < batch.size(); i++) {
      Channel c = batch.get(i).follows();
      if (c != null) {
        people.follow(workspaceId, c.id(), new long[] {ids[i]}, null);
      }
    }
  }
}
