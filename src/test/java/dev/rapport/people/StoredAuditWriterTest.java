package dev.rapport.people;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rapport.app.Rapport;
import dev.rapport.authenticity.Audit;
import dev.rapport.authenticity.AuditSink;
import dev.rapport.authenticity.Category;
import dev.rapport.authenticity.ProfileSnapshot;
import dev.rapport.authenticity.Verdict;
import dev.rapport.store.TestDatabases;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.Workspace;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A stored audit writes new accounts in one pass (and by COPY on PostgreSQL), known ones through
 * the general path: the result must be exactly what the general path alone (resolve, snapshots,
 * verdicts, follows) leaves, row for row, rollups included, over a first audit, a re-audit with
 * changed verdicts and an audit without a channel.
 */
class StoredAuditWriterTest {

  static final Instant NOW = Instant.parse("2026-06-17T12:00:00Z");

  record Input(ProfileSnapshot profile, Verdict verdict) {}

  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void storedAuditEqualsTheGeneralPath(TestDatabases.Kind kind) {
    try (Rapport r = Rapport.on(kind.open(), Clock.fixed(NOW, ZoneOffset.UTC))) {
      Workspace stored = r.workspaces().create("s", "S", ZoneId.of("UTC"), TargetAudience.NONE);
      Workspace general = r.workspaces().create("g", "G", ZoneId.of("UTC"), TargetAudience.NONE);
      Workspace other = r.workspaces().create("o", "O", ZoneId.of("UTC"), TargetAudience.NONE);
      Channel storedChannel = r.workspaces().addChannel(stored.id(), Platform.X, "s", "S");
      Channel generalChannel = r.workspaces().addChannel(general.id(), Platform.X, "g", "G");
      // Known before the audit: some follow, some have a verdict already.
      for (Workspace w : List.of(stored, general)) {
        Channel ch = w == stored ? storedChannel : generalChannel;
        long[] known = r.people().resolve(w.id(), keys(0, 10));
        r.people().follow(w.id(), ch.id(), new long[] {known[0], known[1], known[2]}, NOW);
        r.people()
            .recordVerdicts(
                w.id(),
                new long[] {known[2], known[3]},
                List.of(verdict(Category.SUSPICIOUS, "rules-v1"), verdict(Category.INACTIVE, "x")),
                NOW);
      }
      // The same accounts in another workspace must stay apart.
      r.people().resolve(other.id(), keys(0, 60));

      SplittableRandom random = new SplittableRandom(11);
      List<Input> first = inputs(random, 60);
      audit(r, stored.id(), storedChannel.id(), first);
      general(r, general.id(), generalChannel.id(), first);
      assertSame(r, stored.id(), general.id());
      assertThat(r.people().countIdentities(stored.id())).isEqualTo(60);

      // A re-audit: every account known, verdicts partly changed, new accounts besides.
      List<Input> again = inputs(random, 80);
      audit(r, stored.id(), storedChannel.id(), again);
      general(r, general.id(), generalChannel.id(), again);
      assertSame(r, stored.id(), general.id());
      assertThat(r.people().countIdentities(stored.id())).isEqualTo(80);

      // An audience without a channel (engagers): new accounts do not become followers.
      List<Input> engagers = inputs(random, 100);
      audit(r, stored.id(), null, engagers);
      general(r, general.id(), null, engagers);
      assertSame(r, stored.id(), general.id());
      assertThat(state(r, stored.id()).get("audience"))
          .as("some identities follow, some do not")
          .contains("|true|")
          .contains("|false|");
      assertThat(r.people().countIdentities(other.id())).isEqualTo(60);
    }
  }

