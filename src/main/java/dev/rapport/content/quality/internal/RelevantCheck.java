package dev.rapport.content.quality.internal;

import static dev.rapport.content.quality.Dimension.RELEVANT;

import dev.rapport.content.quality.Audience;
import dev.rapport.content.quality.DimensionScore;
import dev.rapport.content.quality.Draft;
import dev.rapport.content.quality.Finding;
import dev.rapport.content.quality.Severity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;

/**
 * Relevant: TF-IDF cosine (Lucene-analysed terms) between the draft and (a) the declared audience
 * and topics, (b) each of the brand's well-performing posts; the larger of the two similarities s
 * gives score = 100 × min(1, s / {@value #FULL_MARKS_COSINE}); a past post counts only when it
 * shares at least {@value #MIN_SHARED_WITH_POST} terms with the draft. Built once per audience;
 * immutable.
 */
final class RelevantCheck implements Check {

  static final double FULL_MARKS_COSINE = 0.30;
  static final int OFF_TOPIC_SCORE = 35;
  static final int MAX_GOOD_POSTS = 200;
  static final int UNDECLARED_SCORE = 50;

  /** One word in common with a past post is coincidence ("early"); two or more is a topic. */
  static final int MIN_SHARED_WITH_POST = 2;

  private final Analyzer analyzer;
  private final boolean declared;
  private final TermSpace space;
  private final Map<String, Double> profile;
  private final List<Map<String, Double>> goodPosts;

  RelevantCheck(Analyzer analyzer, Audience audience) {
    this.analyzer = analyzer;
    this.declared = audience.isDeclared();
    StringBuilder declaredText = new StringBuilder(audience.description());
    for (String topic : audience.topics()) {
      declaredText.append('\n').append(topic).append('\n').append(topic);
    }
    AnalyzedTerms profileTerms = AnalyzedTerms.of(analyzer, declaredText.toString());
    List<AnalyzedTerms> posts = new ArrayList<>();
    for (String post : audience.wellPerformingPosts().stream().limit(MAX_GOOD_POSTS).toList()) {
      posts.add(AnalyzedTerms.of(analyzer, post));
    }
    List<AnalyzedTerms> corpus = new ArrayList<>(posts);
    corpus.add(profileTerms);
    this.space = new TermSpace(corpus);
    this.profile = space.vector(profileTerms);
    this.goodPosts = posts.stream().map(space::vector).toList();
  }

  @Override
  public DimensionScore assess(Draft draft, ScannedText scan) {
    if (!declared) {
      return new DimensionScore(
          RELEVANT,
          UNDECLARED_SCORE,
          List.of(
              Finding.whole(
                  RELEVANT,
                  "no_audience_declared",
                  Severity.ADVICE,
                  "No target audience, topics or past posts to compare with.",
                  "Declare the workspace's audience and topics.")));
    }
    AnalyzedTerms terms = AnalyzedTerms.of(analyzer, draft.text());
    Map<String, Double> v = space.vector(terms);
    double toProfile = profile.isEmpty() ? 0 : TermSpace.dot(v, profile);
    double toPosts = 0;
    Map<String, Double> closest = null;
    for (Map<String, Double> post : goodPosts) {
      double c = TermSpace.dot(v, post);
      if (c > toPosts && TermSpace.shared(v, post) >= MIN_SHARED_WITH_POST) {
        toPosts = c;
        closest = post;
      }
    }
    boolean profileCloser = toProfile >= toPosts;
    Map<String, Double> reference = profileCloser ? profile : closest;
    double similarity = Math.max(toProfile, toPosts);
    int score = Spans.clamp(100 * Math.min(1, similarity / FULL_MARKS_COSINE));
    List<Finding> findings = new ArrayList<>();
    if (reference != null && score >= OFF_TOPIC_SCORE) {
      terms.firstSpan().entrySet().stream()
          .filter(e -> reference.containsKey(e.getKey()))
          .sorted(Comparator.comparingInt(e -> e.getValue()[0]))
          .limit(3)
          .forEach(
              e -> {
                int[] span = e.getValue();
                findings.add(
                    new Finding(
                        RELEVANT,
                        "on_topic",
                        Severity.STRENGTH,
                        span[0],
                        span[1],
                        draft.text().substring(span[0], span[1]),
                        profileCloser
                            ? "Matches the declared audience and topics."
                            : "Echoes a post of yours that earned engagement.",
                        ""));
              });
    }
    if (score < OFF_TOPIC_SCORE) {
      findings.add(
          Finding.whole(
              RELEVANT,
              "off_topic",
              Severity.PROBLEM,
              String.format(
                  "Little in common with the declared audience or your best posts (similarity %.2f).",
                  similarity),
              "Tie it to what your audience came for."));
    }
    return new DimensionScore(RELEVANT, score, findings);
  }
}
