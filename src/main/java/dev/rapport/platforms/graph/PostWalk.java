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
 * post=<id>&after=<platform cursor>&skip=<n>}). A round ends with a null cursor, so the next round
 * starts over and picks up new replies on old posts; the ledger skips what it already has.
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
    int skip = 0;
    Position position = Position.parse(request.cursor());
    if (position != null && posts.contains(position.post())) {
      index = posts.indexOf(position.post());
      after = position.after();
      skip = position.skip();
    }
    List<SeenEngagement> collected = new ArrayList<>();
    while (index < posts.size()) {
      String post = posts.get(index);
      Page page = reader.read(post, after, limit - collected.size());
      if (page.trouble() != null) {
        if (collected.isEmpty()) {
          return new SyncPage(List.of(), request.cursor(), false, page.trouble().syncFailure());
        }
        return new SyncPage(collected, new Position(post, after, skip).toString(), true, null);
      }
      List<SeenEngagement> fresh =
          page.engagements()
              .subList(Math.min(skip, page.engagements().size()), page.engagements().size());
      int room = limit - collected.size();
      if (fresh.size() > room) {
        // Nested replies can make a platform page larger than asked: stop inside it.
        collected.addAll(fresh.subList(0, room));
        return new SyncPage(
            collected, new Position(post, after, skip + room).toString(), true, null);
      }
      collected.addAll(fresh);
      skip = 0;
      if (page.nextAfter() != null && !page.nextAfter().equals(after)) {
        after = page.nextAfter();
      } else {
        index++;
        after = null;
      }
      if (collected.size() >= limit && index < posts.size()) {
        return new SyncPage(
            collected, new Position(posts.get(index), after, 0).toString(), true, null);
      }
    }
    return new SyncPage(collected, null, false, null);
  }

  /**
   * Where a walk stopped: the post, the platform's page cursor, and items already taken from it.
   */
  record Position(String post, String after, int skip) {

    @Override
    public String toString() {
      return "post="
          + GraphClient.encode(post)
          + "&after="
          + GraphClient.encode(after == null ? "" : after)
          + "&skip="
          + skip;
    }

    static Position parse(String cursor) {
      if (cursor == null || !cursor.startsWith("post=")) {
        return null;
      }
      java.util.Map<String, String> parts = new java.util.HashMap<>();
      for (String pair : cursor.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          parts.put(
              pair.substring(0, eq),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      String after = parts.getOrDefault("after", "");
      int skip;
      try {
        skip = Integer.parseInt(parts.getOrDefault("skip", "0"));
      } catch (NumberFormatException e) {
        skip = 0;
      }
      return new Position(parts.get("post"), after.isEmpty() ? null : after, Math.max(0, skip));
    }
  }
}