  /**
   * The simulator's use: every account with a channel and a follow time of its own (or none), new
   * and known accounts mixed, some twice in a batch with another channel or time.
   */
  @ParameterizedTest
  @MethodSource("dev.rapport.store.TestDatabases#kinds")
  void observationsWithFollowsOfTheirOwnEqualTheGeneralPath(TestDatabases.Kind kind) {
    try (Rapport r = Rapport.on(kind.open(), Clock.fixed(NOW, ZoneOffset.UTC))) {
      Workspace observed = r.workspaces().create("s", "S", ZoneId.of("UTC"), TargetAudience.NONE);
      Workspace general = r.workspaces().create("g", "G", ZoneId.of("UTC"), TargetAudience.NONE);
      long[][] channels = new long[2][];
      int w = 0;
      for (Workspace ws : List.of(observed, general)) {
        channels[w++] =
            new long[] {
              r.workspaces().addChannel(ws.id(), Platform.X, "x", "X").id(),
              r.workspaces().addChannel(ws.id(), Platform.MASTODON, "m", "M").id()
            };
        r.people().resolve(ws.id(), keys(0, 10));
      }
      SplittableRandom random = new SplittableRandom(5);
      for (int round = 0; round < 2; round++) {
        List<Input> inputs = inputs(random, 40 + 30 * round);
        int[] channel = new int[inputs.size()];
        Instant[] at = new Instant[inputs.size()];
        for (int i = 0; i < inputs.size(); i++) {
          channel[i] = random.nextInt(3) - 1;
          at[i] = channel[i] < 0 ? null : NOW.minus(Duration.ofDays(random.nextInt(3)));
        }
        for (int side = 0; side < 2; side++) {
          long ws = side == 0 ? observed.id() : general.id();
          List<People.Observation> rows = new ArrayList<>();
          for (int i = 0; i < inputs.size(); i++) {
            ProfileSnapshot p = inputs.get(i).profile();
            rows.add(
                new People.Observation(
                    new IdentityKey(Platform.X, p.platformUserId(), p.handle(), p.displayName()),
                    p,
                    inputs.get(i).verdict(),
                    channel[i] < 0 ? null : channels[side][channel[i]],
                    at[i]));
          }
          if (side == 0) {
            long[] ids = r.people().observe(ws, rows, NOW);
            assertThat(ids).hasSize(rows.size()).doesNotContain(0L);
          } else {
            generalRowByRow(r, ws, rows);
          }
        }
        assertSame(r, observed.id(), general.id());
      }
      assertThat(state(r, observed.id()).get("follows")).contains("2026-06-16");
      // A channel of another workspace is refused, and nothing of the batch is written.
      ProfileSnapshot stranger = ProfileSnapshot.builder("x", "stranger").handle("s").build();
      long before = r.people().countIdentities(observed.id());
      assertThatThrownBy(
              () ->
                  r.people()
                      .observe(
                          observed.id(),
                          List.of(
                              new People.Observation(
                                  new IdentityKey(Platform.X, "stranger", "s", null),
                                  stranger,
                                  verdict(Category.REAL_PERSON, "x"),
                                  channels[1][0],
                                  NOW)),
                          NOW))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("has no channel");
      assertThat(r.people().countIdentities(observed.id())).isEqualTo(before);
    }
  }

  /** The general path: resolve, snapshots, verdicts, then each row's follow in batch order. */
  private static void generalRowByRow(Rapport r, long ws, List<People.Observation> rows) {
    long[] ids = r.people().resolve(ws, rows.stream().map(People.Observation::key).toList());
    r.people().saveProfiles(ws, ids, rows.stream().map(People.Observation::profile).toList());
    r.people()
        .recordVerdicts(ws, ids, rows.stream().map(People.Observation::verdict).toList(), NOW);
    for (int i = 0; i < rows.size(); i++) {
      People.Observation o = rows.get(i);
      if (o.follows()) {
        r.people().follow(ws, o.channelId(), new long[] {ids[i]}, o.followedAt());
      }
    }
  }

  private static List<IdentityKey> keys(int from, int to) {
    List<IdentityKey> keys = new ArrayList<>();
    for (int i = from; i < to; i++) {
      keys.add(new IdentityKey(Platform.X, "u" + i, "h" + i, null));
    }
    return keys;
  }

  private static Verdict verdict(Category c, String source) {
    return new Verdict(c, 0.75, 1.0, List.of("reason one", "reason\ttwo \\ \"three\""), source);
  }

  /** Accounts u0..u(n-1) in random order, some twice, with text COPY has to escape. */
  private static List<Input> inputs(SplittableRandom random, int accounts) {
    List<Input> out = new ArrayList<>();
    Category[] categories = Category.values();
    for (int k = 0; k < accounts * 3 / 2; k++) {
      int i = k < accounts ? k : random.nextInt(accounts);
      boolean odd = random.nextBoolean();
      ProfileSnapshot p =
          ProfileSnapshot.builder("x", "u" + i)
              .handle("h" + i)
              .displayName(odd ? "Name\t" + i + "\nline \\ é ✓" : null)
              .observedAt(odd ? NOW.minus(Duration.ofDays(random.nextInt(3))) : null)
              .accountCreatedAt(odd ? Instant.parse("2012-03-04T05:06:07.123456Z") : null)
              .followersCount(odd ? (long) random.nextInt(5000) : null)
              .bio(odd ? "bio with\r\ncontrol\\N chars" : null)
              .defaultAvatar(odd ? random.nextBoolean() : null)
              .language("en")
              .build();
      Verdict v =
          new Verdict(
              categories[random.nextInt(categories.length)],
              random.nextDouble(),
              1.0,
              odd ? List.of("few posts", "handle\\digits") : List.of(),
              random.nextInt(4) == 0 ? "rules-v1" : "x");
      out.add(new Input(p, v));
    }
    java.util.Collections.shuffle(out, new java.util.Random(random.nextLong()));
    return out;
  }

