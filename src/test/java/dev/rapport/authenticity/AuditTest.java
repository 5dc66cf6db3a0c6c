package dev.rapport.authenticity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class AuditTest {

  private static final Instant NOW = Instant.parse("2024-01-10T00:00:00Z");
  private static final TargetAudience BAKERS_IN_LYON =
      new TargetAudience(List.of("boulang", "pâtiss", "baker"), List.of("fr"), List.of("Lyon"));

  private final Auditor auditor =
      new Auditor(ModelScorer.load(), 2, new ReadOptions(0, NOW), BAKERS_IN_LYON, NOW);

  private AuditReport audit() {
    Auditor.Outcome o =
        auditor.run(List.of(Fixtures.path("audience.jsonl")), AuditSink.NONE, bytes -> {});
    return o.audit().report("audience.jsonl", "model-v1", o.badRecords(), null);
  }

  @Test
  void theTextReportReadsWellForABusinessOwner() {
    String text = AuditReports.text(audit());

    assertThat(text)
        .startsWith("Audience audit of audience.jsonl")
        .contains("8 followers checked. 4 are real people or brands (50%).")
        .contains("Real reach: about 4 real, active people can see what you post.")
        .contains("Audience quality score: 50 out of 100 (from the authentic share).")
        .contains("Who follows you")
        .containsPattern("real person +3 +38%")
        .containsPattern("influencer/brand +1 +13%")
        .containsPattern("mass follower +1 +13%")
        .containsPattern("suspicious +2 +25%")
        .containsPattern("inactive +1 +13%")
        .contains("Most suspicious accounts")
        .contains("@xk7d2q9f3 (suspicious,")
        .contains("follows 4,812 accounts, followed by 12")
        .contains("no activity for N days")
        .contains("Target fit: 1 of the 4 real followers we could judge match your target audience")
        .doesNotContain("NaN")
        .doesNotContain("null");
  }

  @Test
  void aSampledAuditExplainsOnlyTheSampleAndSaysSo() {
    Auditor sampling =
        new Auditor(ModelScorer.load(), 2, new ReadOptions(0, NOW), BAKERS_IN_LYON, NOW, false);
    Auditor.Outcome o =
        sampling.run(List.of(Fixtures.path("audience.jsonl")), AuditSink.NONE, bytes -> {});
    AuditReport r = o.audit().report("audience.jsonl", "model-v1", 0, null);

    // ids "5" and "6" hash outside the one-in-8 sample
    assertThat(r.flagged()).isEqualTo(2);
    assertThat(r.flaggedExplained()).isZero();
    assertThat(r.count(Category.SUSPICIOUS)).isEqualTo(2);
    assertThat(r.mostSuspicious()).isEmpty();
    assertThat(AuditReports.text(r))
        .contains("from a sample of 0 of the 2 suspicious accounts")
        .doesNotContain("@xk7d2q9f3");
    assertThat(audit().flaggedExplained()).isEqualTo(2);
  }

  @Test
  void reasonsAreCountedByTheirShape() {
    assertThat(Audit.pattern("follows 4,812 accounts, followed by 12"))
        .isEqualTo("follows N accounts, followed by N");
    assertThat(Audit.pattern("handle @xk7d2q9f3 has 4 digits")).isEqualTo("handle @… has N digits");
    AuditReport r = audit();
    assertThat(r.topReasons())
        .extracting(AuditReport.ReasonCount::reason)
        .contains("follows N accounts, followed by N");
  }

  @Test
  void mergingPartsGivesTheSameAsOneAudit() {
    List<ProfileSnapshot> profiles = Fixtures.read("audience.jsonl", new ReadOptions(0, NOW));
    Audit one = new Audit(BAKERS_IN_LYON);
    Audit a = new Audit(BAKERS_IN_LYON);
    Audit b = new Audit(BAKERS_IN_LYON);
    for (int i = 0; i < profiles.size(); i++) {
      Verdict v = auditor.verdict(profiles.get(i));
      one.add(profiles.get(i), v);
      (i % 2 == 0 ? a : b).add(profiles.get(i), v);
    }
    a.merge(b);
    AuditReport merged = a.report("s", "m", 0, null);
    AuditReport whole = one.report("s", "m", 0, null);
    assertThat(merged).usingRecursiveComparison().ignoringFields("realReach").isEqualTo(whole);
    assertThat(merged.realReach()).isCloseTo(whole.realReach(), within(1e-9));
  }

  @Test
  void qualityScoreUsesEngagementWhenKnown() {
    Audit audit = new Audit(TargetAudience.none());
    ProfileSnapshot p =
        ProfileSnapshot.builder("x", "1").followersCount(1L).followingCount(1L).build();
    audit.add(p, new Verdict(Category.REAL_PERSON, 0.9, 1, List.of(), "t"));
    audit.add(p, new Verdict(Category.REAL_PERSON, 0.9, 1, List.of(), "t"));
    audit.add(p, new Verdict(Category.SUSPICIOUS, 0.9, 1, List.of("x"), "t"));
    audit.add(p, new Verdict(Category.UNKNOWN, 0, 0, List.of(), "t"));

    AuditReport bare = audit.report("s", "t", 0, null);
    assertThat(bare.authenticShare()).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(bare.qualityScore()).isCloseTo(100 * 2 / 3.0, within(1e-9));
    assertThat(bare.realReach()).isCloseTo(1.8, within(1e-12));

    AuditReport full = audit.report("s", "t", 0, new EngagementSummary(1, 10, 2));
    double expected = 100 * (0.60 * (2 / 3.0) + 0.25 * 0.5 + 0.15 * 0.8);
    assertThat(full.qualityScore()).isCloseTo(expected, within(1e-9));
    assertThat(full.qualityBasis()).contains("engaged share").contains("bot-engagement share");
  }

  @Test
  void everyVerdictReachesTheSink() {
    List<Category> seen = new ArrayList<>();
    AuditSink sink =
        new AuditSink() {
          @Override
          public synchronized void verdict(ProfileSnapshot profile, Verdict verdict) {
            seen.add(verdict.category());
          }

          @Override
          public void completed(AuditReport report) {}
        };
    auditor.run(List.of(Fixtures.path("audience.jsonl")), sink, bytes -> {});
    assertThat(seen).hasSize(8).contains(Category.SUSPICIOUS, Category.INFLUENCER);
  }
}
