package dev.rapport.authenticity;

import dev.rapport.authenticity.internal.AuthenticityModel;
import dev.rapport.authenticity.internal.ModelFile;
import dev.rapport.authenticity.internal.Reasons;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The learned verdict ({@code model-v1}): a calibrated gradient-boosted tree model gives the
 * probability that an account is a bot, fake or purchased; its exact TreeSHAP contributions give
 * the reasons. Categories, first match wins: self-declared bot (the profile says so); unknown (no
 * follower and following counts); suspicious (bot probability at or above the threshold); inactive
 * (no activity for {@link RuleBaseline#INACTIVE_AFTER}); mass follower (follows more than {@link
 * RuleBaseline#MASS_FOLLOWER_FOLLOWING}); influencer/brand (verified or more than {@link
 * RuleBaseline#INFLUENCER_FOLLOWERS} followers); real person. Thread-safe.
 */
public final class ModelScorer implements Scorer {

  public static final String RESOURCE = "/dev/rapport/authenticity/model-v1.json";
  public static final int MAX_REASONS = 3;

  private final AuthenticityModel model;
  private final ThreadLocal<AuthenticityModel.Kernel> kernels;

  private ModelScorer(AuthenticityModel model) {
    this.model = model;
    this.kernels = ThreadLocal.withInitial(model::kernel);
  }

  /** The committed model, from the classpath. */
  public static ModelScorer load() {
    try (InputStream in = ModelScorer.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("the authenticity model " + RESOURCE + " is missing");
      }
      return new ModelScorer(ModelFile.read(in));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Wraps a model trained in this process (evaluation, training). */
  public static ModelScorer of(AuthenticityModel model) {
    return new ModelScorer(model);
  }

  AuthenticityModel model() {
    return model;
  }

  @Override
  public String source() {
    return model.version();
  }

  public double threshold() {
    return model.threshold();
  }

  /** Calibrated probability that the profile is a bot, fake or purchased account. */
  public double botProbability(ProfileSnapshot p, Instant now) {
    return kernels.get().score(p, now);
  }

  @Override
  public Verdict score(ProfileSnapshot p, Instant now) {
    return score(p, now, true);
  }

  /**
   * Scores one profile; with {@code explain} false the reasons of authentic verdicts are left out
   * (audits only show reasons for the accounts they flag, and TreeSHAP is the costly part).
   */
  public Verdict score(ProfileSnapshot p, Instant now, boolean explain) {
    return score(p, now, explain, true);
  }

  /**
   * Scores one profile, computing TreeSHAP reasons for authentic verdicts only when {@code
   * explain}, and for suspicious verdicts only when {@code explainFlagged} (a suspicious verdict
   * without it has no reasons).
   */
  public Verdict score(ProfileSnapshot p, Instant now, boolean explain, boolean explainFlagged) {
    double coverage = coverage(p);
    if (Boolean.TRUE.equals(p.declaredBot())) {
      return new Verdict(
          Category.SELF_DECLARED_BOT, 1.0, coverage, List.of("says it is a bot"), source());
    }
    if (p.followersCount() == null && p.followingCount() == null) {
      return new Verdict(
          Category.UNKNOWN,
          0.0,
          coverage,
          List.of("the profile does not show follower and following counts"),
          source());
    }
    AuthenticityModel.Kernel k = kernels.get();
    double bot = k.score(p, now);
    Category c = category(p, now, bot);
    boolean towardBot = c == Category.SUSPICIOUS;
    double probability = towardBot ? bot : 1 - bot;
    List<String> reasons;
    if (c == Category.SUSPICIOUS ? explainFlagged : explain) {
      reasons = Reasons.top(p, k.lastFeatures(), k.explainLast(), towardBot, MAX_REASONS);
    } else {
      reasons = List.of();
    }
    if (c == Category.INACTIVE || c == Category.MASS_FOLLOWER || c == Category.INFLUENCER) {
      List<String> all = new ArrayList<>(reasons.size() + 1);
      all.add(ruleReason(c, p, now));
      all.addAll(reasons);
      reasons = all.size() > MAX_REASONS ? all.subList(0, MAX_REASONS) : all;
    }
    return new Verdict(c, probability, coverage, reasons, source());
  }

  private Category category(ProfileSnapshot p, Instant now, double bot) {
    if (bot >= model.threshold()) {
      return Category.SUSPICIOUS;
    }
    Instant observed = p.observedAt() != null ? p.observedAt() : now;
    if (p.lastActivityAt() != null
        && observed != null
        && Duration.between(p.lastActivityAt(), observed).compareTo(RuleBaseline.INACTIVE_AFTER)
            > 0) {
      return Category.INACTIVE;
    }
    if (p.followingCount() != null && p.followingCount() > RuleBaseline.MASS_FOLLOWER_FOLLOWING) {
      return Category.MASS_FOLLOWER;
    }
    if (Boolean.TRUE.equals(p.verified())
        || (p.followersCount() != null && p.followersCount() > RuleBaseline.INFLUENCER_FOLLOWERS)) {
      return Category.INFLUENCER;
    }
    return Category.REAL_PERSON;
  }

  private static String ruleReason(Category c, ProfileSnapshot p, Instant now) {
    return switch (c) {
      case INACTIVE -> {
        Instant observed = p.observedAt() != null ? p.observedAt() : now;
        yield "no activity for "
            + Duration.between(p.lastActivityAt(), observed).toDays()
            + " days";
      }
      case MASS_FOLLOWER -> "follows " + fmt(p.followingCount()) + " accounts (more than 1,500)";
      case INFLUENCER ->
          Boolean.TRUE.equals(p.verified())
              ? "verified, followed by " + fmt(p.followersCount())
              : "followed by " + fmt(p.followersCount()) + " accounts";
      default -> throw new IllegalArgumentException(c.toString());
    };
  }

  /** Share of the 16 profile fields the model reads that the profile carried. */
  static double coverage(ProfileSnapshot p) {
    int n = 0;
    n += p.accountCreatedAt() != null ? 1 : 0;
    n += p.observedAt() != null ? 1 : 0;
    n += p.followersCount() != null ? 1 : 0;
    n += p.followingCount() != null ? 1 : 0;
    n += p.postsCount() != null ? 1 : 0;
    n += p.likesCount() != null ? 1 : 0;
    n += p.listedCount() != null ? 1 : 0;
    n += p.handle() != null ? 1 : 0;
    n += p.displayName() != null ? 1 : 0;
    n += p.bio() != null ? 1 : 0;
    n += p.defaultProfile() != null ? 1 : 0;
    n += p.defaultAvatar() != null ? 1 : 0;
    n += p.url() != null ? 1 : 0;
    n += p.location() != null ? 1 : 0;
    n += p.verified() != null ? 1 : 0;
    n += p.protectedAccount() != null ? 1 : 0;
    return n / 16.0;
  }

  private static String fmt(Long n) {
    return n == null ? "an unknown number of" : String.format(Locale.ROOT, "%,d", n);
  }
}
