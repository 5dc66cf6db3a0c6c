package dev.rapport.engagement;

import dev.rapport.authenticity.Category;
import java.util.EnumMap;
import java.util.Map;

/** Followers of the workspace's channels (distinct accounts), by verdict category. */
public record AudienceCounts(Map<Category, Long> byCategory) {

  public AudienceCounts {
    EnumMap<Category, Long> copy = new EnumMap<>(Category.class);
    copy.putAll(byCategory);
    byCategory = Map.copyOf(copy);
  }

  public long total() {
    return byCategory.values().stream().mapToLong(Long::longValue).sum();
  }

  public long authentic() {
    return byCategory.entrySet().stream()
        .filter(e -> e.getKey().authentic())
        .mapToLong(Map.Entry::getValue)
        .sum();
  }

  public long of(Category c) {
    return byCategory.getOrDefault(c, 0L);
  }
}
