package dev.rapport.people;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rapport.app.Rapport;
import dev.rapport.authenticity.Category;
import dev.rapport.authenticity.Verdict;
import dev.rapport.content.NewPost;
import dev.rapport.content.PostState;
import dev.rapport.engagement.Engagement;
import dev.rapport.engagement.EngagementKind;
import dev.rapport.engagement.NewConversion;
import dev.rapport.engagement.Rollups;
import dev.rapport.engagement.Truth;
import dev.rapport.engagement.TruthSummary;
import dev.rapport.store.TestDatabases;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.Workspace;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Merging identities into persons and undoing the merges, in any order of pairs, leaves the ledger
 * and every rollup exactly as before; undoing them all restores the person assignment, the persons
 * and the person-level metrics exactly. Runs every try on every test database.
 */
class MergePropertyTest {

  static final Instant AS_OF = Instant.parse("2026-06-17T12:00:00Z");
  static final int IDENTITIES = 6;
  static final AtomicInteger WORKSPACES = new AtomicInteger();
  static List<Rapport> databases;

  static synchronized List<Rapport> databases() {
    if (databases == null) {
      databases =
          TestDatabases.kinds()
              .map(k -> Rapport.on(k.getPayload().open(), Clock.fixed(AS_OF, ZoneOffset.UTC)))
              .toList();
    }
    return databases;
  }

  @AfterContainer
  static synchronized void close() {
    if (databases != null) {
      databases.forEach(Rapport::close);
      databases = null;
    }
  }

  record Event(int identity, EngagementKind kind, int daysAgo, boolean onPost) {}

  record Pair(int a, int b) {}

  @Provide
  Arbitrary<Event> event() {
    return Combinators.combine(
            Arbitraries.integers().between(0, IDENTITIES - 1),
            Arbitraries.of(
                EngagementKind.LIKE,
                EngagementKind.REPLY,
                EngagementKind.REPOST,
                EngagementKind.MENTION,
                EngagementKind.CLICK,
                EngagementKind.FOLLOW),
            Arbitraries.integers().between(0, 120),
            Arbitraries.of(true, false))
        .as(Event::new);
  }

  @Provide
  Arbitrary<Pair> pair() {
    return Combinators.combine(
            Arbitraries.integers().between(0, IDENTITIES - 1),
            Arbitraries.integers().between(0, IDENTITIES - 1))
        .as(Pair::new);
  }

  @Provide
  Arbitrary<Category> verdict() {
    return Arbitraries.of(Category.REAL_PERSON, Category.INFLUENCER, Category.SUSPICIOUS);
  }

  @Property(tries = 25)
  void mergingAndUndoingLeavesTheLedgerAndRollupsExactlyAsBefore(
      @ForAll @Size(min = 1, max = 25) List<@From("event") Event> events,
      @ForAll @Size(min = 1, max = 5) List<@From("pair") Pair> merges,
      @ForAll @Size(IDENTITIES) List<@From("verdict") Category> verdicts,
      @ForAll boolean withPurchase) {
    for (Rapport r : databases()) {
      check(r, events, merges, verdicts, withPurchase);
    }
  }

  private static void check(
      Rapport r,
      List<Event> events,
      List<Pair> merges,
      List<Category> verdicts,
      boolean withPurchase) {
    Workspace ws =
        r.workspaces()
            .create("m" + WORKSPACES.incrementAndGet(), "M", ZoneId.of("UTC"), TargetAudience.NONE);
    Channel ch = r.workspaces().addChannel(ws.id(), Platform.BLUESKY, "brand.test", "Brand");
    long[] ids =
        r.people()
            .resolve(
                ws.id(),
                IntStream.range(0, IDENTITIES)
                    .mapToObj(i -> new IdentityKey(Platform.BLUESKY, "did:" + i, "h" + i, "H" + i))
                    .toList());
    r.people().follow(ws.id(), ch.id(), new long[] {ids[0], ids[2], ids[4]}, AS_OF);
    r.people()
        .recordVerdicts(
            ws.id(),
            ids,
            verdicts.stream().map(c -> new Verdict(c, 0.9, 1.0, List.of("test"), "test")).toList(),
            AS_OF);
    long variant = variant(r, ws.id(), ch.id());
    List<Engagement> ledger = new ArrayList<>();
    for (int i = 0; i < events.size(); i++) {
      Event e = events.get(i);
      ledger.add(
          new Engagement(
              ids[e.identity()],
              ch.id(),
              e.onPost() ? variant : null,
              e.kind(),
              AS_OF.minusSeconds(86_400L * e.daysAgo()),
              "test",
              "ev" + i));
    }
    r.ledger().ingest(ws.id(), ledger);
    if (withPurchase) {
      long buyer = r.people().identity(ws.id(), ids[1]).orElseThrow().personId();
      r.conversions()
          .record(ws.id(), List.of(new NewConversion("o1", AS_OF, 1000, "EUR", buyer, null)));
    }
    Snapshot before = Snapshot.of(r, ws.id());

    List<Long> done = new ArrayList<>();
    for (Pair p : merges) {
      long a = r.people().identity(ws.id(), ids[p.a()]).orElseThrow().personId();
      long b = r.people().identity(ws.id(), ids[p.b()]).orElseThrow().personId();
      MergeOutcome out = r.merges().merge(ws.id(), a, b, "property", AS_OF);
      if (a == b) {
        assertThat(out).isInstanceOf(MergeOutcome.Refused.class);
      } else {
        assertThat(out).isInstanceOf(MergeOutcome.Merged.class);
        done.add(((MergeOutcome.Merged) out).mergeId());
      }
    }
    Snapshot merged = Snapshot.of(r, ws.id());
    // The per-person rollup follows the identities to their new persons.
    Rollups.RollupCheck afterMerges = r.rollups().check(ws.id());
    assertThat(afterMerges.parts())
        .allSatisfy(p -> assertThat(p.differences()).as(p.rollup() + " " + p.examples()).isZero());
    assertThat(merged.ledger()).isEqualTo(before.ledger());
    assertThat(merged.rollups()).isEqualTo(before.rollups());
    // Engaged people are distinct persons: merging can only keep or lower the count.
    assertThat(merged.engagedAudience()).isLessThanOrEqualTo(before.engagedAudience());

    for (int i = done.size() - 1; i >= 0; i--) {
      assertThat(r.merges().undo(ws.id(), done.get(i), AS_OF))
          .isInstanceOf(UndoOutcome.Undone.class);
    }
    Snapshot undone = Snapshot.of(r, ws.id());
    assertThat(undone).isEqualTo(before);
  }

