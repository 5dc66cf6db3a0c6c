package dev.rapport.app;

import dev.rapport.content.Posts;
import dev.rapport.content.consistency.ConsistencyOverview;
import dev.rapport.content.consistency.internal.SqlConsistencyOverview;
import dev.rapport.content.internal.SqlPosts;
import dev.rapport.content.quality.BrandLessons;
import dev.rapport.content.quality.internal.StoredLessons;
import dev.rapport.engagement.ClickRecorder;
import dev.rapport.engagement.Conversions;
import dev.rapport.engagement.Engagers;
import dev.rapport.engagement.Ledger;
import dev.rapport.engagement.Retention;
import dev.rapport.engagement.Revenue;
import dev.rapport.engagement.TrackedLinks;
import dev.rapport.engagement.Truth;
import dev.rapport.engagement.Weights;
import dev.rapport.engagement.internal.SqlConversions;
import dev.rapport.engagement.internal.SqlEngagers;
import dev.rapport.engagement.internal.SqlLedger;
import dev.rapport.engagement.internal.SqlRetention;
import dev.rapport.engagement.internal.SqlRevenue;
import dev.rapport.engagement.internal.SqlTrackedLinks;
import dev.rapport.engagement.internal.SqlTruth;
import dev.rapport.engagement.internal.WriteBehindClicks;
import dev.rapport.people.Audits;
import dev.rapport.people.Directory;
import dev.rapport.people.FocusList;
import dev.rapport.people.Merges;
import dev.rapport.people.Notes;
import dev.rapport.people.People;
import dev.rapport.people.Stages;
import dev.rapport.people.Timeline;
import dev.rapport.people.internal.SqlAudits;
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
import dev.rapport.platforms.SyncSettings;
import dev.rapport.platforms.internal.SqlConnections;
import dev.rapport.platforms.internal.SqlEngagementSync;
import dev.rapport.publishing.Gates;
import dev.rapport.publishing.MediaLibrary;
import dev.rapport.publishing.PlanImport;
import dev.rapport.publishing.Planner;
import dev.rapport.publishing.Reviews;
import dev.rapport.publishing.dispatch.DispatchSettings;
import dev.rapport.publishing.dispatch.Dispatcher;
import dev.rapport.publishing.dispatch.MediaHosting;
import dev.rapport.publishing.dispatch.internal.DbDispatcher;
import dev.rapport.publishing.internal.CsvPlanImport;
import dev.rapport.publishing.internal.ForwardingDispatch;
import dev.rapport.publishing.internal.SqlGates;
import dev.rapport.publishing.internal.SqlMediaLibrary;
import dev.rapport.publishing.internal.SqlPlanner;
import dev.rapport.publishing.internal.SqlReviews;
import dev.rapport.store.Database;
import dev.rapport.store.DatabaseSettings;
import dev.rapport.store.SecretBox;
import dev.rapport.workspace.ApiTokens;
import dev.rapport.workspace.PasswordHasher;
import dev.rapport.workspace.SecurityLog;
import dev.rapport.workspace.Sessions;
import dev.rapport.workspace.Workspace;
import dev.rapport.workspace.Workspaces;
import dev.rapport.workspace.internal.SqlApiTokens;
import dev.rapport.workspace.internal.SqlSecurityLog;
import dev.rapport.workspace.internal.SqlSessions;
import dev.rapport.workspace.internal.SqlWorkspaces;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

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
  private final dev.rapport.engagement.Rollups rollups;
  private final Conversions conversions;
  private final TrackedLinks links;
  private final WriteBehindClicks clicks;
  private final Revenue revenue;
  private final PasswordHasher passwords;
  private final Sessions sessions;
  private final ApiTokens apiTokens;
  private final SecurityLog securityLog;
  private final Merges merges;
  private final Stages stages;
  private final Notes notes;
  private final Timeline timeline;
  private final FocusList focus;
  private final Retention retention;
  private final Directory directory;
  // Planning tells dispatch through this; attach the dispatcher to it where it is started.
  private final ForwardingDispatch planningNotices = new ForwardingDispatch();
  private final SqlGates gates;
  private final Reviews reviews;
  private final Planner planner;
  private final PlanImport planImport;
  private final MediaLibrary media;

  private final Connections connections;
  private final Audits audits;
  private final Engagers engagers;
  private final ConsistencyOverview consistency;
  private final BrandLessons lessons;

  // The platform connectors Rapport publishes and syncs with (PlatformSettings, from the
  // environment).
  private final Connectors connectors;
  // Where platforms that fetch media download the files kept here (RAPPORT_PUBLIC_URL).
  private final String publicUrl;
  private Dispatcher dispatcher;
  private final EngagementSync engagementSync;

  /** How often every connected channel is read for new engagement (rate limits permitting). */
  static final java.time.Duration SYNC_EVERY = java.time.Duration.ofMinutes(5);

  /** How long an upload no variant attaches is kept (a draft may attach it again meanwhile). */
  static final java.time.Duration MEDIA_GRACE = java.time.Duration.ofDays(7);

  /** How often people's stages and the focus list catch up with the ledger in the background. */
  static final java.time.Duration PEOPLE_EVERY = java.time.Duration.ofMinutes(5);

  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Rapport.class);

  private Rapport(Database database, Clock clock, SecretBox secrets) {
    this.database = database;
    this.clock = clock;
    this.workspaces = new SqlWorkspaces(database, clock);
    this.people = new SqlPeople(database, clock);
    this.posts = new SqlPosts(database, clock);
    this.ledger = new SqlLedger(database);
    this.truth = new SqlTruth(database, Weights.DEFAULT);
    this.rollups = new dev.rapport.engagement.internal.SqlRollups(database);
    this.conversions = new SqlConversions(database);
    this.links = new SqlTrackedLinks(database, ledger, clock, new SecureRandom());
    this.clicks = new WriteBehindClicks(links, WriteBehindClicks.DEFAULT_CAPACITY);
    this.revenue = new SqlRevenue(database);
    this.passwords = new PasswordHasher(new SecureRandom());
    this.sessions = new SqlSessions(database, clock, new SecureRandom());
    this.apiTokens = new SqlApiTokens(database, clock, new SecureRandom());
    this.securityLog = new SqlSecurityLog(database, clock);
    this.merges = new SqlMerges(database);
    this.stages = new SqlStages(database);
    this.notes = new SqlNotes(database);
    this.timeline = new SqlTimeline(database);
    this.focus = new SqlFocusList(database);
    this.retention = new SqlRetention(database);
    this.directory = new SqlDirectory(database);
    this.gates = new SqlGates(database, workspaces, links, clock, p -> java.util.Optional.empty());
    this.reviews = new SqlReviews(database, clock, planningNotices);
    this.planner = new SqlPlanner(database, gates, clock, planningNotices);
    this.planImport =
        new CsvPlanImport(database, workspaces, gates, planner, clock, planningNotices);
    this.media = new SqlMediaLibrary(database, clock, new SecureRandom());
    this.connections = new SqlConnections(database, secrets, clock);
    PlatformSettings platforms = PlatformSettings.fromEnvironment(System.getenv());
    this.connectors = platforms.connectors(clock);
    this.publicUrl = platforms.publicUrl();
    this.audits = new SqlAudits(database, people, clock);
    this.engagers = new SqlEngagers(database);
    this.consistency = new SqlConsistencyOverview(database, workspaces, posts, truth, clock);
    this.lessons = new StoredLessons(workspaces, posts, truth, clock);
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

  public BrandLessons lessons() {
    return lessons;
  }

  public ConsistencyOverview consistency() {
    return consistency;
  }

  public Engagers engagers() {
    return engagers;
  }

  public Audits audits() {
    return audits;
  }

  /** The audit log of sensitive actions, per workspace. */
  public SecurityLog securityLog() {
    return securityLog;
  }

  public Connections connections() {
    return connections;
  }

  /** The files attached in the composer. */
  public MediaLibrary media() {
    return media;
  }

  /** The platform connectors, by platform. */
  public Connectors connectors() {
    return connectors;
  }

  /**
   * Dispatch over this database, created on first use and not yet started: planning schedules
   * through it (that only writes the database), jobs are added to it with {@link
   * Dispatcher#recurring}, and serve and demo start it with {@link #startDispatch}. Settings from
   * the environment ({@link DispatchSettings#fromEnvironment}).
   */
  public synchronized Dispatcher dispatcher() {
    if (dispatcher == null) {
      dispatcher =
          new DbDispatcher(
              database,
              connections,
              connectors,
              DispatchSettings.fromEnvironment(System.getenv()),
              clock,
              MediaHosting.of(media, publicUrl));
      // Planning tells dispatch about every schedule change from now on; the sweeper covers
      // anything scheduled before.
      planningNotices.attach(dispatcher);
      dispatcher.recurring("engagement-sync", SYNC_EVERY, engagementSync::runAll);
      // Stages change only when they are recomputed; without this job a served workspace would
      // show every person at the stage of the last `rapport people stages` run.
      dispatcher.recurring("people-refresh", PEOPLE_EVERY, this::refreshPeople);
      dispatcher.recurring(
          "refill-evergreen",
          java.time.Duration.ofHours(1),
          () -> {
            for (var w : workspaces.all()) {
              planner.refillEvergreen(w.id());
            }
          });
      // Uploads never attached (or removed before publishing) go after a week's grace.
      dispatcher.recurring(
          "media-sweep",
          java.time.Duration.ofHours(6),
          () -> media.sweep(clock.instant().minus(MEDIA_GRACE)));
    }
    return dispatcher;
  }

  /** What one {@link #refreshPeople} did in one workspace. */
  public record PeopleRefresh(
      String workspace, Stages.Run stages, FocusList.Refresh focus, String failure) {}

  /**
   * Brings every workspace's stages (with their history) and focus list up to the ledger as of now;
   * incremental, so a run with nothing new is cheap. One workspace's failure is logged and
   * reported, and the others still run. The recurring job "people-refresh" calls it.
   */
  public List<PeopleRefresh> refreshPeople() {
    List<PeopleRefresh> out = new java.util.ArrayList<>();
    for (Workspace w : workspaces.all()) {
      Instant now = clock.instant();
      try {
        out.add(
            new PeopleRefresh(
                w.slug(), stages.recompute(w.id(), now), focus.refresh(w.id(), now), null));
      } catch (RuntimeException e) {
        LOG.error("people refresh of workspace {} failed: {}", w.slug(), e.toString(), e);
        out.add(new PeopleRefresh(w.slug(), null, null, String.valueOf(e.getMessage())));
      }
    }
    return out;
  }

  /** Starts publishing due variants, the sweeper and the recurring jobs on this node. */
  public synchronized Dispatcher startDispatch() {
    Dispatcher d = dispatcher();
    d.start();
    return d;
  }

  /** Reads engagement and followers from connected channels; the recurring job runs runAll. */
  public EngagementSync engagementSync() {
    return engagementSync;
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

  /** The rollups' check against a recomputation from the ledger (rapport check). */
  public dev.rapport.engagement.Rollups rollups() {
    return rollups;
  }

  public Conversions conversions() {
    return conversions;
  }

  public TrackedLinks links() {
    return links;
  }

  /** Where the redirect records its clicks: written behind it, in batches. */
  public ClickRecorder clicks() {
    return clicks;
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

  public Gates gates() {
    return gates;
  }

  public Reviews reviews() {
    return reviews;
  }

  public Planner planner() {
    return planner;
  }

  public PlanImport planImport() {
    return planImport;
  }

  /** Where planning sends its scheduling notices; attach the dispatcher here. */
  public ForwardingDispatch planningNotices() {
    return planningNotices;
  }

  @Override
  public void close() {
    synchronized (this) {
      if (dispatcher != null) {
        dispatcher.close(); // running publishes finish before the pool closes
      }
    }
    clicks.close(); // the clicks still waiting are written before the database closes
    database.close();
  }
}
