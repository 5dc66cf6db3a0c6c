package dev.rapport.authenticity.internal;

/**
 * The model's inputs ({@link #VERSION}), in vector order. Definitions are in docs/authenticity.md.
 * {@link #appearance()} marks the profile-appearance fields that some cresci bot classes left
 * empty, so the shortcut check can remove them.
 */
public enum Feature {
  AGE_DAYS("age_days", false),
  FOLLOWERS("followers", false),
  FOLLOWING("following", false),
  POSTS("posts", false),
  LIKES("likes", false),
  LISTED("listed", false),
  FOLLOWERS_PER_DAY("followers_per_day", false),
  FOLLOWING_PER_DAY("following_per_day", false),
  POSTS_PER_DAY("posts_per_day", false),
  LIKES_PER_DAY("likes_per_day", false),
  LISTED_PER_DAY("listed_per_day", false),
  FOLLOWER_FOLLOWING_RATIO("follower_following_ratio", false),
  LIKES_PER_POST("likes_per_post", false),
  HANDLE_LENGTH("handle_length", false),
  HANDLE_DIGITS("handle_digits", false),
  NAME_LENGTH("name_length", false),
  NAME_DIGITS("name_digits", false),
  HANDLE_LIKELIHOOD("handle_likelihood", false),
  DESCRIPTION_LENGTH("description_length", true),
  DEFAULT_PROFILE("default_profile", true),
  DEFAULT_AVATAR("default_avatar", true),
  HAS_URL("has_url", true),
  HAS_LOCATION("has_location", true),
  VERIFIED("verified", false),
  PROTECTED("protected", false);

  public static final String VERSION = "features-v1";
  public static final int COUNT = values().length;

  private final String key;
  private final boolean appearance;

  Feature(String key, boolean appearance) {
    this.key = key;
    this.appearance = appearance;
  }

  public String key() {
    return key;
  }

  public boolean appearance() {
    return appearance;
  }
}
