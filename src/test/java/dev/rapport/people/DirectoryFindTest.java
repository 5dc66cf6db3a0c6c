package dev.rapport.people;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.app.Rapport;
import dev.rapport.authenticity.AuditReport;
import dev.rapport.authenticity.Category;
import dev.rapport.authenticity.Verdict;
import dev.rapport.engagement.Engagement;
import dev.rapport.engagement.EngagementKind;
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
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The list reads the web pages use — {@link Directory#find}, {@link Audits#flagged} and {@link
 * Audits#reasons} — on H2 and PostgreSQL: filters, order, paging, counts and workspace scope.
 */
class DirectoryFindTest {

  static final Instant NOW = Instant.parse("2026-06-17T12:00:00Z");

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void findsFiltersPagesAndStaysInItsWorkspace(TestDatabases.Kind kind) {
    try (Rapport r = Rapport.on(kind.open(), Clock.fixed(NOW, ZoneOffset.UTC))) {
      Workspace ws = r.workspaces().create("w", "W", ZoneId.of("UTC"), TargetAudience.NONE);
      Workspace other = r.workspaces().create("o", "O", ZoneId.of("UTC"), TargetAudience.NONE);
      Channel ch = r.workspaces().addChannel(ws.id(), Platform.BLUESKY, "w.bsky.social", "W");
      // 12 bluesky accounts: 0–5 real people, 6–9 suspicious, 10–11 inactive; 3 on mastodon.
      List<IdentityKey> keys = new ArrayList<>();
      for (int i = 0; i < 12; i++) {
        keys.add(new IdentityKey(Platform.BLUESKY, "b" + i, "b" + i + ".bsky.social", "B" + i));
      }
      for (int i = 0; i < 3; i++) {
        keys.add(new IdentityKey(Platform.MASTODON, "m" + i, "@m" + i + "@x.social", null));
      }
      long[] ids = r.people().resolve(ws.id(), keys);
      r.people().resolve(other.id(), List.of(keys.get(0)));
      List<Verdict> verdicts = new ArrayList<>();
      for (int i = 0; i < ids.length; i++) {
        Category c =
            i < 6 || i >= 12
                ? Category.REAL_PERSON
                : i < 10 ? Category.SUSPICIOUS : Category.INACTIVE;
        List<String> reasons =
            c == Category.SUSPICIOUS
                ? List.of("follows " + (1000 + i) + " accounts, followed by " + i, "no bio")
                : List.of("posts often");
        verdicts.add(
            new Verdict(c, c == Category.SUSPICIOUS ? 0.5 + i / 100.0 : 0.8, 1, reasons, "t"));
      }
      r.people().recordVerdicts(ws.id(), ids, verdicts, NOW.minus(Duration.ofDays(1)));
      // Accounts 0–2 engaged 3, 20 and 100 days ago; account 3 never.
      List<Engagement> events = new ArrayList<>();
      int[] daysAgo = {3, 20, 100};
      for (int i = 0; i < 3; i++) {
        events.add(
            new Engagement(
                ids[i],
                ch.id(),
                null,
                EngagementKind.LIKE,
                NOW.minus(Duration.ofDays(daysAgo[i])),
                "t",
                "e" + i));
      }
      r.ledger().ingest(ws.id(), events);
      long p0 = personOf(r, ws, ids[0]);
      long p13 = personOf(r, ws, ids[13]);
      r.notes().tag(ws.id(), p13, "wholesale", NOW);
      r.notes().tag(ws.id(), p0, "wholesale", NOW);

      Directory d = r.directory();
      Directory.Page all = d.find(ws.id(), Directory.Filter.NONE, 0, 5);
      assertThat(all.total()).isEqualTo(15);
      // Most recently engaged first, never engaged after them by id.
      assertThat(all.people()).extracting(l -> l.person().id()).startsWith(p0);
      assertThat(all.people().get(0).lastEngagedAt()).isEqualTo(NOW.minus(Duration.ofDays(3)));
      assertThat(all.people().get(0).tags()).containsExactly("wholesale");
      assertThat(all.people().get(0).identities())
          .singleElement()
          .satisfies(i -> assertThat(i.verdict()).isEqualTo(Category.REAL_PERSON));
      assertThat(all.people().get(3).lastEngagedAt()).isNull();
      Directory.Page last = d.find(ws.id(), Directory.Filter.NONE, 10, 5);
      assertThat(last.people()).hasSize(5);
      assertThat(d.find(ws.id(), Directory.Filter.NONE, 15, 5).people()).isEmpty();

      assertThat(count(d, ws, filter(null, Category.SUSPICIOUS, null, null))).isEqualTo(4);
      assertThat(count(d, ws, filter(null, Category.REAL_PERSON, Platform.MASTODON, null)))
          .isEqualTo(3);
      assertThat(count(d, ws, filter(null, Category.SUSPICIOUS, Platform.MASTODON, null))).isZero();
      assertThat(count(d, ws, filter(null, null, null, "wholesale"))).isEqualTo(2);
      assertThat(count(d, ws, filter(Stage.STRANGER, null, null, null)))
          .isEqualTo(
              d.find(ws.id(), Directory.Filter.NONE, 0, 100).people().stream()
                  .filter(l -> l.person().stage() == Stage.STRANGER)
                  .count());
      Instant month = NOW.minus(Duration.ofDays(30));
      assertThat(
              d.find(
                      ws.id(),
                      new Directory.Filter(null, null, null, null, month, null, false),
                      0,
                      9)
                  .total())
          .isEqualTo(2);
      assertThat(
              d.find(
                      ws.id(),
                      new Directory.Filter(null, null, null, null, null, month, false),
                      0,
                      9)
                  .total())
          .isEqualTo(13);
      assertThat(
              d.find(ws.id(), new Directory.Filter(null, null, null, null, null, null, true), 0, 9)
                  .total())
          .isEqualTo(12);
      assertThat(d.find(other.id(), Directory.Filter.NONE, 0, 50).total()).isEqualTo(1);

      Audits a = r.audits();
      Audits.FlaggedPage flagged = a.flagged(ws.id(), EnumSet.of(Category.SUSPICIOUS), null, 0, 3);
      assertThat(flagged.total()).isEqualTo(4);
      // Most confident first: account 9 (0.59) before 8 (0.58).
      assertThat(flagged.identities())
          .extracting(Audits.FlaggedIdentity::handle)
          .containsExactly("b9.bsky.social", "b8.bsky.social", "b7.bsky.social");
      assertThat(flagged.identities().get(0).reasons())
          .containsExactly("follows 1009 accounts, followed by 9", "no bio");
      assertThat(a.flagged(ws.id(), EnumSet.of(Category.SUSPICIOUS), null, 3, 3).identities())
          .extracting(Audits.FlaggedIdentity::handle)
          .containsExactly("b6.bsky.social");
      assertThat(
              a.flagged(ws.id(), EnumSet.of(Category.REAL_PERSON), Platform.MASTODON, 0, 10)
                  .total())
          .isEqualTo(3);
      assertThat(a.flagged(other.id(), EnumSet.of(Category.SUSPICIOUS), null, 0, 10).total())
          .isZero();
      assertThat(a.flagged(ws.id(), Set.of(), null, 0, 10).total()).isZero();

      List<AuditReport.ReasonCount> reasons =
          a.reasons(ws.id(), EnumSet.of(Category.SUSPICIOUS, Category.INACTIVE), 10);
      assertThat(reasons)
          .containsExactly(
              new AuditReport.ReasonCount("follows N accounts, followed by N", 4),
              new AuditReport.ReasonCount("no bio", 4),
              new AuditReport.ReasonCount("posts often", 2));
    }
  }

  /**
   * An unfiltered page is computed from the most recently engaged persons alone; it must be the
   * page that grouping every person gives (asked here through a filter every person passes), with
   * ties in the last engagement, persons of two identities, a merged-away person and persons who
   * never engaged, at every offset.
   */
  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void anUnfilteredPageIsThePageOfTheWholeGrouping(TestDatabases.Kind kind) {
    try (Rapport r = Rapport.on(kind.open(), Clock.fixed(NOW, ZoneOffset.UTC))) {
      Workspace ws = r.workspaces().create("w", "W", ZoneId.of("UTC"), TargetAudience.NONE);
      Channel ch = r.workspaces().addChannel(ws.id(), Platform.BLUESKY, "w.bsky.social", "W");
      List<IdentityKey> keys = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        keys.add(new IdentityKey(Platform.BLUESKY, "p" + i, "p" + i + ".bsky.social", null));
      }
      long[] ids = r.people().resolve(ws.id(), keys);
      List<Engagement> events = new ArrayList<>();
      for (int i = 0; i < 34; i++) {
        // Days 0..11 ago, so several persons share a last engagement; some engage twice.
        for (int k = 0; k <= i % 3; k++) {
          events.add(
              new Engagement(
                  ids[i],
                  ch.id(),
                  null,
                  EngagementKind.LIKE,
                  NOW.minus(Duration.ofDays((i * 7 + k * 5) % 12)),
                  "t",
                  "e" + i + "-" + k));
        }
      }
      r.ledger().ingest(ws.id(), events);
      // Persons of two identities: the later engagement of the two counts, and one is gone.
      r.merges().merge(ws.id(), personOf(r, ws, ids[5]), personOf(r, ws, ids[30]), "test", NOW);
      r.merges().merge(ws.id(), personOf(r, ws, ids[36]), personOf(r, ws, ids[8]), "test", NOW);

      Directory.Filter everyone =
          new Directory.Filter(null, null, null, null, null, NOW.plus(Duration.ofDays(1)), false);
      for (int offset : new int[] {0, 1, 5, 17, 30, 36, 45}) {
        for (int limit : new int[] {1, 3, 10, 50}) {
          Directory.Page fast = r.directory().find(ws.id(), Directory.Filter.NONE, offset, limit);
          Directory.Page grouped = r.directory().find(ws.id(), everyone, offset, limit);
          assertThat(fast.total()).isEqualTo(38).isEqualTo(grouped.total());
          assertThat(fast.people())
              .as("offset %d, limit %d", offset, limit)
              .extracting(l -> l.person().id() + "@" + l.lastEngagedAt() + "x" + l.engagements())
              .containsExactlyElementsOf(
                  grouped.people().stream()
                      .map(l -> l.person().id() + "@" + l.lastEngagedAt() + "x" + l.engagements())
                      .toList());
        }
      }
      assertThat(r.directory().find(ws.id(), Directory.Filter.NONE, 0, 1).people().get(0))
          .extracting(Directory.Listed::lastEngagedAt)
          .isEqualTo(NOW);
    }
  }

  private static Directory.Filter filter(Stage s, Category c, Platform p, String tag) {
    return new Directory.Filter(s, c, p, tag, null, null, false);
  }

  private static long count(Directory d, Workspace ws, Directory.Filter f) {
    return d.find(ws.id(), f, 0, 100).total();
  }

  private static long personOf(Rapport r, Workspace ws, long identityId) {
    return r.people().identity(ws.id(), identityId).orElseThrow().personId();
  }
}
