package dev.rapport.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.app.Rapport;
import dev.rapport.authenticity.RuleBaseline;
import dev.rapport.content.PostState;
import dev.rapport.publishing.GateReport;
import dev.rapport.publishing.MediaLibrary;
import dev.rapport.publishing.PlannedPost;
import dev.rapport.publishing.PlannedVariant;
import dev.rapport.simulation.SimulationProgress;
import dev.rapport.simulation.SimulationSettings;
import dev.rapport.simulation.Simulator;
import dev.rapport.store.TestDatabases;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.User;
import dev.rapport.workspace.Workspace;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * The demo's plan ahead passes the same rules as a user's: every channel has slots, the three posts
 * are queued (none refused by a quality gate), the Instagram ones carry the photo with its
 * description, and the draft waits in Compose.
 */
class DemoPlanTest {

  static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  @Test
  void theDemoPlansAheadWithinTheRules() throws Exception {
    try (Rapport r = Rapport.on(TestDatabases.h2(), Clock.fixed(NOW, ZoneOffset.UTC))) {
      new Simulator(
              r.workspaces(),
              r.people(),
              r.posts(),
              r.ledger(),
              r.conversions(),
              r.truth(),
              new RuleBaseline())
          .run("demo", SimulationSettings.demo(NOW), SimulationProgress.NONE);
      Workspace ws = r.workspaces().bySlug("demo").orElseThrow();
      User owner = r.workspaces().createUser("demo@rapport.local", "Demo owner", "x");
      r.workspaces().grant(ws.id(), owner.id(), Role.OWNER);

      DemoPlan.Seeded seeded = DemoPlan.seed(r, ws, owner.id());

      assertThat(seeded.refused()).isEmpty();
      assertThat(seeded.queued()).isEqualTo(3);
      Map<PostState, Long> counts = r.reviews().counts(ws.id());
      assertThat(counts.get(PostState.SCHEDULED)).isEqualTo(3);
      assertThat(counts.get(PostState.DRAFT)).isEqualTo(1);
      for (Channel c : r.workspaces().channels(ws.id())) {
        assertThat(r.planner().slots(ws.id(), c.id())).as(c.handle()).hasSize(3);
      }
      Channel instagram =
          r.workspaces().channels(ws.id()).stream()
              .filter(c -> c.platform() == Platform.INSTAGRAM)
              .findFirst()
              .orElseThrow();
      int planned = 0;
      for (PlannedPost post : r.reviews().posts(ws.id(), null, 0, 20).posts()) {
        if (post.authorId() == null || post.authorId() != owner.id()) {
          continue; // the simulated history
        }
        planned++;
        for (PlannedVariant v : post.variants()) {
          if (v.channelId() != instagram.id()) {
            assertThat(v.media()).isEmpty();
            continue;
          }
          assertThat(v.media()).singleElement();
          var m = v.media().get(0);
          assertThat(m.altText()).contains("sourdough loaf");
          String name = MediaLibrary.nameOf(m.location()).orElseThrow();
          byte[] jpeg = r.media().content(ws.id(), name).orElseThrow().bytes();
          BufferedImage image = ImageIO.read(new ByteArrayInputStream(jpeg));
          // Instagram's portrait ratio, 4:5.
          assertThat(image.getWidth() * 5).isEqualTo(image.getHeight() * 4);
          if (v.state() == PostState.SCHEDULED) {
            GateReport gates = r.gates().check(ws.id(), v.id(), v.scheduledAt());
            assertThat(gates.passed()).as(gates.toString()).isTrue();
          }
        }
      }
      assertThat(planned).isEqualTo(4);
    }
  }
}
