package dev.rapport.engagement.internal;

import dev.rapport.engagement.Click;
import dev.rapport.engagement.Engagement;
import dev.rapport.engagement.EngagementKind;
import dev.rapport.engagement.Ledger;
import dev.rapport.engagement.NewLink;
import dev.rapport.engagement.TrackedLink;
import dev.rapport.engagement.TrackedLinks;
import dev.rapport.store.Database;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Jdbi;

/** Tracked links in SQL. Thread-safe. */
public final class SqlTrackedLinks implements TrackedLinks {

  static final String ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
  static final int CODE_LENGTH = 8;
  private static final String COLUMNS =
      "id, workspace_id, code, target_url, post_id, channel_id, person_id, utm_source,"
          + " utm_medium, utm_campaign";

  /** Attempts of a click batch that conflicts with a concurrent ledger batch (PostgreSQL). */
  private static final int RETRIES = 3;

  private final Database db;
  private final Jdbi jdbi;
  private final Ledger ledger;
  private final Clock clock;
  private final SecureRandom random;
  // Per day, SHA-256 already fed that day's salt; each hash clones it (no provider lookup, no
  // re-hash of the salt: the redirect hashes one visitor per click).
  private final ConcurrentHashMap<LocalDate, MessageDigest> salts = new ConcurrentHashMap<>();

  public SqlTrackedLinks(Database db, Ledger ledger, Clock clock, SecureRandom random) {
    this.db = db;
    this.jdbi = db.jdbi();
    this.ledger = ledger;
    this.clock = clock;
    this.random = random;
  }

  @Override
  public TrackedLink create(long workspaceId, NewLink link) {
    for (int attempt = 0; attempt < 5; attempt++) {
      String code = code();
      boolean taken =
          jdbi.withHandle(
              h ->
                  h.createQuery("SELECT COUNT(*) FROM tracked_link WHERE code = ?")
                          .bind(0, code)
                          .mapTo(Long.class)
                          .one()
                      > 0);
      if (taken) {
        continue;
      }
      long id =
          jdbi.withHandle(
              h ->
                  h.createUpdate(
                          "INSERT INTO tracked_link (workspace_id, code, target_url, post_id,"
                              + " channel_id, person_id, utm_source, utm_medium, utm_campaign,"
                              + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                      .bind(0, workspaceId)
                      .bind(1, code)
                      .bind(2, link.target().toString())
                      .bind(3, link.postId())
                      .bind(4, link.channelId())
                      .bind(5, link.personId())
                      .bind(6, link.utmSource())
                      .bind(7, link.utmMedium())
                      .bind(8, link.utmCampaign())
                      .bind(9, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC))
                      .executeAndReturnGeneratedKeys("id")
                      .mapTo(Long.class)
                      .one());
      return new TrackedLink(
          id,
          workspaceId,
          code,
          link.target(),
          link.postId(),
          link.channelId(),
          link.personId(),
          link.utmSource(),
          link.utmMedium(),
          link.utmCampaign());
    }
    throw new IllegalStateException("could not find a free short code after 5 attempts");
  }

  private String code() {
    StringBuilder b = new StringBuilder(CODE_LENGTH);
    for (int i = 0; i < CODE_LENGTH; i++) {
      b.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
    }
    return b.toString();
  }

