package dev.rapport.people;

import dev.rapport.app.Rapport;
import dev.rapport.authenticity.Category;
import dev.rapport.authenticity.Verdict;
import dev.rapport.engagement.Engagement;
import dev.rapport.engagement.EngagementKind;
import dev.rapport.engagement.NewConversion;
import dev.rapport.store.Database;
import dev.rapport.store.TestDatabases;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.Workspace;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A small shop workspace whose stages and focus list are worked out by hand in {@link
 * PeopleContractTest}. AS_OF is Wednesday 2026-06-17 12:00 UTC; its week W starts Monday 06-15.
 *
 * <pre>
 * ann  real person  follows; replied 3 days ago (Sun 06-14 12:00)
 * ben  real person  liked on Tue 04-07, Tue 04-21, Tue 05-05 (weeks W-10, W-8, W-6); silent since
 * cat  influencer   follows; reposted 2, 5 and 9 days ago
 * dan  real person  clicked links 1 and 4 days ago
 * eve  suspicious   replied 1 day ago
 * fay  real person  bought (order o-1, 25.00 EUR, 20 days ago); clicked 2 days ago
 * gus  real person  follows, nothing else
 * ivy  real person  mentioned the brand 10 hours ago
 * </pre>
 */
record PeopleFixture(Rapport r, long ws, long channel, Map<String, Long> identity) {

  static final Instant AS_OF = Instant.parse("2026-06-17T12:00:00Z");
  static final String[] NAMES = {"ann", "ben", "cat", "dan", "eve", "fay", "gus", "ivy"};

  static Rapport open(TestDatabases.Kind kind) {
    Database db = kind.open();
    return Rapport.on(db, Clock.fixed(AS_OF, ZoneOffset.UTC));
  }

  long person(String name) {
    return r.people().identity(ws, identity.get(name)).orElseThrow().personId();
  }

  static PeopleFixture build(Rapport r) {
    Workspace ws = r.workspaces().create("shop", "Shop", ZoneId.of("UTC"), TargetAudience.NONE);
    Channel ch = r.workspaces().addChannel(ws.id(), Platform.BLUESKY, "shop.test", "Shop");
    List<IdentityKey> keys = new ArrayList<>();
    for (String n : NAMES) {
      keys.add(new IdentityKey(Platform.BLUESKY, "did:" + n, n + ".test", n.toUpperCase()));
    }
    long[] ids = r.people().resolve(ws.id(), keys);
    Map<String, Long> byName = new HashMap<>();
    for (int i = 0; i < NAMES.length; i++) {
      byName.put(NAMES[i], ids[i]);
    }
    Category[] verdicts = {
      Category.REAL_PERSON, Category.REAL_PERSON, Category.INFLUENCER, Category.REAL_PERSON,
      Category.SUSPICIOUS, Category.REAL_PERSON, Category.REAL_PERSON, Category.REAL_PERSON
    };
    List<Verdict> vs = new ArrayList<>();
    for (Category c : verdicts) {
      vs.add(new Verdict(c, 0.9, 1.0, List.of("fixture"), "test"));
    }
    r.people().recordVerdicts(ws.id(), ids, vs, AS_OF.minusSeconds(86_400L * 200));
    r.people()
        .follow(
            ws.id(),
            ch.id(),
            new long[] {byName.get("ann"), byName.get("cat"), byName.get("gus")},
            AS_OF.minusSeconds(86_400L * 100));
    PeopleFixture f = new PeopleFixture(r, ws.id(), ch.id(), byName);
    List<Engagement> events = new ArrayList<>();
    events.add(f.ev("ann", EngagementKind.REPLY, days(3), "ann-reply"));
    for (String day : new String[] {"2026-04-07", "2026-04-21", "2026-05-05"}) {
      events.add(
          f.ev(
              "ben",
              EngagementKind.LIKE,
              LocalDate.parse(day).atTime(10, 0).toInstant(ZoneOffset.UTC),
              "ben-like-" + day));
    }
    for (int d : new int[] {2, 5, 9}) {
      events.add(f.ev("cat", EngagementKind.REPOST, days(d), "cat-repost-" + d));
    }
    events.add(f.ev("dan", EngagementKind.CLICK, days(1), "dan-click-1"));
    events.add(f.ev("dan", EngagementKind.CLICK, days(4), "dan-click-4"));
    events.add(f.ev("eve", EngagementKind.REPLY, days(1), "eve-reply"));
    events.add(f.ev("fay", EngagementKind.CLICK, days(2), "fay-click"));
    events.add(f.ev("ivy", EngagementKind.MENTION, AS_OF.minusSeconds(36_000), "ivy-mention"));
    r.ledger().ingest(ws.id(), events);
    r.conversions()
        .record(
            ws.id(),
            List.of(new NewConversion("o-1", days(20), 2500, "EUR", f.person("fay"), null)));
    return f;
  }

  static Instant days(int n) {
    return AS_OF.minusSeconds(86_400L * n);
  }

  Engagement ev(String who, EngagementKind kind, Instant at, String key) {
    return new Engagement(identity.get(who), channel, null, kind, at, "test", key);
  }
}
