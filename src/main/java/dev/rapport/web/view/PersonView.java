package dev.rapport.web.view;

import dev.rapport.people.Identity;
import dev.rapport.people.MergeSuggestion;
import dev.rapport.people.Merges.MergeRecord;
import dev.rapport.people.Notes.Note;
import dev.rapport.people.Person;
import dev.rapport.people.Stages.StageChange;
import dev.rapport.people.TimelineEntry;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Role;
import dev.rapport.workspace.Workspace;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One person: identities, tags, notes, the cross-platform timeline (a page of it), stage history,
 * merges with undo, and persons that look like the same human.
 *
 * @param viewerId the user looking, who may change the notes they wrote
 * @param suggested whether look-alikes were searched for (they are on request: it reads the whole
 *     workspace)
 * @param older the moment to read older timeline entries before, or null when there are none
 * @param names display names of the other persons the merges and suggestions mention
 */
public record PersonView(
    Workspace workspace,
    Role role,
    long viewerId,
    Person person,
    List<Identity> identities,
    List<String> tags,
    List<Note> notes,
    List<StageChange> stages,
    List<MergeRecord> merges,
    boolean suggested,
    List<MergeSuggestion> suggestions,
    List<TimelineEntry> timeline,
    Instant older,
    Map<Long, Channel> channels,
    Map<Long, String> names) {

  public PersonView {
    identities = List.copyOf(identities);
    tags = List.copyOf(tags);
    notes = List.copyOf(notes);
    stages = List.copyOf(stages);
    merges = List.copyOf(merges);
    suggestions = List.copyOf(suggestions);
    timeline = List.copyOf(timeline);
    channels = Map.copyOf(channels);
    names = Map.copyOf(names);
  }

  public String name() {
    return PersonNames.of(person, identities);
  }

  public String handle(Identity i) {
    return PersonNames.handle(i);
  }

  public boolean canWrite() {
    return role.atLeast(Role.AUTHOR);
  }

  public boolean canManage() {
    return role.atLeast(Role.MANAGER);
  }

  /** Whether to offer to correct or delete a note: to its author and to managers. */
  public boolean canChange(Note n) {
    return canWrite() && n.changeableBy(viewerId, canManage());
  }

  public String noteHref(Note n) {
    return base() + "/notes/" + n.id();
  }

  public String base() {
    return "/w/" + workspace.slug() + "/people/" + person.id();
  }

  public String personHref(long id) {
    return "/w/" + workspace.slug() + "/people/" + id;
  }

  public String nameOf(long personId) {
    return names.getOrDefault(personId, "Person " + personId);
  }

  /** The other person of a suggestion. */
  public long other(MergeSuggestion s) {
    return s.personA() == person.id() ? s.personB() : s.personA();
  }

  /** The other person of a merge, from this person's side. */
  public long other(MergeRecord m) {
    return m.keptPersonId() == person.id() ? m.absorbedPersonId() : m.keptPersonId();
  }

  public boolean kept(MergeRecord m) {
    return m.keptPersonId() == person.id();
  }

  /** True when this person was absorbed by a merge still in force: its identities live on there. */
  public Long mergedInto() {
    return merges.stream()
        .filter(m -> m.absorbedPersonId() == person.id() && m.undoneAt() == null)
        .map(MergeRecord::keptPersonId)
        .findFirst()
        .orElse(null);
  }

  public String kind(TimelineEntry e) {
    return switch (e.kind()) {
      case ENGAGEMENT -> "Engagement";
      case CONVERSION -> "Purchase";
      case NOTE -> "Note";
      case BRAND_ACTION -> "You";
      case STAGE_CHANGE -> "Stage";
    };
  }

  public String kindClass(TimelineEntry e) {
    return "kind-" + e.kind().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /** Where the entry happened: the identity's platform and handle, or the channel. */
  public String where(TimelineEntry e) {
    if (e.identityId() != null) {
      for (Identity i : identities) {
        if (i.id() == e.identityId()) {
          return i.platform().code() + " · " + handle(i);
        }
      }
    }
    if (e.channelId() != null) {
      Channel c = channels.get(e.channelId());
      if (c != null) {
        return c.platform().code() + " · " + c.handle();
      }
    }
    return "";
  }

  /** The page of the post an entry is about (a like, a reply, a click), or null. */
  public String postHref(TimelineEntry e) {
    return e.variantId() == null ? null : "/w/" + workspace.slug() + "/posts/" + e.variantId();
  }

  public String suggestHref() {
    return base() + "?suggest=1#merges";
  }

  public String olderHref() {
    return base() + "?before=" + older + "#timeline";
  }

  public String count(long n) {
    return Figures.count(n);
  }
}