  @Override
  public Optional<TrackedLink> byCode(String code) {
    if (code == null || code.length() != CODE_LENGTH) {
      return Optional.empty();
    }
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT " + COLUMNS + " FROM tracked_link WHERE code = ?")
                .bind(0, code)
                .map((rs, ctx) -> link(rs))
                .findOne());
  }

  @Override
  public List<TrackedLink> forPost(long workspaceId, long postId) {
    return jdbi.withHandle(
        h ->
            h.createQuery(
                    "SELECT "
                        + COLUMNS
                        + " FROM tracked_link WHERE workspace_id = ? AND post_id = ? ORDER BY id")
                .bind(0, workspaceId)
                .bind(1, postId)
                .map((rs, ctx) -> link(rs))
                .list());
  }

  @Override
  public LinkPage list(long workspaceId, int offset, int limit) {
    return jdbi.inTransaction(
        h -> {
          long total =
              h.createQuery("SELECT COUNT(*) FROM tracked_link WHERE workspace_id = ?")
                  .bind(0, workspaceId)
                  .mapTo(Long.class)
                  .one();
          List<TrackedLink> links =
              h.createQuery(
                      "SELECT "
                          + COLUMNS
                          + " FROM tracked_link WHERE workspace_id = ? ORDER BY id DESC OFFSET ?"
                          + " ROWS FETCH NEXT ? ROWS ONLY")
                  .bind(0, workspaceId)
                  .bind(1, Math.max(0, offset))
                  .bind(2, Math.max(1, limit))
                  .map((rs, ctx) -> link(rs))
                  .list();
          return new LinkPage(links, total);
        });
  }

  @Override
  public void recordClick(TrackedLink link, Instant at, String visitor, String referrer) {
    recordClicks(List.of(new Click(link, at, visitor, referrer)));
  }

  @Override
  public void recordClicks(List<Click> clicks) {
    if (clicks.isEmpty()) {
      return;
    }
    // Hashed first: the day's first click may create the day's salt, in a transaction of its own.
    String[] hashes = new String[clicks.size()];
    for (int i = 0; i < hashes.length; i++) {
      Click click = clicks.get(i);
      hashes[i] =
          click.visitor() == null
              ? null
              : hash(click.visitor(), LocalDate.ofInstant(click.at(), ZoneOffset.UTC));
    }
    // One transaction with the personal clicks' engagements, so that a retry after a conflict
    // cannot store a click twice.
    db.transactionRetrying(
        RETRIES,
        c -> {
          long[] keys = new long[clicks.size()];
          // Ids are needed only for the engagements of personal links; without them PostgreSQL's
          // driver sends the batch as multi-row inserts.
          boolean personal = clicks.stream().anyMatch(k -> k.link().personId() != null);
          String insert =
              "INSERT INTO link_click (link_id, workspace_id, clicked_at, visitor_hash,"
                  + " referrer) VALUES (?, ?, ?, ?, ?)";
          try (PreparedStatement ps =
              personal
                  ? c.prepareStatement(insert, new String[] {"id"})
                  : c.prepareStatement(insert)) {
            for (int i = 0; i < hashes.length; i++) {
              Click click = clicks.get(i);
              ps.setLong(1, click.link().id());
              ps.setLong(2, click.link().workspaceId());
              ps.setObject(3, OffsetDateTime.ofInstant(click.at(), ZoneOffset.UTC));
              ps.setString(4, hashes[i]);
              String referrer = click.referrer();
              if (referrer == null) {
                ps.setNull(5, Types.VARCHAR);
              } else {
                ps.setString(5, referrer.length() > 500 ? referrer.substring(0, 500) : referrer);
              }
              ps.addBatch();
            }
            ps.executeBatch();
            if (!personal) {
              return null;
            }
            try (ResultSet rs = ps.getGeneratedKeys()) {
              for (int i = 0; i < keys.length; i++) {
                if (!rs.next()) {
                  throw new SQLException("no generated id for click " + i);
                }
                keys[i] = rs.getLong(1);
              }
            }
          }
          ingestPersonal(c, clicks, keys);
          return null;
        });
  }

  /** A click on a link made for one person enters the ledger as that person's CLICK. */
  private void ingestPersonal(Connection c, List<Click> clicks, long[] ids) throws SQLException {
    Map<Long, Optional<Long>> identities = new HashMap<>();
    Map<Long, List<Engagement>> byWorkspace = new LinkedHashMap<>();
    for (int i = 0; i < clicks.size(); i++) {
      TrackedLink link = clicks.get(i).link();
      if (link.personId() == null) {
        continue;
      }
      Optional<Long> identity = identities.get(link.personId());
      if (identity == null) {
        identity = firstIdentity(c, link.workspaceId(), link.personId());
        identities.put(link.personId(), identity);
      }
      if (identity.isEmpty()) {
        continue;
      }
      byWorkspace
          .computeIfAbsent(link.workspaceId(), w -> new ArrayList<>())
          .add(
              new Engagement(
                  identity.get(),
                  link.channelId(),
                  null,
                  EngagementKind.CLICK,
                  clicks.get(i).at(),
                  "link",
                  "click:" + link.id() + ":" + ids[i]));
    }
    byWorkspace.forEach(ledger::ingest);
  }

  private static Optional<Long> firstIdentity(Connection c, long workspaceId, long personId)
      throws SQLException {
    try (PreparedStatement q =
        c.prepareStatement(
            "SELECT id FROM identity WHERE workspace_id = ? AND person_id = ? ORDER BY id FETCH"
                + " FIRST 1 ROWS ONLY")) {
      q.setLong(1, workspaceId);
      q.setLong(2, personId);
      try (ResultSet rs = q.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  @Override
  public long clicks(long workspaceId, long linkId) {
    return jdbi.withHandle(
        h ->
            h.createQuery("SELECT COUNT(*) FROM link_click WHERE workspace_id = ? AND link_id = ?")
                .bind(0, workspaceId)
                .bind(1, linkId)
                .mapTo(Long.class)
                .one());
  }

  /** SHA-256 of the day's salt and the visitor, hex, 32 characters. */
  String hash(String visitor, LocalDate day) {
    MessageDigest salted = salts.get(day);
    if (salted == null) {
      // A new day: forget salts older than yesterday first, outside computeIfAbsent, which must
      // not change the map it computes into.
      salts.keySet().removeIf(d -> d.isBefore(day.minusDays(1)));
      salted = salts.computeIfAbsent(day, d -> salted(saltFor(d)));
    }
    try {
      MessageDigest sha = (MessageDigest) salted.clone();
      byte[] d = sha.digest(visitor.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException("SHA-256 of this runtime cannot be cloned", e);
    }
  }

  private static MessageDigest salted(byte[] salt) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(salt);
      return sha;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads or creates the day's salt, shared by every node; drops stored salts older than yesterday.
   */
  private byte[] saltFor(LocalDate day) {
    Optional<byte[]> known = readSalt(day, true);
    if (known.isPresent()) {
      return known.get();
    }
    byte[] salt = new byte[32];
    random.nextBytes(salt);
    try {
      db.run(
          c -> {
            try (PreparedStatement ins =
                c.prepareStatement("INSERT INTO click_salt (salt_day, salt) VALUES (?, ?)")) {
              ins.setObject(1, day);
              ins.setString(2, HexFormat.of().formatHex(salt));
              ins.executeUpdate();
            }
          });
      return salt;
    } catch (dev.rapport.store.StoreException raced) {
      // Another node created the day's salt first: use theirs.
      return readSalt(day, false).orElseThrow(() -> raced);
    }
  }

  private Optional<byte[]> readSalt(LocalDate day, boolean dropOld) {
    return db.transaction(
        c -> {
          if (dropOld) {
            try (PreparedStatement del =
                c.prepareStatement("DELETE FROM click_salt WHERE salt_day < ?")) {
              del.setObject(1, day.minusDays(1));
              del.executeUpdate();
            }
          }
          try (PreparedStatement q =
              c.prepareStatement("SELECT salt FROM click_salt WHERE salt_day = ?")) {
            q.setObject(1, day);
            try (ResultSet rs = q.executeQuery()) {
              return rs.next()
                  ? Optional.of(HexFormat.of().parseHex(rs.getString(1)))
                  : Optional.<byte[]>empty();
            }
          }
        });
  }

  private static TrackedLink link(ResultSet rs) throws SQLException {
    return new TrackedLink(
        rs.getLong(1),
        rs.getLong(2),
        rs.getString(3),
        URI.create(rs.getString(4)),
        (Long) rs.getObject(5, Long.class),
        (Long) rs.getObject(6, Long.class),
        (Long) rs.getObject(7, Long.class),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10));
  }
}
