package dev.rapport.engagement;

import java.util.Locale;

/** What a person did. Interactions count towards engaged audience and core; follows do not. */
public enum EngagementKind {
  LIKE(true),
  REPLY(true),
  REPOST(true),
  QUOTE(true),
  MENTION(true),
  CLICK(true),
  PURCHASE(true),
  FOLLOW(false),
  UNFOLLOW(false);

  private final boolean interaction;

  EngagementKind(boolean interaction) {
    this.interaction = interaction;
  }

  /** True for the kinds that show attention to the brand's content (not follows). */
  public boolean interaction() {
    return interaction;
  }

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static EngagementKind fromCode(String code) {
    String c = code.trim().toUpperCase(Locale.ROOT);
    return switch (c) {
      case "FAVOURITE", "FAVORITE", "FAV" -> LIKE;
      case "RETWEET", "REBLOG", "BOOST", "SHARE" -> REPOST;
      case "COMMENT" -> REPLY;
      case "LINK_CLICK" -> CLICK;
      default -> valueOf(c);
    };
  }
}
