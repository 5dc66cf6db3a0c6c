package dev.rapport.authenticity;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The explainable baseline verdict ({@code rules-v1}): transparent thresholds on profile metadata,
 * documented in docs/metrics.md. The learned model must beat it; it stays in the product so every
 * verdict can be compared with rules a person can check by hand.
 *
 * <p>Suspicious rules are the cheap profile ("class A") rules that Cresci et al. 2015 ("Fame for
 * sale") evaluated from the Socialbakers and Camisani-Calzolari criteria. First match wins, in this
 * order: self-declared bot, suspicious, inactive, mass follower, influencer/brand, real person.
 * Thread-safe and stateless.
 */
public final class RuleBaseline implements Scorer {

  public static final String SOURCE = "rules-v1";
  public static final long MASS_FOLLOWER_FOLLOWING = 1_500;
  public static final long INFLUENCER_FOLLOWERS = 5_000;
  public static final Duration INACTIVE_AFTER = Duration.ofDays(180);
  public static final long FOLLOW_RATIO_SUSPICIOUS = 50;
  public static final Duration DEFAULT_AVATAR_GRACE = Duration.ofDays(60);
  public static final long NO_BIO_FOLLOWING = 100;
  public static final long NO_POSTS_FOLLOWING = 50;

  /** Fields the rules read; coverage is the share of them the profile carried. */
  private static final int FIELDS = 7;

  @Override
  public String source() {
    return SOURCE;
  }

  @Override
  public Verdict score(ProfileSnapshot p, Instant now) {
    int seen = countSeen(p);
    double coverage = seen / (double) FIELDS;
    if (Boolean.TRUE.equals(p.declaredBot())) {
      return verdict(Category.SELF_DECLARED_BOT, 1.0, coverage, List.of("says it is a bot"));
    }
    if (p.followersCount() == null || p.followingCount() == null) {
      return verdict(
          Category.UNKNOWN,
          0.0,
          coverage,
          List.of("the profile does not show follower and following counts"));
    }
    long followers = p.followersCount();
    long following = p.followingCount();
    Instant observed = p.observedAt() != null ? p.observedAt() : now;

    List<String> suspicious = new ArrayList<>();
    if (following >= NO_BIO_FOLLOWING
        && following >= FOLLOW_RATIO_SUSPICIOUS * Math.max(1, followers)) {
      suspicious.add("follows " + count(following) + " accounts, followed by " + count(followers));
    }
    if (Boolean.TRUE.equals(p.defaultAvatar())
        && p.accountCreatedAt() != null
        && Duration.between(p.accountCreatedAt(), observed).compareTo(DEFAULT_AVATAR_GRACE) > 0) {
      suspicious.add(
          "still has the default profile picture after "
              + Duration.between(p.accountCreatedAt(), observed).toDays()
              + " days");
    }
    if (isBlank(p.bio())
        && isBlank(p.location())
        && p.bio() != null
        && following > NO_BIO_FOLLOWING) {
      suspicious.add("no bio and no location, yet follows " + count(following) + " accounts");
    }
    if (p.postsCount() != null && p.postsCount() == 0 && following > NO_POSTS_FOLLOWING) {
      suspicious.add("has never posted, yet follows " + count(following) + " accounts");
    }
    if (!suspicious.isEmpty()) {
      return verdict(Category.SUSPICIOUS, coverage, coverage, suspicious);
    }
    if (p.lastActivityAt() != null
        && Duration.between(p.lastActivityAt(), observed).compareTo(INACTIVE_AFTER) > 0) {
      long days = Duration.between(p.lastActivityAt(), observed).toDays();
      return verdict(
          Category.INACTIVE, coverage, coverage, List.of("no activity for " + days + " days"));
    }
    if (following > MASS_FOLLOWER_FOLLOWING) {
      return verdict(
          Category.MASS_FOLLOWER,
          coverage,
          coverage,
          List.of("follows " + count(following) + " accounts (more than 1,500)"));
    }
    if (followers > INFLUENCER_FOLLOWERS) {
      return verdict(
          Category.INFLUENCER,
          coverage,
          coverage,
          List.of("followed by " + count(followers) + " accounts, follows " + count(following)));
    }
    return verdict(
        Category.REAL_PERSON,
        coverage,
        coverage,
        List.of("no rule for fake or inactive accounts fired"));
  }

  private static Verdict verdict(Category c, double p, double coverage, List<String> reasons) {
    return new Verdict(c, p, coverage, reasons, SOURCE);
  }

  private static int countSeen(ProfileSnapshot p) {
    int n = 0;
    n += p.followersCount() != null ? 1 : 0;
    n += p.followingCount() != null ? 1 : 0;
    n += p.postsCount() != null ? 1 : 0;
    n += p.accountCreatedAt() != null ? 1 : 0;
    n += p.defaultAvatar() != null ? 1 : 0;
    n += p.bio() != null ? 1 : 0;
    n += p.lastActivityAt() != null ? 1 : 0;
    return n;
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }
}
