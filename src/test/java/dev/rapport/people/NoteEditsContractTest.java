package dev.rapport.people;

import static dev.rapport.people.PeopleFixture.AS_OF;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.app.Rapport;
import dev.rapport.people.Notes.Note;
import dev.rapport.store.TestDatabases;
import dev.rapport.workspace.User;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Notes are corrected and deleted in place: the timeline shows the text now, and when it changed.
 */
class NoteEditsContractTest {

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void editKeepsTheNotesPlaceAndSaysWhenDeleteTakesItOffTheTimeline(TestDatabases.Kind kind) {
    try (Rapport r = PeopleFixture.open(kind)) {
      PeopleFixture f = PeopleFixture.build(r);
      long gus = f.person("gus");
      User mia = r.workspaces().createUser("mia@example.com", "Mia", "not-a-real-hash");
      Instant written = AS_OF.minusSeconds(7200);
      Note note = r.notes().add(f.ws(), gus, mia.id(), "Mia", "  Wants rye on Fridays ", written);
      Note cli = r.notes().add(f.ws(), gus, "cli", "Imported from the old CRM", written);
      assertThat(note.authorId()).isEqualTo(mia.id());
      assertThat(note.body()).isEqualTo("Wants rye on Fridays");
      assertThat(note.editedAt()).isNull();
      assertThat(cli.authorId()).isNull();
      assertThat(r.notes().note(f.ws(), note.id())).contains(note);

      // Its author and managers may change a note; nobody else, and nobody a note without author.
      assertThat(note.changeableBy(mia.id(), false)).isTrue();
      assertThat(note.changeableBy(mia.id() + 1, false)).isFalse();
      assertThat(note.changeableBy(mia.id() + 1, true)).isTrue();
      assertThat(cli.changeableBy(mia.id(), false)).isFalse();

      Instant corrected = AS_OF.minusSeconds(60);
      Note edited =
          r.notes().edit(f.ws(), note.id(), "Wants spelt on Fridays", corrected).orElseThrow();
      assertThat(edited)
          .isEqualTo(
              new Note(
                  note.id(), gus, mia.id(), "Mia", "Wants spelt on Fridays", written, corrected));
      assertThat(r.notes().of(f.ws(), gus)).contains(edited);

      // The timeline keeps the note where it was written, with its text now and the edit time.
      List<TimelineEntry> t = r.timeline().of(f.ws(), gus, AS_OF, 10);
      TimelineEntry entry = noteEntry(t, note.id());
      assertThat(entry.at()).isEqualTo(written);
      assertThat(entry.summary()).isEqualTo("note by Mia: Wants spelt on Fridays");
      assertThat(entry.editedAt()).isEqualTo(corrected);
      assertThat(noteEntry(t, cli.id()).editedAt()).isNull();

      assertThatThrownBy(() -> r.notes().edit(f.ws(), note.id(), "   ", corrected))
          .isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> r.notes().edit(f.ws(), note.id(), "x".repeat(4001), corrected))
          .isInstanceOf(IllegalArgumentException.class);
      assertThat(r.notes().note(f.ws(), note.id()).orElseThrow().body())
          .isEqualTo("Wants spelt on Fridays");

      // Another workspace's note is not there to read, edit or delete.
      long other =
          r.workspaces()
              .create(
                  "elsewhere",
                  "Elsewhere",
                  java.time.ZoneOffset.UTC,
                  dev.rapport.workspace.TargetAudience.NONE)
              .id();
      assertThat(r.notes().note(other, note.id())).isEmpty();
      assertThat(r.notes().edit(other, note.id(), "hijacked", corrected)).isEmpty();
      assertThat(r.notes().delete(other, note.id())).isFalse();

      assertThat(r.notes().delete(f.ws(), note.id())).isTrue();
      assertThat(r.notes().delete(f.ws(), note.id())).isFalse();
      assertThat(r.notes().note(f.ws(), note.id())).isEmpty();
      assertThat(r.notes().edit(f.ws(), note.id(), "again", AS_OF)).isEmpty();
      assertThat(r.notes().of(f.ws(), gus)).containsExactly(cli);
      assertThat(r.timeline().of(f.ws(), gus, AS_OF, 10))
          .filteredOn(e -> e.kind() == TimelineEntry.Kind.NOTE)
          .extracting(TimelineEntry::ref)
          .doesNotContain(note.id())
          .contains(cli.id());
    }
  }

  private static TimelineEntry noteEntry(List<TimelineEntry> t, long noteId) {
    return t.stream()
        .filter(e -> e.kind() == TimelineEntry.Kind.NOTE && e.ref() == noteId)
        .findFirst()
        .orElseThrow();
  }
}
