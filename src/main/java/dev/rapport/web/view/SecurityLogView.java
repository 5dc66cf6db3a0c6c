package dev.rapport.web.view;

import dev.rapport.workspace.SecurityLog;
import dev.rapport.workspace.Workspace;
import java.util.List;

/** The workspace's security log as the settings page shows it. */
public record SecurityLogView(Workspace workspace, List<SecurityLog.Event> events) {

  public SecurityLogView {
    events = List.copyOf(events);
  }

  /**
   * What an action is, in plain words; the stable code ({@code token.issued}) stays on the page
   * beside it for those who search the log by it.
   */
  public String action(String code) {
    return switch (code) {
      case "token.issued" -> "API token created";
      case "token.revoked" -> "API token revoked";
      case "channel.added" -> "Channel added";
      case "channel.connected" -> "Channel connected";
      case "channel.disconnected" -> "Channel disconnected";
      case "workspace.updated" -> "Workspace name or time zone changed";
      case "publishing.updated" -> "Review and quality gates changed";
      case "member.added" -> "Member added";
      case "member.role_changed" -> "Member's role changed";
      case "member.removed" -> "Member removed";
      case "password.changed" -> "Password changed";
      case "sessions.closed" -> "Signed out everywhere";
      case "session.closed" -> "One sign-in ended";
      default -> code;
    };
  }
}
