package dev.rapport.publishing.internal;

import dev.rapport.publishing.MediaLibrary;
import dev.rapport.publishing.Refused;
import dev.rapport.publishing.StoredMedia;
import dev.rapport.store.Database;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/** {@link MediaLibrary} in the {@code media_file} table. */
public final class SqlMediaLibrary implements MediaLibrary {

  private static final Pattern NAME = Pattern.compile("[0-9a-f]{32}\\.(jpg|png|gif|webp|mp4|mov)");

  private final Database db;
  private final Clock clock;
  private final SecureRandom random;

  public SqlMediaLibrary(Database db, Clock clock, SecureRandom random) {
    this.db = db;
    this.clock = clock;
    this.random = random;
  }

  @Override
  public StoredMedia add(long actor, long workspaceId, String originalName, byte[] content) {
    String shown = shown(originalName);
    if (content.length == 0) {
      throw new Refused(shown + " is empty.");
    }
    if (content.length > MAX_BYTES) {
      throw new Refused(
          shown
              + " is "
              + (content.length >> 20)
              + " MiB; Rapport keeps files up to "
              + (MAX_BYTES >> 20)
              + " MiB. Attach a larger video by the URL where it is hosted.");
    }
    MediaSniffer.Sniffed kind =
        MediaSniffer.sniff(content)
            .orElseThrow(
                () ->
                    new Refused(
                        shown
                            + " is not a JPEG, PNG, GIF or WebP image nor an MP4 or MOV video,"
                            + " the kinds the platforms take."));
    int[] size =
        kind.kind() == dev.rapport.content.quality.MediaKind.VIDEO
            ? null
            : MediaSniffer.size(content);
    byte[] token = new byte[16];
    random.nextBytes(token);
    String name = HexFormat.of().formatHex(token) + "." + kind.extension();
    db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO media_file (workspace_id, name, original_name, content_type, kind,"
                      + " size_bytes, width, height, content, created_by, created_at) VALUES (?,"
                      + " ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, workspaceId);
            ps.setString(2, name);
            ps.setString(3, shown);
            ps.setString(4, kind.contentType());
            ps.setString(5, kind.kind().name().toLowerCase(java.util.Locale.ROOT));
            ps.setLong(6, content.length);
            ps.setObject(7, size == null ? null : size[0], java.sql.Types.INTEGER);
            ps.setObject(8, size == null ? null : size[1], java.sql.Types.INTEGER);
            ps.setBytes(9, content);
            ps.setLong(10, actor);
            ps.setObject(11, PlanStore.ts(clock.instant()));
            ps.executeUpdate();
          }
          return null;
        });
    return new StoredMedia(
        LOCATION_PREFIX + name,
        name,
        kind.kind(),
        kind.contentType(),
        content.length,
        size == null ? null : size[0],
        size == null ? null : size[1]);
  }

  @Override
  public Optional<MediaContent> content(String name) {
    return find(null, name);
  }

  @Override
  public Optional<MediaContent> content(long workspaceId, String name) {
    return find(workspaceId, name);
  }

  private Optional<MediaContent> find(Long workspaceId, String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      return Optional.empty();
    }
    return db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT content_type, content, width, height FROM media_file WHERE name = ?"
                      + (workspaceId == null ? "" : " AND workspace_id = ?"))) {
            ps.setString(1, name);
            if (workspaceId != null) {
              ps.setLong(2, workspaceId);
            }
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              return Optional.of(
                  new MediaContent(
                      name,
                      rs.getString(1),
                      rs.getBytes(2),
                      (Integer) rs.getObject(3, Integer.class),
                      (Integer) rs.getObject(4, Integer.class)));
            }
          }
        });
  }

  @Override
  public int sweep(java.time.Instant madeBefore) {
    return db.transaction(
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "DELETE FROM media_file WHERE created_at < ? AND NOT EXISTS (SELECT 1 FROM"
                      + " variant_media vm WHERE vm.location = CONCAT('"
                      + LOCATION_PREFIX
                      + "', media_file.name))")) {
            ps.setObject(1, PlanStore.ts(madeBefore));
            return ps.executeUpdate();
          }
        });
  }

  /** The user's file name as shown back to them: its last path part, bounded. */
  private static String shown(String originalName) {
    String n = originalName == null ? "" : originalName.strip();
    n = n.substring(Math.max(n.lastIndexOf('/'), n.lastIndexOf('\\')) + 1);
    if (n.isEmpty()) {
      return "The file";
    }
    return n.length() > 200 ? n.substring(0, 200) : n;
  }
}
