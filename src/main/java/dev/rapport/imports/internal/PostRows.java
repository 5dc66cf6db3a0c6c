package dev.rapport.imports.internal;

import dev.rapport.content.NewPost;
import dev.rapport.content.PostState;
import dev.rapport.content.Posts;
import dev.rapport.workspace.Channel;
import java.time.Instant;
import java.util.List;

/** Posts, published or not, one channel each (a post on several channels: one row per channel). */
final class PostRows implements RowKind<NewPost> {

  private final long workspaceId;
  private final Posts posts;
  private final ChannelLookup channels;

  PostRows(long workspaceId, Posts posts, ChannelLookup channels) {
    this.workspaceId = workspaceId;
    this.posts = posts;
    this.channels = channels;
  }

  @Override
  public NewPost parse(Row row) {
    String key = row.required("post_key");
    String ref = row.required("channel");
    String text = row.required("text");
    Channel channel = null;
    if (ref != null) {
      channel = channels.find(ref, null).orElse(null);
      if (channel == null) {
        row.problem("channel", "no channel '" + ref + "'; " + channels.known());
      }
    }
    Instant published = row.time("published_at");
    Long followers = row.count("followers_at_publish");
    Long authentic = row.count("authentic_followers_at_publish");
    if (followers != null && authentic != null && authentic > followers) {
      row.problem(
          "authentic_followers_at_publish",
          "is larger than followers_at_publish (" + authentic + " > " + followers + ")");
    }
    String platformId = row.text("platform_post_id");
    String title = row.text("title");
    if (row.bad()) {
      return null;
    }
    PostState state = published != null ? PostState.PUBLISHED : PostState.DRAFT;
    return new NewPost(
        title,
        text,
        state,
        // Keyed per channel so that one post_key may carry a variant per channel.
        key + "@" + channel.id(),
        List.of(
            new NewPost.NewVariant(
                channel.id(), text, state, null, published, platformId, followers, authentic)));
  }

  @Override
  public void write(List<NewPost> batch) {
    posts.create(workspaceId, batch);
  }
}
