package dev.rapport.platforms.bluesky.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rapport.authenticity.ProfileSnapshot;
import dev.rapport.platforms.SeenAccount;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Bluesky actor views as Rapport's accounts and profile snapshots. The basic view (in likes,
 * notifications) carries no counts, so those stay null ("not said"), never zero.
 */
public final class Profiles {

  private Profiles() {}

  public static SeenAccount account(JsonNode actor, Instant observedAt) {
    String did = actor.path("did").asText();
    String handle = text(actor, "handle");
    String name = text(actor, "displayName");
    return new SeenAccount(did, handle, name, snapshot(actor, observedAt));
  }

  public static ProfileSnapshot snapshot(JsonNode actor, Instant observedAt) {
    boolean detailed = actor.has("followersCount") || actor.has("postsCount");
    ProfileSnapshot.Builder b =
        ProfileSnapshot.builder("bluesky", actor.path("did").asText())
            .handle(text(actor, "handle"))
            .displayName(text(actor, "displayName"))
            .observedAt(observedAt)
            .accountCreatedAt(time(actor.path("createdAt")))
            .bio(text(actor, "description"))
            .defaultAvatar(!actor.hasNonNull("avatar"))
            .verified(verified(actor))
            .declaredBot(hasLabel(actor, "bot") ? Boolean.TRUE : null)
            .protectedAccount(hasLabel(actor, "!no-unauthenticated") ? Boolean.TRUE : null);
    if (detailed) {
      b.followersCount(count(actor, "followersCount"))
          .followingCount(count(actor, "followsCount"))
          .postsCount(count(actor, "postsCount"))
          .defaultProfile(
              !actor.hasNonNull("avatar")
                  && !actor.hasNonNull("banner")
                  && text(actor, "description") == null);
    }
    return b.build();
  }

  private static Boolean verified(JsonNode actor) {
    JsonNode v = actor.path("verification");
    if (v.isMissingNode()) {
      return null;
    }
    return "valid".equals(v.path("verifiedStatus").asText());
  }

  private static boolean hasLabel(JsonNode actor, String value) {
    for (JsonNode l : actor.path("labels")) {
      if (value.equals(l.path("val").asText())) {
        return true;
      }
    }
    return false;
  }

  private static Long count(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asLong() : null;
  }

  static String text(JsonNode n, String field) {
    String v = n.path(field).asText(null);
    return v == null || v.isBlank() ? null : v;
  }

  /** An ISO timestamp, or null when absent or unreadable. */
  public static Instant time(JsonNode n) {
    if (n == null || !n.isTextual()) {
      return null;
    }
    try {
      return java.time.OffsetDateTime.parse(n.asText()).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return Instant.parse(n.asText());
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
