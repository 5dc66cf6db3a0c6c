package dev.rapport.content.quality.internal;

import dev.rapport.content.quality.ContentLanguage;
import dev.rapport.content.quality.WordList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A language's word lists compiled for matching. Immutable and thread-safe. */
final class Lexicon {

  private final ContentLanguage language;
  private final Map<WordList, PhraseMatcher> matchers = new EnumMap<>(WordList.class);
  private final Map<WordList, Set<String>> sets = new EnumMap<>(WordList.class);
  private final Map<String, String> corrections = new HashMap<>();
  private final SpellChecker spelling;

  Lexicon(ContentLanguage language) {
    this.language = language;
    this.spelling = SpellChecker.of(language.dictionaries());
    for (WordList list : WordList.values()) {
      List<List<String>> phrases = language.phrases(list);
      matchers.put(list, new PhraseMatcher(phrases));
      sets.put(list, new HashSet<>(language.words(list)));
    }
    for (String pair : language.words(WordList.MISSPELLINGS)) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        corrections.put(pair.substring(0, eq), pair.substring(eq + 1));
      }
    }
  }

  SpellChecker spelling() {
    return spelling;
  }

  ContentLanguage language() {
    return language;
  }

  PhraseMatcher matcher(WordList list) {
    return matchers.get(list);
  }

  boolean has(WordList list, String word) {
    return sets.get(list).contains(word);
  }

  /** The correction for a misspelt word, or null. */
  String correction(String lowerWord) {
    return corrections.get(lowerWord);
  }
}
