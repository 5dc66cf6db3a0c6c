package dev.rapport.platforms.mastodon.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Mastodon notifies people of mentions, not of replies: a reply that does not mention the author of
 * the status it answers sits silently in the thread. So a reply to someone else's status starts
 * with their address unless the text already mentions them, as Mastodon's own clients do.
 */
public final class ReplyAddressing {

  private ReplyAddressing() {}

  /** The text to send in reply to {@code parent} (a Status entity). */
  public static String address(JsonNode parent, String brandAccountId, String text) {
    JsonNode author = parent.path("account");
    String id = author.path("id").asText(null);
    String username = author.path("username").asText("");
    String acct = author.path("acct").asText(username);
    if (id == null || id.equals(brandAccountId) || username.isBlank()) {
      return text;
    }
    Pattern mentioned =
        Pattern.compile(
            "(^|[^\\w@])@" + Pattern.quote(username.toLowerCase(Locale.ROOT)) + "(?![\\w])");
    if (mentioned.matcher(text.toLowerCase(Locale.ROOT)).find()) {
      return text;
    }
    return "@" + acct + " " + text;
  }
}
