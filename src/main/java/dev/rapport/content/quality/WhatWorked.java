package dev.rapport.content.quality;

import dev.rapport.content.quality.internal.Learner;
import java.util.List;

/** What a brand's own history says: a fitted model and insights, or "too thin to say". */
public sealed interface WhatWorked {

  /** Enough history: a model and the insights that held up. */
  record Learned(EngagementModel model, List<Insight> insights) implements WhatWorked {
    public Learned {
      insights = List.copyOf(insights);
    }
  }

  /** Not enough history to say anything. */
  record TooThin(int posts, int needed, String reason) implements WhatWorked {}

  /**
   * Learns from a brand's history. The relevant dimension compares each post with the brand's
   * top-quartile posts (leaving the post itself out) and with the declared audience.
   */
  static WhatWorked learn(
      List<PastPost> history, Audience declared, ContentLanguage language, ModelSettings settings) {
    return Learner.learn(history, declared, language, settings);
  }

  static WhatWorked learn(List<PastPost> history, Audience declared) {
    return learn(history, declared, ContentLanguage.english(), ModelSettings.DEFAULTS);
  }
}
