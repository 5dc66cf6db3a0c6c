package dev.rapport.authenticity.internal;

import dev.rapport.authenticity.ProfileSnapshot;
import java.time.Instant;

/**
 * Profile → feature vector. A field the profile does not carry gives NaN (missing), never zero.
 * Thread-safe once built.
 */
public final class FeatureExtractor {

  private static final double SECONDS_PER_DAY = 86_400.0;

  private final HandleBigrams handles;
  private final boolean[] masked;

  /**
   * @param masked features forced to missing (the shortcut check), indexed by ordinal; may be null
   */
  public FeatureExtractor(HandleBigrams handles, boolean[] masked) {
    this.handles = handles;
    this.masked = masked == null ? new boolean[Feature.COUNT] : masked.clone();
  }

  public HandleBigrams handles() {
    return handles;
  }

  /** Fills {@code out} (length {@link Feature#COUNT}); {@code now} stands in for observedAt. */
  public void extract(ProfileSnapshot p, Instant now, float[] out) {
    Instant observed = p.observedAt() != null ? p.observedAt() : now;
    double age = Double.NaN;
    if (observed != null && p.accountCreatedAt() != null) {
      age =
          Math.max(0, observed.getEpochSecond() - p.accountCreatedAt().getEpochSecond())
              / SECONDS_PER_DAY;
    }
    double perDay = Double.isNaN(age) ? Double.NaN : Math.max(age, 1.0);
    double followers = num(p.followersCount());
    double following = num(p.followingCount());
    double posts = num(p.postsCount());
    double likes = num(p.likesCount());
    double listed = num(p.listedCount());
    set(out, Feature.AGE_DAYS, age);
    set(out, Feature.FOLLOWERS, followers);
    set(out, Feature.FOLLOWING, following);
    set(out, Feature.POSTS, posts);
    set(out, Feature.LIKES, likes);
    set(out, Feature.LISTED, listed);
    set(out, Feature.FOLLOWERS_PER_DAY, followers / perDay);
    set(out, Feature.FOLLOWING_PER_DAY, following / perDay);
    set(out, Feature.POSTS_PER_DAY, posts / perDay);
    set(out, Feature.LIKES_PER_DAY, likes / perDay);
    set(out, Feature.LISTED_PER_DAY, listed / perDay);
    set(out, Feature.FOLLOWER_FOLLOWING_RATIO, followers / Math.max(following, 1.0));
    set(out, Feature.LIKES_PER_POST, likes / Math.max(posts, 1.0));
    set(out, Feature.HANDLE_LENGTH, length(p.handle()));
    set(out, Feature.HANDLE_DIGITS, digits(p.handle()));
    set(out, Feature.NAME_LENGTH, length(p.displayName()));
    set(out, Feature.NAME_DIGITS, digits(p.displayName()));
    set(out, Feature.HANDLE_LIKELIHOOD, handles.score(p.handle()));
    set(out, Feature.DESCRIPTION_LENGTH, length(p.bio()));
    set(out, Feature.DEFAULT_PROFILE, flag(p.defaultProfile()));
    set(out, Feature.DEFAULT_AVATAR, flag(p.defaultAvatar()));
    set(out, Feature.HAS_URL, present(p.url()));
    set(out, Feature.HAS_LOCATION, present(p.location()));
    set(out, Feature.VERIFIED, flag(p.verified()));
    set(out, Feature.PROTECTED, flag(p.protectedAccount()));
  }

  public float[] extract(ProfileSnapshot p, Instant now) {
    float[] out = new float[Feature.COUNT];
    extract(p, now, out);
    return out;
  }

  private void set(float[] out, Feature f, double v) {
    out[f.ordinal()] = masked[f.ordinal()] ? Float.NaN : (float) v;
  }

  private static double num(Long v) {
    return v == null ? Double.NaN : v;
  }

  private static double flag(Boolean b) {
    return b == null ? Double.NaN : (b ? 1 : 0);
  }

  private static double present(String s) {
    return s == null ? Double.NaN : (s.isBlank() ? 0 : 1);
  }

  private static double length(String s) {
    return s == null ? Double.NaN : s.codePointCount(0, s.length());
  }

  private static double digits(String s) {
    if (s == null) {
      return Double.NaN;
    }
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= '0' && c <= '9') {
        n++;
      }
    }
    return n;
  }
}
