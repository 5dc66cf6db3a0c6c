package dev.rapport.simulation.internal;

import dev.rapport.authenticity.Category;
import dev.rapport.authenticity.ProfileSnapshot;
import dev.rapport.authenticity.Scorer;
import dev.rapport.authenticity.Verdict;
import dev.rapport.people.IdentityKey;
import dev.rapport.people.People;
import dev.rapport.simulation.AccountKind;
import dev.rapport.simulation.SimulationProgress;
import dev.rapport.workspace.Platform;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes the simulated audience batch by batch through {@link People#observe}, the bulk path of
 * stored audits: identities, profile snapshots, the scorer's verdicts on those profiles (the scorer
 * never sees the ground truth), and who follows which channel since their arrival. Not thread-safe.
 */
public final class AudienceWriter {

  private static final Category[] CATEGORY = Category.values();

  private final People people;
  private final Scorer scorer;
  private final long workspaceId;
  private final long[] channelIds;
  private final List<Platform> platforms;
  private final long[][] confusion =
      new long[AccountKind.values().length][Category.values().length];

  public AudienceWriter(
      People people, Scorer scorer, long workspaceId, long[] channelIds, List<Platform> platforms) {
    this.people = people;
    this.scorer = scorer;
    this.workspaceId = workspaceId;
    this.channelIds = channelIds.clone();
    this.platforms = List.copyOf(platforms);
  }

  /**
   * Writes the population; the profiles and verdicts are made on the calling thread while up to
   * {@code writers} earlier batches are written.
   */
  public void write(
      Population p,
      Instant asOf,
      int batch,
      int writers,
      SplittableRandom r,
      SimulationProgress progress) {
    Pipeline pipeline = new Pipeline("audience", writers);
    AtomicLong written = new AtomicLong();
    for (int from = 0; from < p.size; from += batch) {
      int to = Math.min(p.size, from + batch);
      List<People.Observation> accounts = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        Platform platform = platforms.get(p.channel[i]);
        ProfileSnapshot profile = Profiles.of(p.kind(i), i, platform.code(), asOf, r);
        Verdict v = scorer.score(profile, asOf);
        p.verdict[i] = (byte) v.category().ordinal();
        confusion[p.kind[i]][v.category().ordinal()]++;
        accounts.add(
            new People.Observation(
                new IdentityKey(
                    platform, profile.platformUserId(), profile.handle(), profile.displayName()),
                profile,
                v,
                p.follows[i] ? channelIds[p.channel[i]] : null,
                p.follows[i] ? Instant.ofEpochSecond(p.arrival[i]) : null));
      }
      int at = from;
      pipeline.submit(
          () -> {
            long[] ids = people.observe(workspaceId, accounts, asOf);
            // Each batch fills its own range; finish() publishes them to the caller.
            System.arraycopy(ids, 0, p.identity, at, ids.length);
            written.addAndGet(ids.length);
          });
      progress.advance(written.getAndSet(0));
    }
    pipeline.finish();
    progress.advance(written.getAndSet(0));
  }

  /** Per ground-truth kind, how many accounts the scorer put in each category. */
  public Map<AccountKind, Map<Category, Long>> verdicts() {
    Map<AccountKind, Map<Category, Long>> out = new LinkedHashMap<>();
    for (AccountKind k : AccountKind.values()) {
      Map<Category, Long> row = new LinkedHashMap<>();
      for (Category c : CATEGORY) {
        long n = confusion[k.ordinal()][c.ordinal()];
        if (n > 0) {
          row.put(c, n);
        }
      }
      out.put(k, row);
    }
    return out;
  }
}
