package dev.rapport.authenticity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ModelScorerTest {

  private static final ModelScorer MODEL = ModelScorer.load();

  /** Recorded with the committed model-v1; a change means the model or the features changed. */
  private static final double[] GOLDEN = {
    0.0015608766911974622,
    0.9434527318602727,
    0.014620720031518373,
    0.9917111090219476,
    0.031893191560578495
  };

  @Test
  void theCommittedModelGivesTheRecordedProbabilities() {
    List<ProfileSnapshot> profiles = GoldenProfiles.all();
    for (int i = 0; i < GOLDEN.length; i++) {
      assertThat(MODEL.botProbability(profiles.get(i), GoldenProfiles.OBSERVED))
          .as(profiles.get(i).platformUserId())
          .isCloseTo(GOLDEN[i], within(1e-12));
    }
  }

  @Test
  void verdictsCarryCategoryAndPlainWordReasons() {
    List<ProfileSnapshot> p = GoldenProfiles.all();

    Verdict baker = MODEL.score(p.get(0), GoldenProfiles.OBSERVED);
    assertThat(baker.category()).isEqualTo(Category.REAL_PERSON);
    assertThat(baker.source()).isEqualTo("model-v1");
    assertThat(baker.coverage()).isEqualTo(1.0);

    Verdict bot = MODEL.score(p.get(1), GoldenProfiles.OBSERVED);
    assertThat(bot.category()).isEqualTo(Category.SUSPICIOUS);
    assertThat(bot.probability()).isGreaterThan(0.9);
    assertThat(bot.reasons()).contains("follows 4,812 accounts, followed by 12");

    Verdict paper = MODEL.score(p.get(2), GoldenProfiles.OBSERVED);
    assertThat(paper.category()).isEqualTo(Category.INFLUENCER);
    assertThat(paper.reasons().get(0)).isEqualTo("verified, followed by 254,000");

    Verdict sparse = MODEL.score(p.get(4), GoldenProfiles.OBSERVED);
    assertThat(sparse.coverage()).as("4 of 16 fields").isEqualTo(0.25);
    assertThat(sparse.reasons()).hasSizeLessThanOrEqualTo(ModelScorer.MAX_REASONS);
  }

  @Test
  void selfDeclaredBotsAndProfilesWithoutCountsAreSaidSo() {
    ProfileSnapshot bot =
        ProfileSnapshot.builder("mastodon", "b").declaredBot(true).followersCount(3L).build();
    assertThat(MODEL.score(bot, GoldenProfiles.OBSERVED).category())
        .isEqualTo(Category.SELF_DECLARED_BOT);
    ProfileSnapshot blank = ProfileSnapshot.builder("x", "u").handle("who").build();
    assertThat(MODEL.score(blank, GoldenProfiles.OBSERVED).category()).isEqualTo(Category.UNKNOWN);
  }

  @Test
  void anInactiveAccountIsInactive() {
    ProfileSnapshot quiet =
        ProfileSnapshot.builder("mastodon", "q")
            .handle("claire")
            .observedAt(GoldenProfiles.OBSERVED)
            .followersCount(210L)
            .followingCount(180L)
            .postsCount(1200L)
            .lastActivityAt(GoldenProfiles.OBSERVED.minus(java.time.Duration.ofDays(400)))
            .build();
    Verdict v = MODEL.score(quiet, GoldenProfiles.OBSERVED);
    assertThat(v.category()).isEqualTo(Category.INACTIVE);
    assertThat(v.reasons().get(0)).isEqualTo("no activity for 400 days");
  }
}
