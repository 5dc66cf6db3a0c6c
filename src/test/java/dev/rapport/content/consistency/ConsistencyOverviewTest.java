package dev.rapport.content.consistency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.app.Rapport;
import dev.rapport.content.NewPost;
import dev.rapport.content.PostState;
import dev.rapport.store.TestDatabases;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.Workspace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The stored inputs reach the consistency calculation: plan, published posts, runway. */
class ConsistencyOverviewTest {

  // A Thursday noon: the last complete week is Mon 2026-11-16 .. Sun 2026-11-22.
  static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void planPublishedAndRunwayComeFromStorage(TestDatabases.Kind kind) {
    try (Rapport r = Rapport.on(kind.open(), Clock.fixed(NOW, ZoneOffset.UTC))) {
      Workspace ws =
          r.workspaces().create("bakery", "Bakery", ZoneId.of("UTC"), TargetAudience.NONE);
      Channel planned = r.workspaces().addChannel(ws.id(), Platform.BLUESKY, "b.test", "B");
      r.workspaces().updateChannelPlan(planned.id(), 100L, 2);
      Channel unplanned = r.workspaces().addChannel(ws.id(), Platform.MASTODON, "@b@m.s", "B");

      List<NewPost> posts = new ArrayList<>();
      // Two posts in each of the four weeks before the last complete one, then a gap.
      Instant weekStart = Instant.parse("2026-10-19T09:00:00Z");
      for (int w = 0; w < 4; w++) {
        for (int i = 0; i < 2; i++) {
          Instant at = weekStart.plus(Duration.ofDays(7L * w + 2L * i));
          posts.add(published("p" + w + i, planned.id(), at));
        }
      }
      // Two scheduled posts at the planned spacing of 3.5 days: 7 days of runway.
      posts.add(scheduled("s1", planned.id(), NOW.plus(Duration.ofDays(3))));
      posts.add(scheduled("s2", planned.id(), NOW.plus(Duration.ofDays(10))));
      r.posts().create(ws.id(), posts);

      List<ConsistencyOverview.ChannelStanding> standings = r.consistency().of(ws.id());
      assertThat(standings).hasSize(2);
      var b =
          standings.stream().filter(s -> s.channelId() == planned.id()).findFirst().orElseThrow();
      assertThat(b.postsPerWeek()).isEqualTo(2);
      ConsistencyReport report = b.consistency();
      assertThat(report).isNotNull();
      // Named as a person reads it (spray-and-pray evidence lists the other channels this way).
      assertThat(report.channel()).isEqualTo("bluesky b.test");
      assertThat(report.weeks().stream().mapToInt(WeekRecord::published).sum()).isEqualTo(8);
      assertThat(report.runwayDays()).isCloseTo(7.0, org.assertj.core.data.Offset.offset(0.01));
      assertThat(report.longestGap()).isPresent();
      assertThat(report.longestGap().get().days()).isGreaterThan(14);
      assertThat(report.alerts())
          .anySatisfy(a -> assertThat(a).isInstanceOf(ConsistencyAlert.GapExceedsPlan.class));

      var m =
          standings.stream().filter(s -> s.channelId() == unplanned.id()).findFirst().orElseThrow();
      assertThat(m.consistency()).as("no plan, nothing to measure against").isNull();
      assertThat(m.spray()).isNotNull();
    }
  }

  private static NewPost published(String key, long channel, Instant at) {
    String text = "Our rye loaf " + key + ": 3 flours, 48 hours. Reserve yours today?";
    return new NewPost(
        null,
        text,
        PostState.PUBLISHED,
        key,
        List.of(
            new NewPost.NewVariant(
                channel, text, PostState.PUBLISHED, at, at, "at://" + key, 100L, 80L)));
  }

  private static NewPost scheduled(String key, long channel, Instant at) {
    String text = "Coming up " + key;
    return new NewPost(
        null,
        text,
        PostState.SCHEDULED,
        key,
        List.of(
            new NewPost.NewVariant(
                channel, text, PostState.SCHEDULED, at, null, null, null, null)));
  }
}
