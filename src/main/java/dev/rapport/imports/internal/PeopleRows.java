package dev.rapport.imports.internal;

import dev.rapport.people.IdentityKey;
import dev.rapport.people.People;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import java.time.Instant;
import java.util.List;

/** Audience members: identities, optional e-mail, optional follow of a channel. */
final class PeopleRows implements RowKind<PeopleRows.Item> {

  record Item(IdentityKey key, String email, Channel follows, Instant followedAt) {}

  private final long workspaceId;
  private final People people;
  private final ChannelLookup channels;

  PeopleRows(long workspaceId, People people, ChannelLookup channels) {
    this.workspaceId = workspaceId;
    this.people = people;
    this.channels = channels;
  }

  @Override
  public Item parse(Row row) {
    Platform platform = row.platform("platform");
    String userId = row.required("user_id");
    String email = row.text("email");
    if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
      row.problem("email", "not an e-mail address: '" + email + "'");
    }
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
    Instant at = row.time("followed_at");
    if (row.bad()) {
      return null;
    }
    return new Item(
        new IdentityKey(platform, userId, row.text("handle"), row.text("display_name")),
        email,
        follows,
        at);
  }

  @Override
  public void write(List<Item> batch) {
    List<IdentityKey> keys = batch.stream().map(Item::key).toList();
    long[] ids = people.resolve(workspaceId, keys);
    for (int i = 0; i < batch.size(); i++) {
      Item it = batch.get(i);
      if (it.follows() != null) {
        people.follow(workspaceId, it.follows().id(), new long[] {ids[i]}, it.followedAt());
      }
      if (it.email() != null) {
        people.setEmail(workspaceId, ids[i], it.email());
      }
    }
  }
}
