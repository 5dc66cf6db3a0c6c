package dev.rapport.web.view;

import dev.rapport.workspace.Sessions;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * The signed-in person's own page: change the password, see and end their sign-ins.
 *
 * @param notice what just happened, or null
 * @param error why the last change was refused, or null
 * @param minLength the shortest password accepted
 * @param maxLength the longest password accepted
 * @param sessions the person's live sign-ins, newest first
 */
public record AccountSecurityView(
    String notice, String error, int minLength, int maxLength, List<Sessions.Active> sessions) {

  private static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

  public String when(Instant t) {
    return WHEN.format(t);
  }
}
