package dev.rapport.imports;

import java.util.List;
import java.util.Locale;

/**
 * What a generic CSV file holds, and its columns. Required columns must be present in the header;
 * any other column must be one of the optional ones (a misspelt column is an error, not ignored).
 * The README lists them with examples.
 */
public enum ImportKind {
  PEOPLE(
      List.of("platform", "user_id"),
      List.of("handle", "display_name", "email", "follows_channel", "followed_at")),
  PROFILES(
      List.of("platform", "user_id", "observed_at"),
      List.of(
          "handle",
          "display_name",
          "created_at",
          "followers",
          "following",
          "posts",
          "likes",
          "listed",
          "bio",
          "url",
          "location",
          "default_avatar",
          "default_profile",
          "verified",
          "bot",
          "protected",
          "language",
          "last_active_at",
          "follows_channel")),
  POSTS(
      List.of("post_key", "channel", "text"),
      List.of(
          "title",
          "published_at",
          "platform_post_id",
          "followers_at_publish",
          "authentic_followers_at_publish")),
  ENGAGEMENTS(
      List.of("event_key", "platform", "user_id", "kind", "occurred_at"),
      List.of("handle", "display_name", "channel", "post_key", "platform_post_id")),
  CONVERSIONS(
      List.of("order_id", "occurred_at", "amount", "currency"),
      List.of("email", "platform", "handle")),
  /**
   * Facebook Page posts as the Graph API returns them, flattened (created_time, message, ids,
   * reaction and share totals): each page becomes a channel, each post a published post with its
   * reported totals.
   */
  FACEBOOK_POSTS(
      List.of("post_id", "page_id", "created_time"),
      List.of(
          "message",
          "description",
          "link",
          "react_angry",
          "react_haha",
          "react_like",
          "react_love",
          "react_sad",
          "react_wow",
          "reactions",
          "shares",
          "comments",
          "scrape_time",
          "page_name"));

  private final List<String> required;
  private final List<String> optional;

  ImportKind(List<String> required, List<String> optional) {
    this.required = required;
    this.optional = optional;
  }

  public List<String> required() {
    return required;
  }

  public List<String> optional() {
    return optional;
  }

  public boolean knows(String column) {
    return required.contains(column) || optional.contains(column);
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static ImportKind fromCode(String code) {
    return valueOf(code.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
