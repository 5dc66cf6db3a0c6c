package dev.rapport.platforms.graph;

import dev.rapport.platforms.SeenEngagement;
import dev.rapport.platforms.SyncPage;
import dev.rapport.platforms.SyncRequest;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads engagement post by post, for platforms without a complete notification feed: walks the
 * request's recent posts and each post's pages, and keeps its place in the cursor ({@code
 * post=<id>&after=<platform cursor>}). A round ends with a null cursor, so the next round starts
 * over and picks up new replies on old posts; the ledger skips what it already has.
 */
public final class PostWalk {

  /** One page of one post's engagement, or why it could not be read. */
  public record Page(List<SeenEngagement> engagements, String nextAfter, Trouble trouble) {

    public static Page of(List<SeenEngagement> engagements, String nextAfter) {
      return new Page(engagements, nextAfter, null);
    }

    public static Page failed(Trouble trouble) {
      return new Page(List.of(), null, trouble);
    }
  }

  /** Reads one page of a post; {@code after} is null for its first page. */
  @FunctionalInterface
  public interface Reader {
    Page read(String postId, String after, int limit);
  }

  private PostWalk() {}

  public static SyncPage walk(SyncRequest request, Reader reader) {
    List<String> posts = request.recentPosts();
    int limit = Math.max(1, request.limit());
    int index = 0;
    String after = null;
    String[] position = parse(request.cursor());
    if (position != null && posts.contains(position[0])) {
      index = posts.indexOf(position[0]);
      after = position[1];
    }
    List<SeenEngagement> collected = new ArrayList<>();
    while (index < posts.size()) {
      String post = posts.get(index);
      Page page = reader.read(post, after, limit - collected.size());
      if (page.trouble() != null) {
        if (collected.isEmpty()) {
          return new SyncPage(List.of(), request.cursor(), false, page.trouble().syncFailure());
        }
        return new SyncPage(collected, cursor(post, after), true, null);
      }
      for (SeenEngagement e : page.engagements()) {
        if (collected.size() < limit) {
          collected.add(e);
        }
      }
      if (page.nextAfter() != null && !page.nextAfter().equals(after)) {
        after = page.nextAfter();
      } else {
        index++;
        after = null;
      }
      if (collected.size() >= limit && index < posts.size()) {
        return new SyncPage(collected, cursor(posts.get(index), after), true, null);
      }
    }
    return new SyncPage(collected, null, false, null);
  }

  static String cursor(String post, String after) {
    return "post="
        + GraphClient.encode(post)
        + "&after="
        + GraphClient.encode(after == null ? "" : after);
  }

  static String[] parse(String cursor) {
    if (cursor == null || !cursor.startsWith("post=") || !cursor.contains("&after=")) {
      return null;
    }
    int split = cursor.indexOf("&after=");
    String post = URLDecoder.decode(cursor.substring(5, split), StandardCharsets.UTF_8);
    String after = URLDecoder.decode(cursor.substring(split + 7), StandardCharsets.UTF_8);
    return new String[] {post, after.isEmpty() ? null : after};
  }
}
