package dev.rapport.platforms.graph;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.engagement.EngagementKind;
import dev.rapport.platforms.SeenAccount;
import dev.rapport.platforms.SeenEngagement;
import dev.rapport.platforms.SyncPage;
import dev.rapport.platforms.SyncRequest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The post-by-post walk never exceeds the limit, never loses an event, and resumes in place. */
class PostWalkTest {

  /** Two posts; post "a" has two platform pages of 3 events each, post "b" one page of 2. */
  private final Map<String, List<List<String>>> pages =
      Map.of(
          "a", List.of(List.of("a1", "a2", "a3"), List.of("a4", "a5", "a6")),
          "b", List.of(List.of("b1", "b2")));

  private final PostWalk.Reader reader =
      (post, after, limit) -> {
        int index = after == null ? 0 : Integer.parseInt(after);
        List<SeenEngagement> events = new ArrayList<>();
        for (String id : pages.get(post).get(index)) {
          events.add(
              new SeenEngagement(
                  id,
                  EngagementKind.REPLY,
                  new SeenAccount("u", "u", null, null),
                  post,
                  Instant.EPOCH));
        }
        return PostWalk.Page.of(
            events, index + 1 < pages.get(post).size() ? Integer.toString(index + 1) : null);
      };

  @Test
  void walksEveryEventOnceWithinTheLimitWhateverThePageSize() {
    for (int limit = 1; limit <= 9; limit++) {
      List<String> seen = new ArrayList<>();
      String cursor = null;
      int steps = 0;
      do {
        SyncPage page = PostWalk.walk(new SyncRequest(cursor, List.of("a", "b"), limit), reader);
        assertThat(page.engagements()).hasSizeLessThanOrEqualTo(limit);
        page.engagements().forEach(e -> seen.add(e.eventKey()));
        assertThat(page.more()).isEqualTo(page.nextCursor() != null);
        cursor = page.nextCursor();
      } while (cursor != null && ++steps < 50);
      assertThat(seen)
          .as("limit " + limit)
          .containsExactly("a1", "a2", "a3", "a4", "a5", "a6", "b1", "b2");
    }
  }

  @Test
  void aCursorForAPostNoLongerRecentStartsOver() {
    SyncPage page =
        PostWalk.walk(new SyncRequest("post=gone&after=3&skip=1", List.of("b"), 10), reader);
    assertThat(page.engagements()).extracting(SeenEngagement::eventKey).containsExactly("b1", "b2");
  }

  @Test
  void aFailureBeforeAnythingWasReadKeepsTheCursorAndSaysWhy() {
    PostWalk.Reader failing =
        (post, after, limit) -> PostWalk.Page.failed(Trouble.rateLimited("slow down", null));
    SyncPage page =
        PostWalk.walk(new SyncRequest("post=a&after=1&skip=0", List.of("a"), 5), failing);
    assertThat(page.engagements()).isEmpty();
    assertThat(page.nextCursor()).isEqualTo("post=a&after=1&skip=0");
    assertThat(page.failure().message()).isEqualTo("slow down");
  }
}
