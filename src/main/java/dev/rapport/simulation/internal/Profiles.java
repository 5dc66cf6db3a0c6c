package dev.rapport.simulation.internal;

import dev.rapport.authenticity.ProfileSnapshot;
import dev.rapport.simulation.AccountKind;
import java.time.Duration;
import java.time.Instant;
import java.util.random.RandomGenerator;

/**
 * Twitter-like profile snapshots whose fields make sense for each kind of account: real people have
 * bios, photos and modest counts; bots and bought followers are young, empty and follow far more
 * than follow them; inactive accounts fell silent long ago. Each kind has a small share of
 * look-alikes of another kind (a real person without a photo, a bot with a filled-in profile), so
 * that a scorer is right most of the time but not always, as in the wild. Stateless.
 */
final class Profiles {

  private static final String[] FIRST = {
    "Ana", "Ben", "Chloé", "Dev", "Emma", "Farid", "Greta", "Hugo", "Ines", "Jonas", "Kemal",
    "Lea", "Mateo", "Nora", "Omar", "Priya", "Quentin", "Rosa", "Sven", "Tara", "Umar", "Vera",
    "Wen", "Yara", "Zoe"
  };
  private static final String[] BIO = {
    "Coffee, books and long walks.",
    "Designer in Lyon. Opinions my own.",
    "Runner, baker, dad of two.",
    "Small business owner. Sourdough nerd.",
    "Teacher. Photographer on weekends.",
    "Developer, cyclist, plant person.",
    "Marketing at a local co-op.",
    "Studying architecture."
  };
  private static final String[] PLACE = {"Lyon", "Berlin", "Lisbon", "Montréal", "Leeds", "Porto"};
  private static final String[] LANGUAGE = {"en", "fr", "de", "pt", "es"};
  private static final long DAY = Duration.ofDays(1).toSeconds();

  private Profiles() {}

  static String displayName(int i) {
    return FIRST[Math.floorMod(i * 31 + 7, FIRST.length)] + " " + (char) ('A' + i % 26) + ".";
  }

  static ProfileSnapshot of(
      AccountKind kind, int i, String platform, Instant asOf, RandomGenerator r) {
    long now = asOf.getEpochSecond();
    ProfileSnapshot.Builder b =
        ProfileSnapshot.builder(platform, "sim" + i)
            .handle("sim_" + i)
            .displayName(displayName(i))
            .observedAt(asOf)
            .verified(false)
            .declaredBot(false)
            .protectedAccount(Draw.chance(r, 0.03))
            .language(LANGUAGE[r.nextInt(LANGUAGE.length)]);
    return switch (kind) {
      case REAL_PERSON -> person(b, r, now, Draw.chance(r, 0.04)).build();
      case INFLUENCER -> influencer(b, r, now).build();
      case MASS_FOLLOWER -> massFollower(b, r, now).build();
      case BOT -> bot(b, r, now).build();
      case PURCHASED_FAKE -> fake(b, r, now).build();
      case INACTIVE -> inactive(b, r, now).build();
    };
  }

  /** {@code sloppy}: an older account that never set a photo (the rules will doubt it). */
  private static ProfileSnapshot.Builder person(
      ProfileSnapshot.Builder b, RandomGenerator r, long now, boolean sloppy) {
    long following = Math.min(1_400, 20 + Draw.pareto(r, 60, 1.6));
    long followers = Math.min(4_800, Draw.pareto(r, 40, 1.3));
    boolean hasBio = Draw.chance(r, 0.85);
    return b.accountCreatedAt(Instant.ofEpochSecond(now - Draw.between(r, 200, 4_000) * DAY))
        .followersCount(followers)
        .followingCount(following)
        .postsCount(Draw.pareto(r, 30, 1.1))
        .likesCount(Draw.pareto(r, 100, 1.1))
        .listedCount((long) r.nextInt(5))
        .bio(hasBio ? BIO[r.nextInt(BIO.length)] : "")
        .location(hasBio || Draw.chance(r, 0.5) ? PLACE[r.nextInt(PLACE.length)] : "")
        .url(Draw.chance(r, 0.2) ? "https://example.org/~" + r.nextInt(100_000) : null)
        .defaultAvatar(sloppy)
        .defaultProfile(sloppy)
        .lastActivityAt(Instant.ofEpochSecond(now - Draw.between(r, 0, 60) * DAY));
  }

