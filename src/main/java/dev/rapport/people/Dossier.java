package dev.rapport.people;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Everything Rapport holds about one person: the export a person (or the brand) can ask for. */
public record Dossier(
    Person person,
    List<Identity> identities,
    List<String> tags,
    List<Notes.Note> notes,
    List<Stages.StageChange> stages,
    List<Merges.MergeRecord> merges,
    List<TimelineEntry> timeline) {

  /** The whole timeline up to this many entries; older ones are summarised by the ledger. */
  public static final int TIMELINE_LIMIT = 10_000;

  public static Optional<Dossier> of(
      People people,
      Notes notes,
      Stages stages,
      Merges merges,
      Timeline timeline,
      long workspaceId,
      long personId,
      Instant asOf) {
    return people
        .person(workspaceId, personId)
        .map(
            p ->
                new Dossier(
                    p,
                    people.identitiesOf(workspaceId, personId),
                    notes.tags(workspaceId, personId),
                    notes.of(workspaceId, personId),
                    stages.history(workspaceId, personId),
                    merges.history(workspaceId, personId),
                    timeline.of(workspaceId, personId, asOf, TIMELINE_LIMIT)));
  }
}
