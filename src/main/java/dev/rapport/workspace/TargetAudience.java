package dev.rapport.workspace;

import java.util.List;

/** Who the brand wants to reach: free text plus topics, languages and places to match. */
public record TargetAudience(
    String description, List<String> topics, List<String> languages, List<String> places) {

  public static final TargetAudience NONE = new TargetAudience("", List.of(), List.of(), List.of());

  public TargetAudience {
    description = description == null ? "" : description;
    topics = List.copyOf(topics);
    languages = List.copyOf(languages);
    places = List.copyOf(places);
  }

  public boolean declared() {
    return !description.isBlank() || !topics.isEmpty();
  }
}
