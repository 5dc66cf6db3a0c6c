package dev.rapport.content.quality;

import dev.rapport.content.quality.internal.RubricEngine;
import java.util.List;

/**
 * The quality rubric for drafts of one workspace. Build it once per workspace (it indexes the
 * audience and the brand's good posts) and call {@link #assess} on every keystroke: it does no I/O
 * and runs in well under 2 ms on a 500-character post. Implementations are thread-safe.
 */
public interface Rubric {

  RubricReport assess(Draft draft);

  /** An English rubric for a workspace's audience. */
  static Rubric forAudience(Audience audience) {
    return forAudience(ContentLanguage.english(), audience);
  }

  static Rubric forAudience(ContentLanguage language, Audience audience) {
    return new RubricEngine(language, audience);
  }

  /**
   * Spelling candidates for a word the rubric flagged as {@code possible_misspelling}. Slow (tens
   * of milliseconds: an edit-distance search of the dictionary), so it is not on the keystroke
   * path; call it when the user opens the finding.
   */
  static List<String> spellingSuggestions(ContentLanguage language, String word, int max) {
    return RubricEngine.spellingSuggestions(language, word, max);
  }
}