  private static void audit(Rapport r, long ws, Long channel, List<Input> inputs) {
    AuditSink sink = r.audits().start(ws, channel);
    Audit audit = new Audit(dev.rapport.authenticity.TargetAudience.none());
    for (Input in : inputs) {
      sink.verdict(in.profile(), in.verdict());
      audit.add(in.profile(), in.verdict());
    }
    sink.completed(audit.report("test", "x", 0, null));
  }

  /** What a stored audit did before it had a path of its own: the People calls, in order. */
  private static void general(Rapport r, long ws, Long channel, List<Input> inputs) {
    List<IdentityKey> keys = new ArrayList<>();
    List<ProfileSnapshot> profiles = new ArrayList<>();
    List<Verdict> verdicts = new ArrayList<>();
    for (Input in : inputs) {
      ProfileSnapshot p = in.profile();
      keys.add(
          new IdentityKey(
              Platform.fromCode(p.platform()), p.platformUserId(), p.handle(), p.displayName()));
      profiles.add(p);
      verdicts.add(in.verdict());
    }
    long[] ids = r.people().resolve(ws, keys);
    r.people().saveProfiles(ws, ids, profiles);
    r.people().recordVerdicts(ws, ids, verdicts, NOW);
    if (channel != null) {
      r.people().follow(ws, channel, ids, NOW);
    }
  }

  private static void assertSame(Rapport r, long stored, long general) {
    Map<String, String> a = state(r, stored);
    Map<String, String> b = state(r, general);
    assertThat(a).isEqualTo(b);
    assertThat(a.get("audience")).isEqualTo(a.get("recount"));
  }

  /** Every row the audit writes, keyed by account rather than by generated id. */
  private static Map<String, String> state(Rapport r, long ws) {
    Map<String, String> out = new TreeMap<>();
    out.put(
        "identities",
        rows(
            r,
            "SELECT i.platform_user_id, i.handle, i.display_name, i.verdict, i.verdict_source,"
                + " i.follows, p.display_name, p.stage FROM identity i JOIN person"
                + " p ON p.id = i.person_id WHERE i.workspace_id = ? ORDER BY i.platform_user_id",
            ws));
    out.put(
        "verdicts",
        rows(
            r,
            "SELECT i.platform_user_id, v.source, v.category, v.probability, v.coverage,"
                + " v.reasons, v.decided_at FROM verdict v JOIN identity i ON i.id ="
                + " v.identity_id WHERE v.workspace_id = ? ORDER BY 1, 2",
            ws));
    out.put(
        "snapshots",
        rows(
            r,
            "SELECT i.platform_user_id, s.observed_at, s.account_created_at, s.followers_count,"
                + " s.display_name, s.bio, s.default_avatar, s.language FROM profile_snapshot s"
                + " JOIN identity i ON i.id = s.identity_id WHERE i.workspace_id = ? ORDER BY 1,"
                + " 2",
            ws));
    out.put(
        "follows",
        rows(
            r,
            "SELECT i.platform_user_id, c.platform, f.followed_at FROM follow f JOIN identity i"
                + " ON i.id = f.identity_id JOIN channel c ON c.id = f.channel_id WHERE"
                + " f.workspace_id = ? ORDER BY 1, 2",
            ws));
    out.put(
        "audience",
        rows(
            r,
            "SELECT verdict, follows, n FROM audience_count WHERE workspace_id = ? AND n <> 0"
                + " ORDER BY 1, 2",
            ws));
    out.put(
        "recount",
        rows(
            r,
            "SELECT verdict, follows, COUNT(*) FROM identity WHERE workspace_id = ? GROUP BY"
                + " verdict, follows ORDER BY 1, 2",
            ws));
    return out;
  }

  private static String rows(Rapport r, String sql, long ws) {
    return r.database()
        .jdbi()
        .withHandle(
            h ->
                h.createQuery(sql)
                    .bind(0, ws)
                    .reduceResultSet(
                        new StringBuilder(),
                        (sb, rs, ctx) -> {
                          int n = rs.getMetaData().getColumnCount();
                          for (int i = 1; i <= n; i++) {
                            Object v = rs.getObject(i);
                            if (v instanceof OffsetDateTime t) {
                              v = t.toInstant();
                            } else if (v instanceof java.sql.Timestamp t) {
                              v = t.toInstant();
                            }
                            sb.append(i == 1 ? "" : "|").append(v);
                          }
                          sb.append('\n');
                          return sb;
                        })
                    .toString());
  }
}
