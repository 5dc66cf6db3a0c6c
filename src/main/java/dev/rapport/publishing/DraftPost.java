package dev.rapport.publishing;

import java.util.List;
import java.util.Objects;

/** A post to write: a title and one variant per channel, each with its own text and media. */
public record DraftPost(String title, List<DraftVariant> variants) {

  public DraftPost {
    variants = List.copyOf(variants);
    if (variants.isEmpty()) {
      throw new IllegalArgumentException("a post needs at least one channel");
    }
    if (variants.stream().map(DraftVariant::channelId).distinct().count() != variants.size()) {
      throw new IllegalArgumentException("a post has one variant per channel");
    }
  }

  /** The post as made for one channel. */
  public record DraftVariant(long channelId, String text, List<VariantMedia> media) {
    public DraftVariant {
      Objects.requireNonNull(text, "text");
      if (text.isBlank()) {
        throw new IllegalArgumentException("a variant needs text");
      }
      if (text.length() > 8000) {
        throw new IllegalArgumentException("a variant's text is at most 8,000 characters");
      }
      media = List.copyOf(media);
    }
  }
}
