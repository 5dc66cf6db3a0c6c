package dev.rapport.web;

import dev.rapport.app.Rapport;
import dev.rapport.authenticity.Category;
import dev.rapport.authenticity.Verdict;
import dev.rapport.content.NewPost;
import dev.rapport.content.PostState;
import dev.rapport.engagement.Engagement;
import dev.rapport.engagement.EngagementKind;
import dev.rapport.people.IdentityKey;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Platform;
import dev.rapport.workspace.TargetAudience;
import dev.rapport.workspace.Workspace;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A small bakery workspace built through the ports, with figures worked out by hand:
 *
 * <ul>
 *   <li>two channels whose platforms show 1,200 + 800 = 2,000 followers (vanity);
 *   <li>60 known followers: 30 real people, 5 influencers (35 authentic), 10 mass followers, 10
 *       suspicious, 5 inactive;
 *   <li>8 posts, one a week for the 8 weeks before {@link TestServer#NOW};
 *   <li>people 1–6 like every post (8 distinct weeks: the core), people 7–20 like one post each
 *       (engaged, not core): an engaged audience of 20; the 10 suspicious accounts like every post;
 *   <li>people 1 and 2 bought something: 2 customers.
 * </ul>
 */
final class BakeryFixture {

  static final String SLUG = "lyon-bakery";
  static final String NAME = "Lyon Bakery";
  static final long VANITY = 2_000;
  static final long KNOWN = 60;
  static final long AUTHENTIC = 35;
  static final long ENGAGED = 20;
  static final long CORE = 6;
  static final long CUSTOMERS = 2;
  static final int POSTS = 8;

  private BakeryFixture() {}

  static Workspace build(Rapport r, Instant now) {
    Workspace ws =
        r.workspaces().create(SLUG, NAME, ZoneId.of("Europe/Paris"), TargetAudience.NONE);
    Channel bluesky =
        r.workspaces().addChannel(ws.id(), Platform.BLUESKY, "lyonbakery.bsky.social", NAME);
    Channel mastodon =
        r.workspaces().addChannel(ws.id(), Platform.MASTODON, "@bakery@lyon.social", NAME);
    r.workspaces().updateChannelPlan(bluesky.id(), 1_200L, 3);
    r.workspaces().updateChannelPlan(mastodon.id(), 800L, 2);

    List<Category> verdicts = new ArrayList<>();
    add(verdicts, Category.REAL_PERSON, 30);
    add(verdicts, Category.INFLUENCER, 5);
    add(verdicts, Category.MASS_FOLLOWER, 10);
    add(verdicts, Category.SUSPICIOUS, 10);
    add(verdicts, Category.INACTIVE, 5);
    List<IdentityKey> keys = new ArrayList<>();
    for (int i = 0; i < verdicts.size(); i++) {
      keys.add(
          new IdentityKey(
              Platform.BLUESKY, "did:plc:f" + i, "follower" + i + ".bsky.social", "F" + i));
    }
    long[] ids = r.people().resolve(ws.id(), keys);
    r.people().follow(ws.id(), bluesky.id(), ids, now.minus(Duration.ofDays(200)));
    r.people()
        .recordVerdicts(
            ws.id(),
            ids,
            verdicts.stream()
                .map(c -> new Verdict(c, 0.9, 1.0, List.of("fixture"), "test"))
                .toList(),
            now.minus(Duration.ofDays(1)));

    long[] variants = new long[POSTS];
    for (int k = 0; k < POSTS; k++) {
      Instant published = now.minus(Duration.ofDays(7L * k + 1));
      long postId =
          r.posts()
              .create(
                  ws.id(),
                  List.of(
                      new NewPost(
                          null,
                          "Week " + (POSTS - k) + ": how we fold croissant dough, step by step",
                          PostState.PUBLISHED,
                          "bakery-" + k,
                          List.of(
                              new NewPost.NewVariant(
                                  bluesky.id(),
                                  null,
                                  PostState.PUBLISHED,
                                  null,
                                  published,
                                  "at://bakery/" + k,
                                  1_200L,
                                  AUTHENTIC)))))[0];
      variants[k] = r.posts().post(ws.id(), postId).orElseThrow().variants().get(0).id();
    }

    List<Engagement> events = new ArrayList<>();
    for (int k = 0; k < POSTS; k++) {
      Instant at = now.minus(Duration.ofDays(7L * k + 1)).plus(Duration.ofHours(2));
      for (int p = 0; p < 6; p++) {
        events.add(like(ids[p], bluesky, variants[k], at, "core-" + p + "-" + k));
      }
      for (int b = 45; b < 55; b++) {
        events.add(like(ids[b], bluesky, variants[k], at, "bot-" + b + "-" + k));
      }
    }
    for (int p = 6; p < 20; p++) {
      int k = p % POSTS;
      Instant at = now.minus(Duration.ofDays(7L * k + 1)).plus(Duration.ofHours(3));
      events.add(like(ids[p], bluesky, variants[k], at, "once-" + p));
    }
    r.ledger().ingest(ws.id(), events);

    long[] buyers = {
      r.people().identity(ws.id(), ids[0]).orElseThrow().personId(),
      r.people().identity(ws.id(), ids[1]).orElseThrow().personId()
    };
    r.people().markCustomers(ws.id(), buyers);
    return ws;
  }

  private static Engagement like(long identity, Channel ch, long variant, Instant at, String key) {
    return new Engagement(identity, ch.id(), variant, EngagementKind.LIKE, at, "test", key);
  }

  private static void add(List<Category> list, Category c, int n) {
    list.addAll(Arrays.asList(new Category[n]).stream().map(x -> c).toList());
  }
}
