package dev.rapport.content.quality;

import java.util.List;
import java.util.Objects;

/**
 * What the rubric knows of a workspace for the relevant dimension.
 *
 * @param description the declared target audience in plain words
 * @param topics the declared topics
 * @param wellPerformingPosts texts of the brand's posts that earned authentic engagement
 */
public record Audience(String description, List<String> topics, List<String> wellPerformingPosts) {

  public static final Audience NONE = new Audience("", List.of(), List.of());

  public Audience {
    Objects.requireNonNull(description);
    topics = List.copyOf(topics);
    wellPerformingPosts = List.copyOf(wellPerformingPosts);
  }

  public boolean isDeclared() {
    return !description.isBlank() || !topics.isEmpty() || !wellPerformingPosts.isEmpty();
  }
}
