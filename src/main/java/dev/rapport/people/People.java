package dev.rapport.people;

import dev.rapport.authenticity.ProfileSnapshot;
import dev.rapport.authenticity.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The audience of a workspace: identities, the persons they belong to, who follows which channel,
 * profile snapshots and verdicts. Batch methods take any number of items and write them in batches.
 * Implementations are thread-safe.
 */
public interface People {

  /**
   * Finds or creates each identity (and a person for each new one). Returns identity ids in the
   * order of {@code keys}.
   */
  long[] resolve(long workspaceId, List<IdentityKey> keys);

  /**
   * Stores accounts as seen at one moment, in one transaction: each identity (and a person for each
   * new one), its profile snapshot, its verdict made current, and, where {@link
   * Observation#channelId} is set, its follow of that channel. Accounts new to the workspace are
   * written once, in their final state and in bulk; known ones take the path of {@link #resolve},
   * {@link #saveProfiles}, {@link #recordVerdicts} and {@link #follow}, with the same result.
   * Returns identity ids in the order of {@code accounts}.
   *
   * @param at when the verdicts were decided (and the new rows' creation time)
   */
  long[] observe(long workspaceId, List<Observation> accounts, Instant at);

  /**
   * An account as seen once: its key, its profile, the verdict on it, and the channel it follows
   * since {@code followedAt} (both null when it follows none of the workspace's channels).
   */
  record Observation(
      IdentityKey key,
      ProfileSnapshot profile,
      Verdict verdict,
      Long channelId,
      Instant followedAt) {

    public Observation {
      java.util.Objects.requireNonNull(key, "key");
      java.util.Objects.requireNonNull(profile, "profile");
      java.util.Objects.requireNonNull(verdict, "verdict");
      if ((channelId == null) != (followedAt == null)) {
        throw new IllegalArgumentException("a follow needs both its channel and its time");
      }
    }

    /** Whether the account follows a channel. */
    public boolean follows() {
      return channelId != null;
    }
  }

  /** Records that identities follow a channel (idempotent). */
  void follow(long workspaceId, long channelId, long[] identityIds, Instant at);

  /** Stores profile snapshots; a snapshot already stored for the same moment is skipped. */
  void saveProfiles(long workspaceId, long[] identityIds, List<ProfileSnapshot> profiles);

  /** The newest snapshot of each given identity (absent ones are skipped). */
  List<StoredProfile> latestProfiles(long workspaceId, long afterIdentityId, int limit);

  /**
   * Stores verdicts and makes them the identities' current ones; the engagement rollups follow the
   * new verdicts in the same transaction.
   */
  void recordVerdicts(
      long workspaceId, long[] identityIds, List<Verdict> verdicts, Instant decidedAt);

  Optional<Identity> identity(long workspaceId, long identityId);

  Optional<Person> person(long workspaceId, long personId);

  List<Identity> identitiesOf(long workspaceId, long personId);

  /** Marks persons as customers (used when conversions are attributed to them). */
  void markCustomers(long workspaceId, long[] personIds);

  /** The identity with this handle on a platform (handles compare without a leading @). */
  Optional<Identity> byHandle(
      long workspaceId, dev.rapport.workspace.Platform platform, String handle);

  /** The person with this e-mail address, if any. */
  Optional<Person> byEmail(long workspaceId, String email);

  /** Sets the e-mail address of the person behind an identity (used to attribute purchases). */
  void setEmail(long workspaceId, long identityId, String email);

  /** Number of identities in the workspace. */
  long countIdentities(long workspaceId);

  /** A profile snapshot with the identity it belongs to. */
  record StoredProfile(long identityId, ProfileSnapshot profile) {}
}
