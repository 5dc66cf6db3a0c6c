package dev.rapport.app;

import dev.rapport.content.Posts;
import dev.rapport.content.internal.SqlPosts;
import dev.rapport.engagement.Conversions;
import dev.rapport.engagement.Ledger;
import dev.rapport.engagement.Retention;
import dev.rapport.engagement.Revenue;
import dev.rapport.engagement.TrackedLinks;
import dev.rapport.engagement.Truth;
import dev.rapport.engagement.Weights;
import dev.rapport.engagement.internal.SqlConversions;
import dev.rapport.engagement.internal.SqlLedger;
import dev.rapport.engagement.internal.SqlRetention;
import dev.rapport.engagement.internal.SqlRevenue;
import dev.rapport.engagement.internal.SqlTrackedLinks;
import dev.rapport.engagement.internal.SqlTruth;
import dev.rapport.people.Directory;
import dev.rapport.people.FocusList;
import dev.rapport.people.Merges;
import dev.rapport.people.Notes;
import dev.rapport.people.People;
import dev.rapport.people.Stages;
import dev.rapport.people.Timeline;
import dev.rapport.people.internal.SqlDirectory;
import dev.rapport.people.internal.SqlFocusList;
import dev.rapport.people.internal.SqlMerges;
import dev.rapport.people.internal.SqlNotes;
import dev.rapport.people.internal.SqlPeople;
import dev.rapport.people.internal.SqlStages;
import dev.rapport.people.internal.SqlTimeline;
import dev.rapport.platforms.Connections;
import dev.rapport.platforms.Connectors;
import dev.rapport.platforms.EngagementSync;
import dev.rapport.platforms.OutboundPolicy;
import dev.rapport.platforms.SyncSettings;
import dev.rapport.platforms.bluesky.BlueskyConnector;
import dev.rapport.platforms.internal.SqlConnections;
import dev.rapport.platforms.internal.SqlEngagementSync;
import dev.rapport.store.Database;
import dev.rapport.store.DatabaseSettings;
import dev.rapport.store.SecretBox;
import dev.rapport.workspace.ApiTokens;
import dev.rapport.workspace.PasswordHasher;
import dev.rapport.workspace.Sessions;
import dev.rapport.workspace.Workspaces;
import dev.rapport.workspace.internal.SqlApiTokens;
import dev.rapport.workspace.internal.SqlSessions;
import dev.rapport.workspace.internal.SqlWorkspaces;
import java.security.SecureRandom;
import java.time.Clock;

/**
 * The wiring: one open database and the capabilities built on it. Web and CLI get everything they
 * use from here. Thread-safe; close once.
 */
public final class Rapport implements AutoCloseable {

  private final Database database;
  private final Clock clock;
  private final Workspaces workspaces;
  private final People people;
  private final Posts posts;
  private final Ledger ledger;
  private final Truth truth;
  private final Conversions conversions;
  private final TrackedLinks links;
  private final Revenue revenue;
  private final PasswordHasher passwords;
  private final Sessions sessions;
  private final ApiTokens apiTokens;
  private final Merges merges;
  private final Stages stages;
  private final Notes notes;
  private final Timeline timeline;
  private final FocusList focus;
  private final Retention retention;
  private final Directory directory;

  private final Connections connections;
  private final Connectors connectors;
  private final EngagementSync engagementSync;

  private Rapport(Database database, Clock clock, SecretBox secrets) {
    this.database = database;
    this.clock = clock;
    this.workspaces = new SqlWorkspaces(database, clock);
    this.people = new SqlPeople(database, clock);
    this.posts = new SqlPosts(database, clock);
    this.ledger = new SqlLedger(database);
    this.truth = new SqlTruth(database, Weights.DEFAULT);
    this.conversions = new SqlConversions(database);
    this.links = new SqlTrackedLinks(database, ledger, clock, new SecureRandom());
    this.revenue = new SqlRevenue(database);
    this.passwords = new PasswordHasher(new SecureRandom());
    this.sessions = new SqlSessions(database, clock, new SecureRandom());
    this.apiTokens = new SqlApiTokens(database, clock, new SecureRandom());
    this.merges = new SqlMerges(database);
    this.stages = new SqlStages(database);
    this.notes = new SqlNotes(database);
    this.timeline = new SqlTimeline(database);
    this.focus = new SqlFocusList(database);
    this.retention = new SqlRetention(database);
    this.directory = new SqlDirectory(database);
    this.connections = new SqlConnections(database, secrets, clock);
    OutboundPolicy outbound = outboundPolicy(System.getenv());
    this.connectors = new Connectors(java.util.List.of(new BlueskyConnector(outbound, clock)));
    this.engagementSync =
        new SqlEngagementSync(
            database,
            workspaces,
            connections,
            connectors,
            people,
            posts,
            ledger,
            clock,
            SyncSettings.DEFAULT);
  }

  /**
   * Opens the database and wires the capabilities.
   *
   * @param secrets the key that seals platform tokens at rest ({@link SecretBox#load})
   */
  public static Rapport open(DatabaseSettings settings, Clock clock, SecretBox secrets) {
    return new Rapport(Database.open(settings), clock, secrets);
  }

  /** Wires the capabilities on an already open database; closing the result closes it. */
  public static Rapport on(Database database, Clock clock, SecretBox secrets) {
    return new Rapport(database, clock, secrets);
  }

  /**
   * As {@link #on(Database, Clock, SecretBox)} with a throwaway key: for tests and in-memory runs,
   * where stored platform secrets need not outlive the process.
   */
  public static Rapport on(Database database, Clock clock) {
    return new Rapport(database, clock, SecretBox.ephemeral());
  }

  public Connections connections() {
    return connections;
  }

  /** The platform connectors, by platform. */
  public Connectors connectors() {
    return connectors;
  }

  /**
   * Reads engagement and followers from connected channels; {@code runAll} is the recurring job.
   */
  public EngagementSync engagementSync() {
    return engagementSync;
  }

  /**
   * Private and loopback hosts are refused unless {@code RAPPORT_ALLOW_PRIVATE_HOSTS=true} (a local
   * peer on the same machine, tests).
   */
  static OutboundPolicy outboundPolicy(java.util.Map<String, String> env) {
    return Boolean.parseBoolean(env.getOrDefault("RAPPORT_ALLOW_PRIVATE_HOSTS", "false"))
        ? OutboundPolicy.ANY_HOST
        : OutboundPolicy.PUBLIC_ONLY;
  }

  public Database database() {
    return database;
  }

  public Clock clock() {
    return clock;
  }

  public Workspaces workspaces() {
    return workspaces;
  }

  public People people() {
    return people;
  }

  public Posts posts() {
    return posts;
  }

  public Ledger ledger() {
    return ledger;
  }

  public Truth truth() {
    return truth;
  }

  public Conversions conversions() {
    return conversions;
  }

  public TrackedLinks links() {
    return links;
  }

  public Revenue revenue() {
    return revenue;
  }

  public PasswordHasher passwords() {
    return passwords;
  }

  public Sessions sessions() {
    return sessions;
  }

  public ApiTokens apiTokens() {
    return apiTokens;
  }

  public Merges merges() {
    return merges;
  }

  public Stages stages() {
    return stages;
  }

  public Notes notes() {
    return notes;
  }

  public Timeline timeline() {
    return timeline;
  }

  public FocusList focus() {
    return focus;
  }

  public Retention retention() {
    return retention;
  }

  public Directory directory() {
    return directory;
  }

  @Override
  public void close() {
    database.close();
  }
}
