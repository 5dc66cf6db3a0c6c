package dev.rapport.authenticity.internal;

import dev.rapport.authenticity.ProfileSnapshot;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Turns per-feature contributions into plain words: features are grouped by what a person would
 * check on the profile (counts, age and posts, handle, …), groups are ranked by how strongly they
 * pushed towards the verdict, and each group is said as a fact about the profile, e.g. "follows
 * 4,812 accounts, followed by 12". Thread-safe.
 */
public final class Reasons {

  private enum Group {
    NETWORK,
    AGE_AND_POSTS,
    LIKES,
    LISTS,
    HANDLE,
    NAME,
    BIO,
    THEME,
    AVATAR,
    WEBSITE,
    LOCATION,
    VERIFIED,
    PROTECTED
  }

  /** Mean bigram log-probability below which a handle reads like random letters. */
  static final float RANDOM_HANDLE = -3.4f;

  private Reasons() {}

  /**
   * The top {@code max} reasons.
   *
   * @param towardBot rank by contributions towards "bot" (else towards "human")
   */
  public static List<String> top(
      ProfileSnapshot p, float[] x, double[] phi, boolean towardBot, int max) {
    Group[] groups = Group.values();
    double[] weight = new double[groups.length];
    for (Feature f : Feature.values()) {
      double c = phi[f.ordinal()];
      weight[group(f).ordinal()] += towardBot ? c : -c;
    }
    List<String> out = new ArrayList<>(max);
    boolean[] used = new boolean[groups.length];
    for (int k = 0; k < max; k++) {
      int best = -1;
      for (int g = 0; g < groups.length; g++) {
        if (!used[g] && weight[g] > 1e-6 && (best < 0 || weight[g] > weight[best])) {
          best = g;
        }
      }
      if (best < 0) {
        break;
      }
      used[best] = true;
      out.add(say(groups[best], p, x, towardBot));
    }
    return out;
  }

  private static Group group(Feature f) {
    return switch (f) {
      case FOLLOWERS, FOLLOWING, FOLLOWERS_PER_DAY, FOLLOWING_PER_DAY, FOLLOWER_FOLLOWING_RATIO ->
          Group.NETWORK;
      case AGE_DAYS, POSTS, POSTS_PER_DAY -> Group.AGE_AND_POSTS;
      case LIKES, LIKES_PER_DAY, LIKES_PER_POST -> Group.LIKES;
      case LISTED, LISTED_PER_DAY -> Group.LISTS;
      case HANDLE_LENGTH, HANDLE_DIGITS, HANDLE_LIKELIHOOD -> Group.HANDLE;
      case NAME_LENGTH, NAME_DIGITS -> Group.NAME;
      case DESCRIPTION_LENGTH -> Group.BIO;
      case DEFAULT_PROFILE -> Group.THEME;
      case DEFAULT_AVATAR -> Group.AVATAR;
      case HAS_URL -> Group.WEBSITE;
      case HAS_LOCATION -> Group.LOCATION;
      case VERIFIED -> Group.VERIFIED;
      case PROTECTED -> Group.PROTECTED;
    };
  }

  private static String say(Group g, ProfileSnapshot p, float[] x, boolean towardBot) {
    return switch (g) {
      case NETWORK ->
          "follows "
              + count(p.followingCount())
              + " accounts, followed by "
              + count(p.followersCount());
      case AGE_AND_POSTS -> {
        float age = x[Feature.AGE_DAYS.ordinal()];
        String a =
            Float.isNaN(age)
                ? "account age unknown"
                : "account "
                    + count((long) Math.floor(age))
                    + (age < 2 ? " day" : " days")
                    + " old";
        yield a + ", " + count(p.postsCount()) + " posts";
      }
      case LIKES ->
          p.likesCount() == null
              ? "does not show how many posts it liked"
              : "has liked " + count(p.likesCount()) + " posts";
      case LISTS ->
          p.listedCount() == null
              ? "does not show how many lists it is on"
              : "on " + count(p.listedCount()) + " public lists";
      case HANDLE -> {
        float likelihood = x[Feature.HANDLE_LIKELIHOOD.ordinal()];
        float digits = x[Feature.HANDLE_DIGITS.ordinal()];
        String h = "handle @" + p.handle();
        if (digits >= 3) {
          yield h + " has " + (int) digits + " digits";
        }
        if (likelihood < RANDOM_HANDLE) {
          yield h + " reads like random letters";
        }
        yield towardBot ? h + ", " + p.handle().length() + " characters" : h + " reads like a name";
      }
      case NAME ->
          p.displayName() == null
              ? "display name unknown"
              : p.displayName().isBlank()
                  ? "no display name"
                  : "display name \"" + p.displayName() + "\"";
      case BIO ->
          p.bio() == null
              ? "bio unknown"
              : p.bio().isBlank() ? "no bio" : "bio of " + p.bio().length() + " characters";
      case THEME ->
          Boolean.TRUE.equals(p.defaultProfile())
              ? "never changed the default profile theme"
              : "customised profile theme";
      case AVATAR ->
          Boolean.TRUE.equals(p.defaultAvatar())
              ? "default profile picture"
              : "own profile picture";
      case WEBSITE -> p.url() == null || p.url().isBlank() ? "no website" : "links a website";
      case LOCATION ->
          p.location() == null || p.location().isBlank()
              ? "no location"
              : "location \"" + p.location() + "\"";
      case VERIFIED -> Boolean.TRUE.equals(p.verified()) ? "verified account" : "not verified";
      case PROTECTED ->
          Boolean.TRUE.equals(p.protectedAccount()) ? "posts are protected" : "posts are public";
    };
  }

  static String count(Long n) {
    return n == null ? "an unknown number of" : String.format(Locale.ROOT, "%,d", n);
  }
}
