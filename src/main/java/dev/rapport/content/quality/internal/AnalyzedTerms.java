package dev.rapport.content.quality.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/** A text's analysed terms (stop words removed, stemmed) with counts and their first spans. */
record AnalyzedTerms(Map<String, Integer> counts, Map<String, int[]> firstSpan) {

  static AnalyzedTerms of(Analyzer analyzer, String text) {
    Map<String, Integer> counts = new HashMap<>();
    Map<String, int[]> spans = new HashMap<>();
    try (TokenStream stream = analyzer.tokenStream("text", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        String t = term.toString();
        if (t.length() < 2 || Character.isDigit(t.charAt(0))) {
          continue;
        }
        counts.merge(t, 1, Integer::sum);
        spans.putIfAbsent(t, new int[] {offset.startOffset(), offset.endOffset()});
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new AnalyzedTerms(counts, spans);
  }

  List<String> terms() {
    return new ArrayList<>(counts.keySet());
  }
}
