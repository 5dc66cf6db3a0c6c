package dev.rapport.imports.internal;

import dev.rapport.content.Posts;
import dev.rapport.engagement.Engagement;
import dev.rapport.engagement.EngagementKind;
import dev.rapport.engagement.Ledger;
import dev.rapport.people.IdentityKey;
import dev.rapport.people.People;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Engagement events: who did what, on which post, when; identities are created as needed. */
final class EngagementRows implements RowKind<EngagementRows.Item> {

  record Item(
      IdentityKey who,
      Long channelId,
      Long variantId,
      EngagementKind kind,
      Instant at,
      String key) {}

  private final long workspaceId;
  private final People people;
  private final Posts posts;
  private final Ledger ledger;
  private final ChannelLookup channels;
  private final Map<String, Optional<Long>> variants = new HashMap<>();

  EngagementRows(
      long workspaceId, People people, Posts posts, Ledger ledger, ChannelLookup channels) {
    this.workspaceId = workspaceId;
    this.people = people;
    this.posts = posts;
    this.ledger = ledger;
    this.channels = channels;
  }

  @Override
  public Item parse(Row row) {
    String key = row.required("event_key");
    if (key != null && key.length() > Engagement.MAX_KEY_LENGTH) {
      row.problem("event_key", "longer than " + Engagement.MAX_KEY_LENGTH + " characters");
    }
    Platform platform = row.platform("platform");
    String userId = row.required("user_id");
    EngagementKind kind = null;
    String k = row.required("kind");
    if (k != null) {
      try {
        kind = EngagementKind.fromCode(k);
      } catch (IllegalArgumentException e) {
        row.problem(
            "kind",
            "unknown kind '"
                + k
                + "' (like, reply, repost, quote, mention, click, purchase, follow, unfollow)");
      }
    }
    Instant at = row.time("occurred_at");
    if (at == null && !row.bad()) {
      row.problem("occurred_at", "is required");
    }
    Channel channel = null;
    String ref = row.text("channel");
    if (ref != null && platform != null) {
      channel = channels.find(ref, platform).orElse(null);
      if (channel == null) {
        row.problem(
            "channel", "no channel '" + ref + "' on " + platform.code() + "; " + channels.known());
      }
    } else if (platform != null) {
      channel = channels.only(platform).orElse(null);
    }
    Long variant = null;
    String postKey = row.text("post_key");
    String platformPostId = row.text("platform_post_id");
    if ((postKey != null || platformPostId != null) && channel == null && !row.bad()) {
      row.problem("channel", "needed to find the post; " + channels.known());
    } else if (channel != null && (postKey != null || platformPostId != null)) {
      long ch = channel.id();
      Optional<Long> found =
          postKey != null
              ? variants.computeIfAbsent(
                  "k" + ch + "|" + postKey,
                  x -> posts.variantByExternalKey(workspaceId, ch, postKey + "@" + ch))
              : variants.computeIfAbsent(
                  "p" + ch + "|" + platformPostId,
                  x -> posts.variantByPlatformId(workspaceId, ch, platformPostId));
      if (found.isEmpty()) {
        row.problem(
            postKey != null ? "post_key" : "platform_post_id",
            "no post '"
                + (postKey != null ? postKey : platformPostId)
                + "' on "
                + channel.platform().code()
                + ":"
                + channel.handle()
                + " (import the posts first)");
      } else {
        variant = found.get();
      }
    }
    String handle = row.text("handle");
    String name = row.text("display_name");
    if (row.bad()) {
      return null;
    }
    return new Item(
        new IdentityKey(platform, userId, handle, name),
        channel == null ? null : channel.id(),
        variant,
        kind,
        at,
        key);
  }

  @Override
  public void write(List<Item> batch) {
    long[] ids = people.resolve(workspaceId, batch.stream().map(Item::who).toList());
    List<Engagement> events = new java.util.ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      Item it = batch.get(i);
      events.add(
          new Engagement(
              ids[i], it.channelId(), it.variantId(), it.kind(), it.at(), "csv", it.key()));
    }
    ledger.ingest(workspaceId, events);
  }
}
