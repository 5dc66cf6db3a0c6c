package dev.rapport.web;

import dev.rapport.authenticity.Category;
import dev.rapport.people.Audits.FlaggedIdentity;
import dev.rapport.people.Audits.StoredAudit;
import dev.rapport.people.Directory;
import dev.rapport.people.FocusItem;
import dev.rapport.people.FocusReason;
import dev.rapport.people.Identity;
import dev.rapport.people.Merges.MergeRecord;
import dev.rapport.people.Notes.Note;
import dev.rapport.people.Person;
import dev.rapport.people.Stages.StageChange;
import dev.rapport.people.TimelineEntry;
import dev.rapport.platforms.Connections.ConnectionStatus;
import dev.rapport.web.view.PersonNames;
import dev.rapport.workspace.Channel;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the workspace API: codes for enums, ISO-8601 times, nulls for unknowns. */
final class ApiViews {

  private ApiViews() {}

  /** One page of a list, with the address of the next page (null on the last one). */
  record Paged<T>(List<T> items, long total, int offset, int limit, String next) {

    /**
     * One page of a list at {@code path} (which may carry a filter: {@code
     * /api/w/x/posts?state=…}), with the address of the next page when there is one.
     */
    static <T> Paged<T> of(List<T> items, long total, int offset, int limit, String path) {
      String next =
          offset + items.size() < total
              ? path
                  + (path.contains("?") ? "&" : "?")
                  + "offset="
                  + (offset + limit)
                  + "&limit="
                  + limit
              : null;
      return new Paged<>(items, total, offset, limit, next);
    }
  }

  record IdentityJson(
      long id,
      String platform,
      String platformUserId,
      String handle,
      String displayName,
      String verdict,
      boolean follows,
      Instant lastEngagedAt,
      long engagements) {}

  record PersonJson(
      long id,
      String name,
      String email,
      String stage,
      List<IdentityJson> identities,
      List<String> tags,
      Instant lastEngagedAt,
      long engagements) {}

  record NoteJson(
      long id, long personId, String author, String body, Instant at, Instant editedAt) {}

  record TimelineJson(
      Instant at, String kind, String summary, Long identityId, Long channelId, long ref) {}

  record StageJson(String from, String to, Instant at, String reason) {}

  record MergeJson(
      long id,
      long keptPersonId,
      long absorbedPersonId,
      String reason,
      Instant mergedAt,
      Instant undoneAt) {}

  /**
   * A person with everything the person page shows.
   *
   * @param timelineNext the address of older timeline entries, null when there are none
   */
  record PersonDetail(
      PersonJson person,
      List<NoteJson> notes,
      List<StageJson> stages,
      List<MergeJson> merges,
      List<TimelineJson> timeline,
      String timelineNext) {}

  record ReasonJson(String kind, String words, double score, Long channelId, Instant since) {}

  record FocusJson(
      long personId, String name, String stage, double score, List<ReasonJson> reasons) {}

  record FlaggedJson(
      long identityId,
      long personId,
      String platform,
      String platformUserId,
      String handle,
      String displayName,
      String category,
      double probability,
      List<String> reasons,
      Instant decidedAt) {}

  record AuditJson(
      long id,
      Long channelId,
      String subject,
      String scorer,
      Instant startedAt,
      Instant finishedAt,
      long profiles,
      long authentic,
      Double qualityScore,
      Map<String, Long> byCategory) {}

  record ConnectionJson(
      boolean connected,
      String service,
      String accountId,
      String handle,
      Instant connectedAt,
      boolean reconnectNeeded,
      String reconnectReason) {}

  record ChannelJson(
      long id,
      String platform,
      String handle,
      String displayName,
      Long platformFollowers,
      Integer postsPerWeek,
      ConnectionJson connection) {}

  static IdentityJson identity(Identity i) {
    return new IdentityJson(
        i.id(),
        i.platform().code(),
        i.platformUserId(),
        i.handle(),
        i.displayName(),
        i.verdict().code(),
        i.follows(),
        i.lastEngagedAt(),
        i.engagements());
  }

  static PersonJson person(Directory.Listed l) {
    return person(l.person(), l.identities(), l.tags(), l.lastEngagedAt(), l.engagements());
  }

  static PersonJson person(Person p, List<Identity> identities, List<String> tags) {
    Instant last = null;
    long n = 0;
    for (Identity i : identities) {
      n += i.engagements();
      if (i.lastEngagedAt() != null && (last == null || i.lastEngagedAt().isAfter(last))) {
        last = i.lastEngagedAt();
      }
    }
    return person(p, identities, tags, last, n);
  }

  private static PersonJson person(
      Person p, List<Identity> identities, List<String> tags, Instant last, long engagements) {
    return new PersonJson(
        p.id(),
        PersonNames.of(p, identities),
        p.email(),
        p.stage().code(),
        identities.stream().map(ApiViews::identity).toList(),
        List.copyOf(tags),
        last,
        engagements);
  }

  static NoteJson note(Note n) {
    return new NoteJson(n.id(), n.personId(), n.author(), n.body(), n.at(), n.editedAt());
  }

  static TimelineJson entry(TimelineEntry e) {
    return new TimelineJson(
        e.at(),
        e.kind().name().toLowerCase(java.util.Locale.ROOT),
        e.summary(),
        e.identityId(),
        e.channelId(),
        e.ref());
  }

  static StageJson stage(StageChange c) {
    return new StageJson(c.from().code(), c.to().code(), c.at(), c.reason());
  }

  static MergeJson merge(MergeRecord m) {
    return new MergeJson(
        m.id(), m.keptPersonId(), m.absorbedPersonId(), m.reason(), m.mergedAt(), m.undoneAt());
  }

  static FocusJson focus(FocusItem i) {
    return new FocusJson(
        i.personId(),
        i.displayName(),
        i.stage().code(),
        i.score(),
        i.reasons().stream().map(ApiViews::reason).toList());
  }

  static ReasonJson reason(FocusReason r) {
    return new ReasonJson(r.kind().code(), r.words(), r.score(), r.channelId(), r.since());
  }

  static FlaggedJson flagged(FlaggedIdentity f) {
    return new FlaggedJson(
        f.identityId(),
        f.personId(),
        f.platform().code(),
        f.platformUserId(),
        f.handle(),
        f.displayName(),
        f.category().code(),
        f.probability(),
        f.reasons(),
        f.decidedAt());
  }

  static AuditJson audit(StoredAudit a) {
    return new AuditJson(
        a.id(),
        a.channelId(),
        a.subject(),
        a.scorer(),
        a.startedAt(),
        a.finishedAt(),
        a.profiles(),
        a.authentic(),
        a.qualityScore(),
        categories(a.byCategory()));
  }

  static Map<String, Long> categories(Map<Category, Long> counts) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (Category c : Category.values()) {
      out.put(c.code(), counts.getOrDefault(c, 0L));
    }
    return out;
  }

  static ChannelJson channel(Channel c, ConnectionStatus s) {
    ConnectionJson conn =
        s == null
            ? new ConnectionJson(false, null, null, null, null, false, null)
            : new ConnectionJson(
                true,
                s.service() == null ? null : s.service().toString(),
                s.accountId(),
                s.handle(),
                s.connectedAt(),
                s.needsReconnect(),
                s.reconnectReason());
    return new ChannelJson(
        c.id(),
        c.platform().code(),
        c.handle(),
        c.displayName(),
        c.platformFollowers(),
        c.postsPerWeek(),
        conn);
  }
}
