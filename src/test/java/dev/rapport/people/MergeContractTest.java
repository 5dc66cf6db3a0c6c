package dev.rapport.people;

import static dev.rapport.people.PeopleFixture.AS_OF;
import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.app.Rapport;
import dev.rapport.authenticity.ProfileSnapshot;
import dev.rapport.store.TestDatabases;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.Workspace;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Merge suggestions, refusals, and what a merge does to the persons themselves. */
class MergeContractTest {

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void suggestsBySameHandleSameNameAndLinkAndExplicitLink(TestDatabases.Kind kind) {
    try (Rapport r = PeopleFixture.open(kind)) {
      Workspace ws = r.workspaces().create("w", "W", ZoneId.of("UTC"), TargetAudience.NONE);
      long[] ids =
          r.people()
              .resolve(
                  ws.id(),
                  List.of(
                      new IdentityKey(Platform.BLUESKY, "did:jo", "jo.bsky.social", "Jo"),
                      new IdentityKey(Platform.MASTODON, "1", "@jo@mastodon.social", "Jo M"),
                      new IdentityKey(Platform.BLUESKY, "did:kim", "kim.example", "Kim"),
                      new IdentityKey(Platform.MASTODON, "2", "kimberly@mastodon.social", "K"),
                      new IdentityKey(Platform.X, "3", "lee_x", "Lee Park"),
                      new IdentityKey(Platform.INSTAGRAM, "4", "lee.park.art", "Lee Park"),
                      new IdentityKey(Platform.X, "5", "bo", "Bo")));
      r.people()
          .saveProfiles(
              ws.id(),
              new long[] {ids[2], ids[4], ids[5]},
              List.of(
                  ProfileSnapshot.builder("bluesky", "did:kim")
                      .observedAt(AS_OF)
                      .bio("Potter. Also at https://mastodon.social/@kimberly")
                      .build(),
                  ProfileSnapshot.builder("x", "3")
                      .observedAt(AS_OF)
                      .displayName("Lee Park")
                      .url("https://leepark.art")
                      .build(),
                  ProfileSnapshot.builder("instagram", "4")
                      .observedAt(AS_OF)
                      .displayName("Lee  Park")
                      .url("http://www.leepark.art/")
                      .build()));
      long jo = person(r, ws.id(), ids[0]);
      long joM = person(r, ws.id(), ids[1]);
      List<MergeSuggestion> s = r.merges().suggestions(ws.id(), 10);
      // Strongest evidence first; "bo" on x has no twin elsewhere.
      assertThat(s)
          .extracting(MergeSuggestion::rule)
          .containsExactly(
              MergeSuggestion.Rule.EXPLICIT_LINK,
              MergeSuggestion.Rule.SAME_NAME_AND_LINK,
              MergeSuggestion.Rule.SAME_HANDLE);
      assertThat(s.get(0).evidence())
          .isEqualTo(
              "the bluesky profile of @kim.example links to @kimberly@mastodon.social on"
                  + " mastodon");
      assertThat(s.get(2))
          .isEqualTo(
              new MergeSuggestion(
                  Math.min(jo, joM),
                  Math.max(jo, joM),
                  MergeSuggestion.Rule.SAME_HANDLE,
                  "same handle 'jo' on bluesky and mastodon"));

      // Merging the pair takes it off the suggestions; undoing it is a "no": it stays off.
      var merged = (MergeOutcome.Merged) r.merges().merge(ws.id(), jo, joM, "suggested", AS_OF);
      assertThat(merged.identitiesMoved()).isEqualTo(1);
      assertThat(r.people().identitiesOf(ws.id(), jo)).hasSize(2);
      assertThat(r.merges().suggestions(ws.id(), 10)).hasSize(2);
      r.merges().undo(ws.id(), merged.mergeId(), AS_OF);
      assertThat(r.merges().suggestions(ws.id(), 10)).hasSize(2);
      assertThat(r.people().identitiesOf(ws.id(), joM)).hasSize(1);
    }
  }

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void mergeMovesPersonDataAndUndoRestoresIt(TestDatabases.Kind kind) {
    try (Rapport r = PeopleFixture.open(kind)) {
      PeopleFixture f = PeopleFixture.build(r);
      long ann = f.person("ann");
      long fay = f.person("fay");
      r.notes().add(f.ws(), fay, null, "VIP", AS_OF);
      r.notes().tag(f.ws(), fay, "vip", AS_OF);
      r.notes().tag(f.ws(), ann, "vip", AS_OF);
      r.notes().tag(f.ws(), fay, "lyon", AS_OF);
      var m = (MergeOutcome.Merged) r.merges().merge(f.ws(), ann, fay, "same person", AS_OF);
      // ann (follower) takes fay's identity, note, "lyon" tag, purchase, and the higher stage.
      assertThat(r.people().person(f.ws(), ann).orElseThrow().stage()).isEqualTo(Stage.CUSTOMER);
      assertThat(r.people().person(f.ws(), fay).orElseThrow().stage()).isEqualTo(Stage.STRANGER);
      assertThat(r.notes().tags(f.ws(), ann)).containsExactly("lyon", "vip");
      assertThat(r.notes().of(f.ws(), ann)).extracting(Notes.Note::body).containsExactly("VIP");
      assertThat(r.timeline().of(f.ws(), ann, AS_OF.plusSeconds(1), 20))
          .extracting(TimelineEntry::kind)
          .contains(TimelineEntry.Kind.CONVERSION);
      // A merged-away person cannot be merged again; the kept one cannot absorb itself.
      assertThat(r.merges().merge(f.ws(), f.person("gus"), fay, null, AS_OF))
          .isEqualTo(
              new MergeOutcome.Refused("person " + fay + " was already merged into person " + ann));
      assertThat(r.merges().merge(f.ws(), ann, ann, null, AS_OF))
          .isInstanceOf(MergeOutcome.Refused.class);
      // A later merge involving ann must be undone first.
      var later = (MergeOutcome.Merged) r.merges().merge(f.ws(), ann, f.person("gus"), null, AS_OF);
      assertThat(r.merges().undo(f.ws(), m.mergeId(), AS_OF))
          .isEqualTo(
              new UndoOutcome.Refused(
                  "merge #" + later.mergeId() + " involves the same persons; undo it first"));
      r.merges().undo(f.ws(), later.mergeId(), AS_OF);
      assertThat(r.merges().undo(f.ws(), m.mergeId(), AS_OF))
          .isEqualTo(new UndoOutcome.Undone(m.mergeId(), fay));
      assertThat(r.merges().undo(f.ws(), m.mergeId(), AS_OF))
          .isInstanceOf(UndoOutcome.Refused.class);
      assertThat(r.people().person(f.ws(), ann).orElseThrow().stage()).isEqualTo(Stage.FOLLOWER);
      assertThat(r.people().person(f.ws(), fay).orElseThrow().stage()).isEqualTo(Stage.CUSTOMER);
      assertThat(r.notes().tags(f.ws(), ann)).containsExactly("vip");
      assertThat(r.notes().tags(f.ws(), fay)).containsExactly("lyon", "vip");
      assertThat(r.merges().history(f.ws(), fay))
          .singleElement()
          .satisfies(h -> assertThat(h.undoneAt()).isEqualTo(AS_OF));
    }
  }

  private static long person(Rapport r, long ws, long identity) {
    return r.people().identity(ws, identity).orElseThrow().personId();
  }
}
