package dev.rapport.content;

import java.time.Instant;
import java.util.List;

/** Content for one or more channels. */
public record Post(
    long id,
    long workspaceId,
    String title,
    String body,
    PostState state,
    String externalKey,
    Instant createdAt,
    List<Variant> variants) {

  public Post {
    variants = List.copyOf(variants);
  }
}
