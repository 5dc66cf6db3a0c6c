package dev.rapport.simulation.internal;

import dev.rapport.authenticity.Category;
import dev.rapport.content.NewPost;
import dev.rapport.content.PostState;
import dev.rapport.content.Posts;
import dev.rapport.content.Variant;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates the scheduled history as published posts, each variant carrying the follower counts of
 * its channel at publish time (all, and authentic by the scorer's verdicts), as a connector would
 * have recorded them. Not thread-safe.
 */
public final class PostWriter {

  static final int BATCH = 500;

  // The steady period's posts are written to the rubric's bar (specific, addressed to the reader,
  // on the declared topics, with a next step), the spray period's below it: the demo shows the
  // difference the product measures.
  private static final String[] STEADY = {
    "How we pick our flour for sourdough, in 3 steps, and what each one changes in your crumb."
        + " Which flour do you bake with?",
    "3 mistakes we made with our first sourdough starter, and how you can avoid them at home."
        + " Save this for your next bake!",
    "Behind the counter at 5 am on a Tuesday: 120 loaves, 2 ovens, 1 playlist. Ask us anything"
        + " about baking in the replies.",
    "New seasonal sourdough this week: rye, walnut and fig, 48 hours of fermentation. Reserve"
        + " yours for Saturday at the link.",
    "Customer question of the week: why does your sourdough go stale? Our baker answers in 4"
        + " lines, and how to keep it fresh for 3 days."
  };
  private static final String[] SPRAY = {
    "Happy Monday!",
    "Don't forget to follow us!",
    "Like if you love bread!",
    "Weekend vibes.",
    "Check out our shop!"
  };

  private final long[] variantIds;
  private final long[] followersAtPublish;
  private final long[] authenticAtPublish;

  private PostWriter(int n) {
    variantIds = new long[n];
    followersAtPublish = new long[n];
    authenticAtPublish = new long[n];
  }

  public long[] variantIds() {
    return variantIds;
  }

  public long[] followersAtPublish() {
    return followersAtPublish;
  }

  public static PostWriter write(
      Posts posts, long workspaceId, long[] channelIds, Schedule schedule, Population people) {
    List<Schedule.Slot> slots = schedule.slots();
    PostWriter w = new PostWriter(slots.size());
    long[][] all = arrivals(people, channelIds.length, false);
    long[][] authentic = arrivals(people, channelIds.length, true);
    Map<Integer, List<Integer>> slotsOfPost = new HashMap<>();
    for (int i = 0; i < slots.size(); i++) {
      Schedule.Slot s = slots.get(i);
      slotsOfPost.computeIfAbsent(s.post(), k -> new ArrayList<>()).add(i);
      w.followersAtPublish[i] = countUpTo(all[s.channel()], s.publishedAt());
      w.authenticAtPublish[i] = countUpTo(authentic[s.channel()], s.publishedAt());
    }
    List<Integer> order = new ArrayList<>(slotsOfPost.keySet());
    order.sort(null);
    for (int from = 0; from < order.size(); from += BATCH) {
      List<Integer> chunk = order.subList(from, Math.min(order.size(), from + BATCH));
      List<NewPost> batch = new ArrayList<>(chunk.size());
      for (int post : chunk) {
        batch.add(w.post(post, slotsOfPost.get(post), slots, channelIds));
      }
      long[] ids = posts.create(workspaceId, batch);
      java.util.Map<Long, java.util.Map<Long, Long>> byPost = new java.util.HashMap<>();
      for (Variant v : posts.variantsOf(workspaceId, ids)) {
        byPost
            .computeIfAbsent(v.postId(), p -> new java.util.HashMap<>())
            .put(v.channelId(), v.id());
      }
      for (int k = 0; k < ids.length; k++) {
        java.util.Map<Long, Long> created = byPost.get(ids[k]);
        for (int slot : slotsOfPost.get(chunk.get(k))) {
          long channel = channelIds[slots.get(slot).channel()];
          w.variantIds[slot] = created.get(channel);
        }
      }
    }
    return w;
  }

  private NewPost post(
      int post, List<Integer> slotIds, List<Schedule.Slot> slots, long[] channelIds) {
    Schedule.Slot first = slots.get(slotIds.get(0));
    String[] texts = first.spray() ? SPRAY : STEADY;
    String body = texts[post % texts.length] + " #" + post;
    List<NewPost.NewVariant> variants = new ArrayList<>();
    for (int slot : slotIds) {
      Schedule.Slot s = slots.get(slot);
      Instant at = Instant.ofEpochSecond(s.publishedAt());
      variants.add(
          new NewPost.NewVariant(
              channelIds[s.channel()],
              body,
              PostState.PUBLISHED,
              at,
              at,
              "sim-" + post + "-" + s.channel(),
              followersAtPublish[slot],
              authenticAtPublish[slot]));
    }
    return new NewPost(null, body, PostState.PUBLISHED, "sim-" + post, variants);
  }

  /** Sorted follow times per channel, of every follower or of authentic ones only. */
  private static long[][] arrivals(Population p, int channels, boolean authenticOnly) {
    Category[] categories = Category.values();
    long[][] out = new long[channels][];
    int[] n = new int[channels];
    for (int pass = 0; pass < 2; pass++) {
      Arrays.fill(n, 0);
      for (int i = 0; i < p.size; i++) {
        if (!p.follows[i] || (authenticOnly && !categories[p.verdict[i]].authentic())) {
          continue;
        }
        int c = p.channel[i];
        if (pass == 1) {
          out[c][n[c]] = p.arrival[i];
        }
        n[c]++;
      }
      if (pass == 0) {
        for (int c = 0; c < channels; c++) {
          out[c] = new long[n[c]];
        }
      }
    }
    for (long[] a : out) {
      Arrays.sort(a);
    }
    return out;
  }

  private static long countUpTo(long[] sorted, long t) {
    int i = Arrays.binarySearch(sorted, t);
    if (i < 0) {
      return -i - 1;
    }
    while (i + 1 < sorted.length && sorted[i + 1] == t) {
      i++;
    }
    return i + 1;
  }
}
