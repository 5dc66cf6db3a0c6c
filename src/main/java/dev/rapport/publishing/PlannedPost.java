package dev.rapport.publishing;

import dev.rapport.content.PostState;
import java.util.List;

/**
 * A post with its variants as planning sees it.
 *
 * @param authorId the user who wrote it, or null (imported, simulated)
 * @param seriesId the recurring or evergreen series it belongs to, or null
 */
public record PlannedPost(
    long id,
    long workspaceId,
    String title,
    PostState state,
    Long authorId,
    Long seriesId,
    List<PlannedVariant> variants) {

  public PlannedPost {
    variants = List.copyOf(variants);
  }
}
