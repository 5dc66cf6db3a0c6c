package dev.rapport.web.view;

import dev.rapport.workspace.SecurityLog;
import dev.rapport.workspace.Workspace;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** The workspace's security log as the settings page shows it. */
public record SecurityLogView(Workspace workspace, List<SecurityLog.Event> events) {

  static final DateTimeFormatter WHEN =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss", Locale.ROOT);

  public SecurityLogView {
    events = List.copyOf(events);
  }

  public String when(Instant t) {
    return WHEN.format(t.atZone(workspace.timeZone()));
  }
}