  private static long variant(Rapport r, long ws, long channel) {
    long post =
        r.posts()
            .create(
                ws,
                List.of(
                    new NewPost(
                        null,
                        "Hello",
                        PostState.PUBLISHED,
                        "p1",
                        List.of(
                            new NewPost.NewVariant(
                                channel,
                                null,
                                PostState.PUBLISHED,
                                null,
                                AS_OF.minusSeconds(86_400L * 30),
                                "at://p1",
                                3L,
                                2L)))))[0];
    return r.posts().post(ws, post).orElseThrow().variants().get(0).id();
  }

  /** Everything a merge must not change, and what undo must restore. */
  record Snapshot(
      List<String> ledger,
      List<String> rollups,
      List<String> personActivity,
      List<String> assignment,
      List<String> persons,
      long engagedAudience,
      long core,
      long customers) {

    static Snapshot of(Rapport r, long ws) {
      TruthSummary s = r.truth().summary(ws, AS_OF, Truth.DEFAULT_WINDOW);
      List<String> rollups = new ArrayList<>();
      rollups.addAll(
          rows(
              r,
              "SELECT variant_id, verdict, kind, n FROM variant_rollup WHERE workspace_id = ?"
                  + " ORDER BY variant_id, verdict, kind",
              ws));
      rollups.addAll(
          rows(
              r,
              "SELECT identity_id, week_start, n FROM identity_week WHERE workspace_id = ? ORDER"
                  + " BY identity_id, week_start",
              ws));
      rollups.addAll(
          rows(
              r,
              "SELECT id, verdict, follows FROM identity WHERE workspace_id = ? ORDER BY id",
              ws));
      rollups.addAll(
          rows(
              r,
              "SELECT identity_id, first_engaged_at, last_engaged_at, engagements FROM"
                  + " identity_activity WHERE workspace_id = ? ORDER BY identity_id",
              ws));
      return new Snapshot(
          rows(
              r,
              "SELECT id, identity_id, channel_id, variant_id, kind, occurred_at, source,"
                  + " counted_as, event_hash, event_key FROM engagement WHERE workspace_id = ?"
                  + " ORDER BY id",
              ws),
          rollups,
          rows(
              r,
              "SELECT person_id, engagements, first_engaged_at, last_engaged_at, last_week,"
                  + " recent_weeks FROM person_activity WHERE workspace_id = ? ORDER BY person_id",
              ws),
          rows(r, "SELECT id, person_id FROM identity WHERE workspace_id = ? ORDER BY id", ws),
          rows(
              r,
              "SELECT p.id, p.display_name, p.email, p.stage, p.merged_into, (SELECT"
                  + " COUNT(*) FROM conversion c WHERE c.person_id = p.id) FROM person p WHERE"
                  + " p.workspace_id = ? ORDER BY p.id",
              ws),
          s.engagedAudience(),
          s.core(),
          s.customers());
    }

    static List<String> rows(Rapport r, String sql, long ws) {
      return r.database()
          .jdbi()
          .withHandle(
              h ->
                  h.createQuery(sql)
                      .bind(0, ws)
                      .map(
                          (rs, ctx) -> {
                            StringBuilder b = new StringBuilder();
                            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                              b.append(rs.getString(i)).append('|');
                            }
                            return b.toString();
                          })
                      .list());
    }
  }
}