  private static ProfileSnapshot.Builder influencer(
      ProfileSnapshot.Builder b, RandomGenerator r, long now) {
    return b.accountCreatedAt(Instant.ofEpochSecond(now - Draw.between(r, 700, 5_000) * DAY))
        .followersCount(Math.min(2_000_000, 5_100 + Draw.pareto(r, 2_000, 1.2)))
        .followingCount(Draw.between(r, 80, 1_400))
        .postsCount(Draw.between(r, 800, 40_000))
        .likesCount(Draw.between(r, 1_000, 80_000))
        .listedCount(Draw.between(r, 10, 900))
        .bio("Creator. Collabs: hello@example.com")
        .location(PLACE[r.nextInt(PLACE.length)])
        .url("https://example.com/" + r.nextInt(10_000))
        .defaultAvatar(false)
        .defaultProfile(false)
        .verified(Draw.chance(r, 0.3))
        .lastActivityAt(Instant.ofEpochSecond(now - Draw.between(r, 0, 7) * DAY));
  }

  /** Follows thousands, followed by a fair number back: the ratio stays below the fake rules'. */
  private static ProfileSnapshot.Builder massFollower(
      ProfileSnapshot.Builder b, RandomGenerator r, long now) {
    long following = Draw.between(r, 1_600, 7_500);
    return b.accountCreatedAt(Instant.ofEpochSecond(now - Draw.between(r, 300, 3_000) * DAY))
        .followersCount(following / Draw.between(r, 2, 20))
        .followingCount(following)
        .postsCount(Draw.between(r, 50, 9_000))
        .likesCount(Draw.between(r, 500, 30_000))
        .listedCount((long) r.nextInt(20))
        .bio(BIO[r.nextInt(BIO.length)] + " Follow back!")
        .location(PLACE[r.nextInt(PLACE.length)])
        .defaultAvatar(false)
        .defaultProfile(false)
        .lastActivityAt(Instant.ofEpochSecond(now - Draw.between(r, 0, 30) * DAY));
  }

  /**
   * Most bots are young, empty and follow hundreds with almost no followers; a few say they are
   * bots; about one in ten is disguised well enough to pass the profile rules.
   */
  private static ProfileSnapshot.Builder bot(
      ProfileSnapshot.Builder b, RandomGenerator r, long now) {
    if (Draw.chance(r, 0.1)) {
      return person(b, r, now, false);
    }
    boolean declared = Draw.chance(r, 0.05);
    return b.accountCreatedAt(Instant.ofEpochSecond(now - Draw.between(r, 70, 400) * DAY))
        .followersCount((long) r.nextInt(8))
        .followingCount(Draw.between(r, 400, 4_000))
        .postsCount(Draw.between(r, 200, 60_000))
        .likesCount(Draw.between(r, 2_000, 200_000))
        .listedCount(0L)
        .bio(declared ? "Automated account: posts deals every hour." : "")
        .location("")
        .defaultAvatar(Draw.chance(r, 0.6))
        .defaultProfile(true)
        .declaredBot(declared)
        .lastActivityAt(Instant.ofEpochSecond(now - Draw.between(r, 0, 2) * DAY));
  }

  /** Bought followers: created in bulk, never posted, follow hundreds, nobody follows them. */
  private static ProfileSnapshot.Builder fake(
      ProfileSnapshot.Builder b, RandomGenerator r, long now) {
    long created = now - Draw.between(r, 90, 500) * DAY;
    return b.accountCreatedAt(Instant.ofEpochSecond(created))
        .followersCount((long) r.nextInt(4))
        .followingCount(Draw.between(r, 300, 2_500))
        .postsCount(Draw.chance(r, 0.8) ? 0L : (long) r.nextInt(5))
        .likesCount((long) r.nextInt(20))
        .listedCount(0L)
        .bio("")
        .location("")
        .defaultAvatar(Draw.chance(r, 0.8))
        .defaultProfile(true)
        .lastActivityAt(Instant.ofEpochSecond(created + Draw.between(r, 0, 30) * DAY));
  }

  private static ProfileSnapshot.Builder inactive(
      ProfileSnapshot.Builder b, RandomGenerator r, long now) {
    person(b, r, now, false);
    return b.accountCreatedAt(Instant.ofEpochSecond(now - Draw.between(r, 1_000, 5_000) * DAY))
        .lastActivityAt(Instant.ofEpochSecond(now - Draw.between(r, 200, 2_000) * DAY));
  }
}
