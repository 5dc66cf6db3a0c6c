package dev.rapport.content.quality;

import dev.rapport.content.quality.internal.RubricEngine;

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
}
