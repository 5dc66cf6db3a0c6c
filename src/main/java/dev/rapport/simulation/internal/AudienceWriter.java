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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Writes the simulated audience batch by batch: identities, profile snapshots, the scorer's
 * verdicts on those profiles (the scorer never sees the ground truth), and who follows which
 * channel since when (grouped by four weeks). Not thread-safe.
 */
public final class AudienceWriter {

  /** Follow times are kept to four weeks: fewer, larger follow calls for small audiences. */
  private static final long PERIOD = 28 * 86_400L;

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

  public void write(
      Population p, Instant asOf, int batch, SplittableRandom r, SimulationProgress progress) {
    for (int from = 0; from < p.size; from += batch) {
      int to = Math.min(p.size, from + batch);
      List<IdentityKey> keys = new ArrayList<>(to - from);
      List<ProfileSnapshot> profiles = new ArrayList<>(to - from);
      List<Verdict> verdicts = new ArrayList<>(to - from);
      for (int i = from; i < to; i++) {
        Platform platform = platforms.get(p.channel[i]);
        ProfileSnapshot profile = Profiles.of(p.kind(i), i, platform.code(), asOf, r);
        keys.add(
            new IdentityKey(
                platform, profile.platformUserId(), profile.handle(), profile.displayName()));
        profiles.add(profile);
        Verdict v = scorer.score(profile, asOf);
        verdicts.add(v);
        p.verdict[i] = (byte) v.category().ordinal();
        confusion[p.kind[i]][v.category().ordinal()]++;
      }
      long[] ids = people.resolve(workspaceId, keys);
      System.arraycopy(ids, 0, p.identity, from, ids.length);
      people.saveProfiles(workspaceId, ids, profiles);
      people.recordVerdicts(workspaceId, ids, verdicts, asOf);
      follow(p, from, to);
      progress.advance(to - from);
    }
  }

  /** One follow call per channel and four weeks of arrival, stamped with the first arrival. */
  private void follow(Population p, int from, int to) {
    Map<Long, long[]> groups = new LinkedHashMap<>();
    Map<Long, Integer> sizes = new LinkedHashMap<>();
    Map<Long, Long> firstAt = new LinkedHashMap<>();
    for (int i = from; i < to; i++) {
      if (!p.follows[i]) {
        continue;
      }
      long key = Math.floorDiv(p.arrival[i], PERIOD) * 64 + p.channel[i];
      long[] ids = groups.computeIfAbsent(key, k -> new long[16]);
      int n = sizes.getOrDefault(key, 0);
      if (n == ids.length) {
        ids = Arrays.copyOf(ids, n * 2);
        groups.put(key, ids);
      }
      ids[n] = p.identity[i];
      sizes.put(key, n + 1);
      firstAt.merge(key, p.arrival[i], Math::min);
    }
    for (var e : groups.entrySet()) {
      long key = e.getKey();
      long[] ids = Arrays.copyOf(e.getValue(), sizes.get(key));
      people.follow(
          workspaceId,
          channelIds[(int) Math.floorMod(key, 64)],
          ids,
          Instant.ofEpochSecond(firstAt.get(key)));
    }
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
