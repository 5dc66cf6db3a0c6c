package dev.rapport.content.quality.internal;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * TF-IDF over a small reference corpus (the audience profile and the brand's good posts): idf(t) =
 * ln(1 + (N + 1) / (max(df(t), 1) + 0.5)) — a term the corpus never saw weighs like one it saw
 * once, so the draft's off-topic words do not outweigh the very words it shares with the audience —
 * and tf is 1 + ln(count). Vectors are L2-normalised so that a dot product is the cosine.
 * Immutable.
 */
final class TermSpace {

  private final Map<String, Integer> documentFrequency = new HashMap<>();
  private final int documents;

  TermSpace(Collection<AnalyzedTerms> corpus) {
    for (AnalyzedTerms doc : corpus) {
      for (String term : doc.counts().keySet()) {
        documentFrequency.merge(term, 1, Integer::sum);
      }
    }
    this.documents = corpus.size();
  }

  double idf(String term) {
    return Math.log(
        1 + (documents + 1.0) / (Math.max(1, documentFrequency.getOrDefault(term, 0)) + 0.5));
  }

  Map<String, Double> vector(AnalyzedTerms terms) {
    Map<String, Double> v = new HashMap<>();
    double norm = 0;
    for (Map.Entry<String, Integer> e : terms.counts().entrySet()) {
      double w = (1 + Math.log(e.getValue())) * idf(e.getKey());
      v.put(e.getKey(), w);
      norm += w * w;
    }
    double n = Math.sqrt(norm);
    if (n > 0) {
      v.replaceAll((k, w) -> w / n);
    }
    return v;
  }

  static int shared(Map<String, Double> a, Map<String, Double> b) {
    Map<String, Double> small = a.size() <= b.size() ? a : b;
    Map<String, Double> large = small == a ? b : a;
    int n = 0;
    for (String term : small.keySet()) {
      if (large.containsKey(term)) {
        n++;
      }
    }
    return n;
  }

  static double dot(Map<String, Double> a, Map<String, Double> b) {
    Map<String, Double> small = a.size() <= b.size() ? a : b;
    Map<String, Double> large = small == a ? b : a;
    double sum = 0;
    for (Map.Entry<String, Double> e : small.entrySet()) {
      Double w = large.get(e.getKey());
      if (w != null) {
        sum += w * e.getValue();
      }
    }
    return sum;
  }
}
