package dev.rapport.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.content.PostState;
import dev.rapport.content.quality.MediaKind;
import dev.rapport.store.TestDatabases;
import dev.rapport.workspace.TargetAudience;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Each gate fails on a variant made to fail it, and passes otherwise; overrides are recorded. */
class GatesTest {

  static final Instant AT = Instant.parse("2027-03-26T09:00:00Z");

  static long single(
      PlanFixture f, dev.rapport.workspace.Channel ch, String text, List<VariantMedia> media) {
    long post =
        f.reviews()
            .create(
                f.author,
                f.ws.id(),
                new DraftPost("t", List.of(new DraftPost.DraftVariant(ch.id(), text, media))));
    return f.variant(post, ch);
  }

  static Set<Gate> failed(PlanFixture f, long variant) {
    return f.gates().check(f.ws.id(), variant, AT).failed();
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void eachGateFailsOnItsCraftedVariant(TestDatabases.Kind kind) {
    try (PlanFixture f = new PlanFixture(kind.open())) {
      long good = single(f, f.mastodon, PlanFixture.GOOD, List.of());
      GateReport ok = f.gates().check(f.ws.id(), good, AT);
      assertThat(ok.passed()).as(ok.toString()).isTrue();
      assertThat(ok.results()).hasSize(Gate.values().length);

      // Platform limits: too long for Bluesky, an image without alt text, five images.
      long tooLong =
          single(
              f,
              f.bluesky,
              PlanFixture.GOOD + " " + PlanFixture.GOOD + " " + PlanFixture.GOOD,
              List.of());
      // Over the limit the rubric's platform fit is capped too, so both gates fail.
      assertThat(failed(f, tooLong)).contains(Gate.PLATFORM_LIMITS);
      assertThat(f.gates().check(f.ws.id(), tooLong, AT).result(Gate.PLATFORM_LIMITS).message())
          .contains("graphemes on bluesky");
      long noAlt =
          single(
              f,
              f.mastodon,
              PlanFixture.GOOD,
              List.of(new VariantMedia(MediaKind.IMAGE, "rye.jpg", "")));
      assertThat(failed(f, noAlt)).containsExactly(Gate.PLATFORM_LIMITS);
      VariantMedia img = new VariantMedia(MediaKind.IMAGE, "rye.jpg", "A rye loaf on a board");
      long five = single(f, f.bluesky, PlanFixture.GOOD_TOO, List.of(img, img, img, img, img));
      assertThat(f.gates().check(f.ws.id(), five, AT).result(Gate.PLATFORM_LIMITS).message())
          .contains("5 attachments; bluesky takes at most 4");
      long videoAndImage =
          single(
              f,
              f.bluesky,
              PlanFixture.GOOD_TOO,
              List.of(img, new VariantMedia(MediaKind.VIDEO, "v.mp4", "Kneading")));
      assertThat(failed(f, videoAndImage)).containsExactly(Gate.PLATFORM_LIMITS);

      // Rubric: vague and shouting.
      long weak = single(f, f.mastodon, "Amazing!!! Best ever. Check it out!!!", List.of());
      assertThat(failed(f, weak)).contains(Gate.RUBRIC);
      assertThat(f.gates().check(f.ws.id(), weak, AT).result(Gate.RUBRIC).message())
          .contains("below the bar of 50");

      // Tracked links: a plain link fails; replacing it makes a tracked link that passes.
      long linked =
          single(
              f,
              f.mastodon,
              "Our rye sourdough is back on Saturday at the Kreuzberg market stall: 8 EUR a loaf."
                  + " Order at https://shop.example/rye before Friday.",
              List.of());
      assertThat(failed(f, linked)).containsExactly(Gate.TRACKED_LINKS);
      assertThatThrownBy(() -> f.gates().trackLinks(f.author, f.ws.id(), linked))
          .isInstanceOf(Refused.class)
          .hasMessageContaining("--link-base");
      f.settings(
          new PublishingSettings(
              false, EnumSet.allOf(Gate.class), 50, 3, "https://go.bakery.test/"));
      Gates.LinkTracking tracking = f.gates().trackLinks(f.author, f.ws.id(), linked);
      assertThat(tracking.replaced()).containsOnlyKeys("https://shop.example/rye");
      String tracked = tracking.replaced().get("https://shop.example/rye");
      assertThat(tracked).matches("https://go\\.bakery\\.test/l/[A-Za-z0-9]{8}");
      assertThat(f.reviews().variant(f.ws.id(), linked).orElseThrow().text())
          .contains(tracked + " before");
      assertThat(failed(f, linked)).isEmpty();
      assertThat(
              f.rapport
                  .links()
                  .byCode(tracked.substring(tracked.length() - 8))
                  .orElseThrow()
                  .utmSource())
          .isEqualTo("mastodon");
      // A short link of the right shape that Rapport never made is not tracked.
      long fake =
          single(f, f.mastodon, PlanFixture.GOOD + " https://go.bakery.test/l/AAAAAAAA", List.of());
      assertThat(failed(f, fake)).containsExactly(Gate.TRACKED_LINKS);

      // Cross-post: the same text (up to case and spacing) on both channels.
      long post =
          f.reviews()
              .create(
                  f.author,
                  f.ws.id(),
                  new DraftPost(
                      "same",
                      List.of(
                          new DraftPost.DraftVariant(f.mastodon.id(), PlanFixture.GOOD, List.of()),
                          new DraftPost.DraftVariant(
                              f.bluesky.id(),
                              "  " + PlanFixture.GOOD.toUpperCase() + " ",
                              List.of()))));
      assertThat(failed(f, f.variant(post, f.mastodon))).containsExactly(Gate.CROSS_POST);
      assertThat(
              f.gates()
                  .check(f.ws.id(), f.variant(post, f.mastodon), AT)
                  .result(Gate.CROSS_POST)
                  .message())
          .contains("identical to the bluesky bakery.bsky variant");

      // Audience: a workspace that never said who it wants to reach.
      f.rapport.workspaces().updateAudience(f.ws.id(), TargetAudience.NONE);
      assertThat(failed(f, good)).contains(Gate.AUDIENCE);
      // Switched off, a gate no longer fails.
      EnumSet<Gate> noAudience = EnumSet.allOf(Gate.class);
      noAudience.remove(Gate.AUDIENCE);
      f.settings(new PublishingSettings(false, noAudience, 50, 3, null));
      assertThat(f.gates().check(f.ws.id(), good, AT).result(Gate.AUDIENCE))
          .isInstanceOf(GateResult.Off.class);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void frequencyCapAndOverrides(TestDatabases.Kind kind) {
    try (PlanFixture f = new PlanFixture(kind.open())) {
      f.settings(new PublishingSettings(false, EnumSet.allOf(Gate.class), 50, 1, null));
      long first = single(f, f.mastodon, PlanFixture.GOOD, List.of());
      long second = single(f, f.mastodon, PlanFixture.GOOD_TOO, List.of());
      assertThat(f.planner().schedule(f.author, f.ws.id(), first, AT, null))
          .isInstanceOf(ScheduleOutcome.Scheduled.class);
      // Same Berlin day, later hour: over the cap of one.
      Instant later = AT.plusSeconds(6 * 3600);
      ScheduleOutcome blocked = f.planner().schedule(f.author, f.ws.id(), second, later, null);
      assertThat(blocked).isInstanceOf(ScheduleOutcome.Blocked.class);
      assertThat(((ScheduleOutcome.Blocked) blocked).report().failed())
          .containsExactly(Gate.FREQUENCY);
      assertThat(((ScheduleOutcome.Blocked) blocked).report().result(Gate.FREQUENCY).message())
          .contains("already has 1 post(s) on 2027-03-26");
      // The next Berlin day is free (23:30 UTC on the 26th is already the 27th in Berlin).
      assertThat(f.gates().check(f.ws.id(), second, Instant.parse("2027-03-26T23:30:00Z")).passed())
          .isTrue();

      GateOverride override = new GateOverride(Set.of(Gate.FREQUENCY), "Market day special");
      assertThatThrownBy(() -> f.planner().schedule(f.author, f.ws.id(), second, later, override))
          .isInstanceOf(Refused.class)
          .hasMessageContaining("override quality gates");
      ScheduleOutcome wrong =
          f.planner()
              .schedule(
                  f.manager, f.ws.id(), second, later, new GateOverride(Set.of(Gate.RUBRIC), "x"));
      assertThat(wrong).isInstanceOf(ScheduleOutcome.Blocked.class);
      assertThat(((ScheduleOutcome.Blocked) wrong).message()).contains("does not name frequency");
      assertThat(f.reviews().variant(f.ws.id(), second).orElseThrow().state())
          .isEqualTo(PostState.DRAFT);

      ScheduleOutcome ok = f.planner().schedule(f.manager, f.ws.id(), second, later, override);
      assertThat(ok).isInstanceOf(ScheduleOutcome.Scheduled.class);
      assertThat(((ScheduleOutcome.Scheduled) ok).overridden()).containsExactly(Gate.FREQUENCY);
      long postId = f.reviews().variant(f.ws.id(), second).orElseThrow().postId();
      HistoryEntry entry =
          f.reviews().history(f.ws.id(), postId).stream()
              .filter(h -> h.action().equals("override"))
              .findFirst()
              .orElseThrow();
      assertThat(entry.userId()).isEqualTo(f.manager);
      assertThat(entry.variantId()).isEqualTo(second);
      assertThat(entry.note()).contains("gates: frequency").contains("reason: Market day special");
      assertThat(f.dispatch.last())
          .isEqualTo(new RecordingDispatch.Notice(f.ws.id(), second, later));
    }
  }
}
