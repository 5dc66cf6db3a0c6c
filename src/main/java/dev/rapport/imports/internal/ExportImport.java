package dev.rapport.imports.internal;

import dev.rapport.content.Posts;
import dev.rapport.engagement.Ledger;
import dev.rapport.imports.ExportFormat;
import dev.rapport.imports.ExportLimits;
import dev.rapport.imports.ExportOutcome;
import dev.rapport.imports.ExportProgress;
import dev.rapport.people.People;
import dev.rapport.store.Database;
import dev.rapport.workspace.Channel;
import dev.rapport.workspace.Workspaces;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;

/**
 * An export import from start to end: read and validate everything (nothing written), settle the
 * channel, then write in one transaction. Thread-safe; each run is independent.
 */
public final class ExportImport {

  private final Workspaces workspaces;
  private final People people;
  private final ExportWriter writer;
  private final ExportLimits limits;
  private final ZoneId linkedInZone;
  private final int maxProblems;

  public ExportImport(
      Database database,
      Workspaces workspaces,
      People people,
      Posts posts,
      Ledger ledger,
      ExportLimits limits,
      ZoneId linkedInZone,
      int maxProblems) {
    this.workspaces = workspaces;
    this.people = people;
    this.writer = new ExportWriter(database, people, posts, ledger);
    this.limits = limits;
    this.linkedInZone = linkedInZone;
    this.maxProblems = maxProblems;
  }

  public ExportOutcome run(
      long workspaceId,
      ExportFormat format,
      Path source,
      String channelHandle,
      ExportProgress progress) {
    ExportProblems problems = new ExportProblems(maxProblems);
    Harvest h;
    try (ExportFiles files = ExportFiles.open(source, limits)) {
      h = reader(format).read(files, problems, progress);
    } catch (ExportRefusal r) {
      problems.add(r.problem());
      return new ExportOutcome.Rejected(format, problems.kept(), problems.total());
    }
    if (problems.any()) {
      return new ExportOutcome.Rejected(format, problems.kept(), problems.total());
    }
    List<Channel> onPlatform =
        workspaces.channels(workspaceId).stream()
            .filter(c -> c.platform() == format.platform())
            .toList();
    String wanted = channelHandle != null && !channelHandle.isBlank() ? strip(channelHandle) : null;
    if (wanted != null && h.handle != null && !sameAccount(wanted, h.handle)) {
      problems.add(
          "",
          0,
          "",
          "the export belongs to @"
              + h.handle
              + ", not @"
              + wanted
              + "; leave out --channel or name that account");
      return new ExportOutcome.Rejected(format, problems.kept(), problems.total());
    }
    String handle = wanted != null ? wanted : h.handle;
    Channel channel = null;
    if (handle != null) {
      channel =
          onPlatform.stream()
              .filter(c -> sameAccount(strip(c.handle()), handle))
              .findFirst()
              .orElse(null);
    } else if (onPlatform.size() == 1) {
      channel = onPlatform.get(0);
    } else {
      problems.add(
          "",
          0,
          "",
          "the export does not name its account; name the channel with --channel ("
              + (onPlatform.isEmpty()
                  ? "the workspace has no " + format.platform().code() + " channel yet"
                  : "known: "
                      + String.join(", ", onPlatform.stream().map(Channel::handle).toList()))
              + ")");
      return new ExportOutcome.Rejected(format, problems.kept(), problems.total());
    }
    boolean created = false;
    if (channel == null) {
      // Only after the export validated, so that a refused export leaves no channel behind.
      channel =
          workspaces.addChannel(
              workspaceId,
              format.platform(),
              handle,
              h.displayName != null ? h.displayName : handle);
      created = true;
    }
    long before = people.countIdentities(workspaceId);
    ExportWriter.Written w = writer.write(workspaceId, format, channel, h, progress);
    long newPeople = people.countIdentities(workspaceId) - before;
    return new ExportOutcome.Imported(
        format,
        format.platform().code() + ":" + channel.handle(),
        created,
        ExportWriter.counts(h, w, newPeople),
        h.skipped(),
        h.notes);
  }

  private ExportReader reader(ExportFormat format) {
    return switch (format) {
      case X_ARCHIVE -> new XArchive();
      case MASTODON_EXPORT -> new MastodonExport();
      case INSTAGRAM_EXPORT -> new InstagramExport();
      case LINKEDIN_EXPORT -> new LinkedInExport(linkedInZone);
    };
  }

  private static String strip(String handle) {
    String h = handle.strip();
    return h.startsWith("@") ? h.substring(1) : h;
  }

  /** "name" matches "name@host" (a Mastodon handle given without its server), any case. */
  static boolean sameAccount(String a, String b) {
    String x = a.toLowerCase(Locale.ROOT);
    String y = b.toLowerCase(Locale.ROOT);
    if (x.equals(y)) {
      return true;
    }
    boolean xFull = x.contains("@");
    boolean yFull = y.contains("@");
    if (xFull != yFull) {
      return (xFull ? x.substring(0, x.indexOf('@')) : x)
          .equals(yFull ? y.substring(0, y.indexOf('@')) : y);
    }
    return false;
  }
}
