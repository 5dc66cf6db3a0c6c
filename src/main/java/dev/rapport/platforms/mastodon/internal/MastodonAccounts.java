package dev.rapport.platforms.mastodon.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rapport.authenticity.ProfileSnapshot;
import dev.rapport.platforms.SeenAccount;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Mastodon's Account entity as Rapport sees it: identity plus the profile for audits. */
public final class MastodonAccounts {

  private static final Pattern HREF = Pattern.compile("href=\"([^\"]+)\"");

  private MastodonAccounts() {}

  /**
   * @param host the brand's instance: local accounts' {@code acct} has no domain, and Rapport keeps
   *     every handle as a full {@code user@domain} address
   */
  public static SeenAccount seen(JsonNode a, Instant observedAt, String host) {
    String id = a.path("id").asText();
    String acct = text(a, "acct");
    if (acct != null && !acct.contains("@") && host != null) {
      acct = acct + "@" + host;
    }
    String name = text(a, "display_name");
    String note = StatusText.plain(text(a, "note"));
    String avatar = text(a, "avatar");
    String header = text(a, "header");
    boolean noFields = !a.path("fields").elements().hasNext();
    ProfileSnapshot profile =
        ProfileSnapshot.builder("mastodon", id)
            .handle(acct)
            .displayName(name == null || name.isBlank() ? null : name)
            .observedAt(observedAt)
            .accountCreatedAt(instant(text(a, "created_at")))
            .followersCount(count(a, "followers_count"))
            .followingCount(count(a, "following_count"))
            .postsCount(count(a, "statuses_count"))
            .bio(note.isBlank() ? null : note)
            .url(website(a))
            // Mastodon serves ".../missing.png" for accounts that never set an avatar or header.
            .defaultAvatar(avatar == null ? null : isMissing(avatar))
            .defaultProfile(header == null ? null : isMissing(header) && note.isBlank() && noFields)
            .declaredBot(a.has("bot") ? a.get("bot").asBoolean() : null)
            .protectedAccount(a.has("locked") ? a.get("locked").asBoolean() : null)
            .lastActivityAt(instant(text(a, "last_status_at")))
            .build();
    return new SeenAccount(id, acct, name, profile);
  }

  private static boolean isMissing(String url) {
    return url.endsWith("/missing.png") || url.contains("/missing.png?");
  }

  /** The first link in the profile's fields, the closest Mastodon has to a website. */
  private static String website(JsonNode a) {
    for (JsonNode field : a.path("fields")) {
      Matcher m = HREF.matcher(field.path("value").asText(""));
      if (m.find()) {
        return m.group(1);
      }
    }
    return null;
  }

  private static Long count(JsonNode a, String field) {
    return a.hasNonNull(field) ? a.get(field).asLong() : null;
  }

  private static String text(JsonNode a, String field) {
    return a.hasNonNull(field) ? a.get(field).asText() : null;
  }

  /** Instants come as ISO date-times, {@code last_status_at} as a bare date ("2026-11-24"). */
  public static Instant instant(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      try {
        return value.length() > 10
            ? java.time.OffsetDateTime.parse(value).toInstant()
            : LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant();
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }
}
