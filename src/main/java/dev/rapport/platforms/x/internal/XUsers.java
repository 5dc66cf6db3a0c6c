package dev.rapport.platforms.x.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rapport.authenticity.ProfileSnapshot;
import dev.rapport.platforms.SeenAccount;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** X's User object as Rapport sees it: identity plus the profile for audits. */
public final class XUsers {

  /** The user fields every user lookup asks for. */
  public static final String FIELDS =
      "created_at,description,entities,location,most_recent_tweet_id,profile_image_url,"
          + "protected,public_metrics,url,verified,verified_type";

  /** Twitter's snowflake epoch: ids carry their creation time in milliseconds after it. */
  private static final long SNOWFLAKE_EPOCH_MS = 1288834974657L;

  private XUsers() {}

  public static SeenAccount seen(JsonNode u, Instant observedAt) {
    String id = u.path("id").asText();
    JsonNode metrics = u.path("public_metrics");
    String image = text(u, "profile_image_url");
    String description = text(u, "description");
    String name = text(u, "name");
    ProfileSnapshot profile =
        ProfileSnapshot.builder("x", id)
            .handle(text(u, "username"))
            .displayName(name)
            .observedAt(observedAt)
            .accountCreatedAt(instant(text(u, "created_at")))
            .followersCount(count(metrics, "followers_count"))
            .followingCount(count(metrics, "following_count"))
            .postsCount(count(metrics, "tweet_count"))
            .likesCount(count(metrics, "like_count"))
            .listedCount(count(metrics, "listed_count"))
            .bio(description == null || description.isBlank() ? null : description)
            .url(website(u))
            .location(blankToNull(text(u, "location")))
            // X serves ".../default_profile_images/..." until a user uploads a picture.
            .defaultAvatar(image == null ? null : image.contains("default_profile_images"))
            .verified(verified(u))
            .protectedAccount(u.has("protected") ? u.get("protected").asBoolean() : null)
            .lastActivityAt(snowflakeTime(text(u, "most_recent_tweet_id")))
            .build();
    return new SeenAccount(id, text(u, "username"), name, profile);
  }

  private static Boolean verified(JsonNode u) {
    if (u.hasNonNull("verified_type")) {
      return !"none".equals(u.get("verified_type").asText());
    }
    return u.has("verified") ? u.get("verified").asBoolean() : null;
  }

  /** The expanded profile link rather than its t.co form. */
  private static String website(JsonNode u) {
    JsonNode urls = u.path("entities").path("url").path("urls");
    if (urls.isArray() && !urls.isEmpty()) {
      String expanded = urls.get(0).path("expanded_url").asText("");
      if (!expanded.isBlank()) {
        return expanded;
      }
    }
    return blankToNull(text(u, "url"));
  }

  /** When a post with this id was created, from the id itself. */
  public static Instant snowflakeTime(String id) {
    if (id == null || !id.matches("\\d{10,20}")) {
      return null;
    }
    try {
      return Instant.ofEpochMilli((Long.parseLong(id) >> 22) + SNOWFLAKE_EPOCH_MS);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  public static Instant instant(String value) {
    if (value == null) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static Long count(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asLong() : null;
  }

  private static String text(JsonNode n, String field) {
    return n.hasNonNull(field) ? n.get(field).asText() : null;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
