package dev.rapport.people;

import static dev.rapport.people.PeopleFixture.AS_OF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.rapport.app.Rapport;
import dev.rapport.engagement.EngagementKind;
import dev.rapport.store.TestDatabases;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Stages, focus list, response time, timeline, notes: hand-worked on {@link PeopleFixture}. */
class PeopleContractTest {

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void stagesFollowTheRulesAndKeepTheirHistory(TestDatabases.Kind kind) {
    try (Rapport r = PeopleFixture.open(kind)) {
      PeopleFixture f = PeopleFixture.build(r);
      // First run is full: 8 persons. Before it, follow() made ann, cat, gus followers and the
      // conversion made fay a customer; everyone else is a stranger. Changes:
      // ann follower→engager (1 reply), ben stranger→regular (weeks W-10, W-8, W-6 = 3 of 12),
      // cat follower→advocate (3 reposts in 90 days), dan, eve, ivy stranger→engager = 6.
      Stages.Run first = r.stages().recompute(f.ws(), AS_OF);
      assertThat(first).isEqualTo(new Stages.Run(8, 6));
      assertThat(stages(f))
          .containsEntry("ann", Stage.ENGAGER)
          .containsEntry("ben", Stage.REGULAR)
          .containsEntry("cat", Stage.ADVOCATE)
          .containsEntry("dan", Stage.ENGAGER)
          .containsEntry("eve", Stage.ENGAGER)
          .containsEntry("fay", Stage.CUSTOMER)
          .containsEntry("gus", Stage.FOLLOWER)
          .containsEntry("ivy", Stage.ENGAGER);

      // Two weeks later gus likes something. The incremental run looks at gus (new event) and at
      // the regular and advocate (ben, cat: their windows move) = 3 persons. ben's last 12 weeks
      // are now W-9..W+2: only W-8 and W-6 remain → engager. cat still has 3 reposts in 90 days.
      Instant later = AS_OF.plus(Duration.ofDays(14));
      r.ledger()
          .ingest(
              f.ws(), List.of(f.ev("gus", EngagementKind.LIKE, later.minusSeconds(60), "gus-1")));
      assertThat(r.stages().recompute(f.ws(), later)).isEqualTo(new Stages.Run(3, 2));
      assertThat(stages(f)).containsEntry("gus", Stage.ENGAGER).containsEntry("ben", Stage.ENGAGER);
      // The full recompute agrees with the incremental one: nothing left to change.
      assertThat(r.stages().recomputeAll(f.ws(), later)).isEqualTo(new Stages.Run(8, 0));

      assertThat(r.stages().history(f.ws(), f.person("ben")))
          .extracting(Stages.StageChange::from, Stages.StageChange::to, Stages.StageChange::at)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(Stage.STRANGER, Stage.REGULAR, AS_OF),
              org.assertj.core.groups.Tuple.tuple(Stage.REGULAR, Stage.ENGAGER, later));
      assertThat(r.stages().history(f.ws(), f.person("cat")).get(0).reason())
          .isEqualTo("3 reposts, quotes or mentions in 90 days");
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void theRecurringRefreshKeepsStagesAndTheFocusListCurrent(TestDatabases.Kind kind) {
    try (Rapport r = PeopleFixture.open(kind)) {
      PeopleFixture f = PeopleFixture.build(r);
      // The same first run as above (8 persons examined, 6 changed), for every workspace.
      List<Rapport.PeopleRefresh> runs = r.refreshPeople();
      assertThat(runs).hasSize(1);
      assertThat(runs.get(0).workspace()).isEqualTo("shop");
      assertThat(runs.get(0).failure()).isNull();
      assertThat(runs.get(0).stages()).isEqualTo(new Stages.Run(8, 6));
      assertThat(runs.get(0).focus().onList()).isEqualTo(r.focus().today(f.ws(), 100).size());
      assertThat(runs.get(0).focus().onList()).isPositive();
      assertThat(stages(f))
          .containsEntry("ben", Stage.REGULAR)
          .containsEntry("cat", Stage.ADVOCATE)
          .containsEntry("gus", Stage.FOLLOWER);
      assertThat(r.stages().history(f.ws(), f.person("cat"))).hasSize(1);
      // Nothing new in the ledger: the next run changes nothing.
      assertThat(r.refreshPeople().get(0).stages().changed()).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void settlingOneReasonKeepsThePersonsOtherReasons(TestDatabases.Kind kind) {
    try (Rapport r = PeopleFixture.open(kind)) {
      PeopleFixture f = PeopleFixture.build(r);
      // ann waits for an answer (3 days) and, with this click, is also close to buying.
      r.ledger()
          .ingest(
              f.ws(),
              List.of(f.ev("ann", EngagementKind.CLICK, PeopleFixture.days(2), "ann-click")));
      r.focus().refresh(f.ws(), AS_OF);
      assertThat(reasonsOf(r, f, "ANN"))
          .containsExactly(FocusKind.UNANSWERED, FocusKind.CLOSE_TO_BUYING);

      r.focus()
          .done(
              f.ws(),
              f.person("ann"),
              FocusKind.UNANSWERED,
              BrandAction.REPLIED,
              f.channel(),
              null,
              AS_OF);
      assertThat(reasonsOf(r, f, "ANN")).containsExactly(FocusKind.CLOSE_TO_BUYING);
      r.focus().refresh(f.ws(), AS_OF.plusSeconds(60));
      assertThat(reasonsOf(r, f, "ANN")).containsExactly(FocusKind.CLOSE_TO_BUYING);
    }
  }

  private static List<FocusKind> reasonsOf(Rapport r, PeopleFixture f, String name) {
    return r.focus().today(f.ws(), 100).stream()
        .filter(i -> i.displayName().equals(name))
        .flatMap(i -> i.reasons().stream())
        .map(FocusReason::kind)
        .toList();
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void focusListRanksRealPeopleWithReasons(TestDatabases.Kind kind) {
    try (Rapport r = PeopleFixture.open(kind)) {
      PeopleFixture f = PeopleFixture.build(r);
      FocusList.Refresh refresh = r.focus().refresh(f.ws(), AS_OF);
      // First refresh: the 8 persons with events (ann..ivy minus gus = 7) plus the slipping band
      // (last interaction in [Mon 02-23, Mon 05-18): ben, already counted) = 7 examined.
      assertThat(refresh.examined()).isEqualTo(7);
      List<FocusItem> list = r.focus().today(f.ws(), 10);
      // ann: unanswered 3 days: 60 + 5 × 3 = 75
      // dan: 2 clicks in 14 days, no reply: 50 + 10 × 2 = 70
      // ivy: unanswered 10 hours: 60 + 5 × 10/24 = 62.083
      // ben: 3 active weeks before 4 silent ones: 40 + 5 × 3 = 55
      // cat: 3 reposts in 30 days: 30 + 5 × 3 = 45
      // eve is suspicious, fay already bought, gus did nothing: not listed.
      assertTheWorkedOutList(list);
      assertThat(list.get(0).reasons())
          .singleElement()
          .satisfies(
              reason -> {
                assertThat(reason.kind()).isEqualTo(FocusKind.UNANSWERED);
                assertThat(reason.words())
                    .isEqualTo("has waited 3 days for an answer on bluesky (shop.test)");
                assertThat(reason.channelId()).isEqualTo(f.channel());
                assertThat(reason.since()).isEqualTo(PeopleFixture.days(3));
              });
      assertThat(list.get(3).reasons().get(0).words())
          .isEqualTo("engaged in 3 of 12 weeks, silent for the last 4 weeks");
      assertThat(list.get(4).reasons().get(0).kind()).isEqualTo(FocusKind.THANK_ADVOCATE);

      // Response time before any answer: no answered waits; ann and ivy wait (eve is a bot).
      ResponseTime before = r.focus().responseTimes(f.ws(), AS_OF, Duration.ofDays(30)).get(0);
      assertThat(before.answered()).isZero();
      assertThat(before.waiting()).isEqualTo(2);
      assertThat(before.longestWait()).isEqualTo(Duration.ofDays(3));

      DoneOutcome done =
          r.focus()
              .done(
                  f.ws(),
                  f.person("ann"),
                  FocusKind.UNANSWERED,
                  BrandAction.REPLIED,
                  f.channel(),
                  "answered her question about opening hours",
                  AS_OF);
      assertThat(done).isInstanceOf(DoneOutcome.Recorded.class);
      assertThat(((DoneOutcome.Recorded) done).answered()).isEqualTo(1);
      r.focus()
          .done(
              f.ws(),
              f.person("cat"),
              FocusKind.THANK_ADVOCATE,
              BrandAction.THANKED,
              null,
              null,
              AS_OF);
      assertThat(r.focus().today(f.ws(), 10))
          .extracting(FocusItem::displayName)
          .containsExactly("DAN", "IVY", "BEN");

      // ann waited exactly 72 hours: median = p90 = 72 h over one answer; ivy still waits 10 h.
      ResponseTime after = r.focus().responseTimes(f.ws(), AS_OF, Duration.ofDays(30)).get(0);
      assertThat(after)
          .isEqualTo(
              new ResponseTime(
                  f.channel(),
                  "bluesky (shop.test)",
                  1,
                  Duration.ofHours(72),
                  Duration.ofHours(72),
                  1,
                  Duration.ofHours(10)));

      // Same day, nothing new: the refresh looks at nobody.
      assertThat(r.focus().refresh(f.ws(), AS_OF.plusSeconds(60)).examined()).isZero();
      // ann asks again an hour later: back on the list, waiting 1 hour: 60 + 5 × 1/24 = 60.208.
      r.ledger()
          .ingest(
              f.ws(),
              List.of(f.ev("ann", EngagementKind.REPLY, AS_OF.plusSeconds(3600), "ann-reply-2")));
      r.focus().refresh(f.ws(), AS_OF.plusSeconds(7200));
      FocusItem again =
          r.focus().today(f.ws(), 10).stream()
              .filter(i -> i.displayName().equals("ANN"))
              .findFirst()
              .orElseThrow();
      assertThat(again.score()).isCloseTo(60.0 + 5.0 / 24, within(1e-9));
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void eventsAfterTheMomentLookedAtDoNotCount(TestDatabases.Kind kind) {
    try (Rapport r = PeopleFixture.open(kind)) {
      PeopleFixture f = PeopleFixture.build(r);
      // Already in the ledger, but after AS_OF: a day later dan clicks a third time (70 would
      // become 80) and cat reposts again (45 -> 50); the next week ben likes again (he would no
      // longer be silent; a like later in AS_OF's own week would count, weeks being the unit).
      Instant later = AS_OF.plusSeconds(86_400);
      r.ledger()
          .ingest(
              f.ws(),
              List.of(
                  f.ev("ben", EngagementKind.LIKE, AS_OF.plusSeconds(6 * 86_400L), "ben-later"),
                  f.ev("dan", EngagementKind.CLICK, later, "dan-later"),
                  f.ev("cat", EngagementKind.REPOST, later, "cat-later")));
      r.focus().refresh(f.ws(), AS_OF);
      assertTheWorkedOutList(r.focus().today(f.ws(), 10));
    }
  }

  /** The list as of AS_OF, worked out by hand in focusListRanksRealPeopleWithReasons. */
  private static void assertTheWorkedOutList(List<FocusItem> list) {
    assertThat(list)
        .extracting(FocusItem::displayName)
        .containsExactly("ANN", "DAN", "IVY", "BEN", "CAT");
    assertThat(list.stream().mapToDouble(FocusItem::score).toArray())
        .containsExactly(new double[] {75.0, 70.0, 62.0833, 55.0, 45.0}, within(1e-3));
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void timelineNotesAndTags(TestDatabases.Kind kind) {
    try (Rapport r = PeopleFixture.open(kind)) {
      PeopleFixture f = PeopleFixture.build(r);
      long ann = f.person("ann");
      r.notes().add(f.ws(), ann, "Mia", "Asked about gluten-free bread", AS_OF.minusSeconds(3600));
      assertThat(r.notes().tag(f.ws(), ann, " Wholesale ", AS_OF)).isTrue();
      assertThat(r.notes().tag(f.ws(), ann, "wholesale", AS_OF)).isFalse();
      r.notes().tag(f.ws(), ann, "lyon", AS_OF);
      assertThat(r.notes().tags(f.ws(), ann)).containsExactly("lyon", "wholesale");
      assertThat(r.notes().tagged(f.ws(), "wholesale", 10)).containsExactly(ann);
      assertThat(r.notes().untag(f.ws(), ann, "lyon")).isTrue();
      assertThatThrownBy(() -> r.notes().tag(f.ws(), ann, "no;way", AS_OF))
          .isInstanceOf(IllegalArgumentException.class);
      r.focus().refresh(f.ws(), AS_OF);
      r.focus()
          .done(
              f.ws(),
              ann,
              FocusKind.UNANSWERED,
              BrandAction.REPLIED,
              f.channel(),
              "sent hours",
              AS_OF);
      List<TimelineEntry> t = r.timeline().of(f.ws(), ann, AS_OF.plusSeconds(1), 10);
      assertThat(t)
          .extracting(TimelineEntry::kind, TimelineEntry::summary)
          .containsExactly(
              org.assertj.core.groups.Tuple.tuple(
                  TimelineEntry.Kind.BRAND_ACTION,
                  "brand action: replied (focus: unanswered) — sent hours"),
              org.assertj.core.groups.Tuple.tuple(
                  TimelineEntry.Kind.NOTE, "note by Mia: Asked about gluten-free bread"),
              org.assertj.core.groups.Tuple.tuple(
                  TimelineEntry.Kind.ENGAGEMENT, "replied to you on bluesky as ann.test"));
      // A reply to the brand is about no post (the web links entries with a variant to it).
      assertThat(t).extracting(TimelineEntry::variantId).containsOnlyNulls();
      // Paging: strictly before the note's time leaves only the reply.
      assertThat(r.timeline().of(f.ws(), ann, AS_OF.minusSeconds(3600), 10)).hasSize(1);
    }
  }

  private static Map<String, Stage> stages(PeopleFixture f) {
    Map<String, Stage> out = new HashMap<>();
    for (String n : PeopleFixture.NAMES) {
      out.put(n, f.r().people().person(f.ws(), f.person(n)).orElseThrow().stage());
    }
    return out;
  }
}
