package dev.rapport.content.quality.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the phrases of one word list among a draft's word tokens, longest match first. Built once
 * per language; immutable and thread-safe.
 */
final class PhraseMatcher {

  /** A phrase found in the text: token indexes [first, last]. */
  record Match(int first, int last, String phrase) {}

  private final Map<String, List<List<String>>> byFirstWord = new HashMap<>();

  PhraseMatcher(List<List<String>> phrases) {
    for (List<String> phrase : phrases) {
      byFirstWord.computeIfAbsent(phrase.get(0), k -> new ArrayList<>()).add(phrase);
    }
    byFirstWord.values().forEach(l -> l.sort((a, b) -> b.size() - a.size()));
  }

  boolean contains(String word) {
    List<List<String>> candidates = byFirstWord.get(word);
    return candidates != null && candidates.stream().anyMatch(p -> p.size() == 1);
  }

  /** All non-overlapping matches among the word-like tokens, left to right. */
  List<Match> find(List<Token> tokens) {
    List<Match> matches = new ArrayList<>();
    int i = 0;
    while (i < tokens.size()) {
      Token token = tokens.get(i);
      List<List<String>> candidates = token.isWordLike() ? byFirstWord.get(token.lower()) : null;
      int matchedLast = -1;
      String matchedPhrase = null;
      if (candidates != null) {
        for (List<String> phrase : candidates) {
          int last = matchAt(tokens, i, phrase);
          if (last >= 0) {
            matchedLast = last;
            matchedPhrase = String.join(" ", phrase);
            break;
          }
        }
      }
      if (matchedLast >= 0) {
        matches.add(new Match(i, matchedLast, matchedPhrase));
        i = matchedLast + 1;
      } else {
        i++;
      }
    }
    return matches;
  }

  private static int matchAt(List<Token> tokens, int from, List<String> phrase) {
    int t = from;
    for (int p = 0; p < phrase.size(); p++, t++) {
      if (t >= tokens.size()) {
        return -1;
      }
      Token token = tokens.get(t);
      if (!token.isWordLike() || !token.lower().equals(phrase.get(p))) {
        return -1;
      }
      if (p > 0 && token.sentence() != tokens.get(from).sentence()) {
        return -1;
      }
    }
    return t - 1;
  }
}
