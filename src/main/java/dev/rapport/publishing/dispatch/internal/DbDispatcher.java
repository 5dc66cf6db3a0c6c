package dev.rapport.publishing.dispatch.internal;

import com.github.kagkarlsson.scheduler.Scheduler;
import com.github.kagkarlsson.scheduler.SchedulerBuilder;
import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.SchedulerName;
import com.github.kagkarlsson.scheduler.exceptions.TaskInstanceException;
import com.github.kagkarlsson.scheduler.task.CompletionHandler;
import com.github.kagkarlsson.scheduler.task.FailureHandler;
import com.github.kagkarlsson.scheduler.task.Task;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.CustomTask;
import com.github.kagkarlsson.scheduler.task.helper.RecurringTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import com.github.kagkarlsson.scheduler.task.schedule.Schedules;
import dev.rapport.content.PostState;
import dev.rapport.platforms.Connections;
import dev.rapport.platforms.Connectors;
import dev.rapport.publishing.dispatch.DispatchEvent;
import dev.rapport.publishing.dispatch.DispatchFailure;
import dev.rapport.publishing.dispatch.DispatchSettings;
import dev.rapport.publishing.dispatch.Dispatcher;
import dev.rapport.publishing.dispatch.MediaHosting;
import dev.rapport.publishing.dispatch.SweepReport;
import dev.rapport.store.Database;
import dev.rapport.store.Dialect;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Dispatcher} on db-scheduler: one one-time task instance per variant ("publish-variant",
 * instance id = variant id), a recurring sweeper, and any recurring jobs registered before start.
 * The scheduler's row locking gives each task to one node at a time; the outbox and guarded state
 * transitions keep a variant from being published twice even when a node dies mid-call.
 */
public final class DbDispatcher implements Dispatcher {

  private static final Logger LOG = LoggerFactory.getLogger(DbDispatcher.class);
  static final String SWEEPER = "dispatch-sweeper";

  private final Database db;
  private final DispatchSettings settings;
  private final Clock clock;
  private final String node;
  private final VariantStore store;
  private final Publication publication;
  private final Alerts alerts;
  private final CustomTask<Void> publishTask;
  private final SchedulerClient client;
  private final List<RecurringTask<Void>> recurring = new ArrayList<>();
  private volatile Scheduler scheduler;

  public DbDispatcher(
      Database db,
      Connections connections,
      Connectors connectors,
      DispatchSettings settings,
      Clock clock) {
    this(db, connections, connectors, settings, clock, MediaHosting.none());
  }

  /**
   * @param media the files Rapport keeps and their public address, for variants that attach them
   */
  public DbDispatcher(
      Database db,
      Connections connections,
      Connectors connectors,
      DispatchSettings settings,
      Clock clock,
      MediaHosting media) {
    this.db = db;
    this.settings = settings;
    this.clock = clock;
    String base = settings.nodeName();
    this.node =
        (base.length() > 40 ? base.substring(0, 40) : base)
            + "-"
            + HexFormat.of().formatHex(new SecureRandom().generateSeed(3));
    this.store = new VariantStore(db);
    this.alerts = new Alerts(settings.webhook(), settings.outbound());
    Set<Long> running = ConcurrentHashMap.newKeySet();
    this.publication =
        new Publication(
            store,
            connections,
            connectors,
            new Pace(store),
            new Backoff(settings.backoffBase(), settings.backoffMax(), new SecureRandom()),
            alerts,
            settings,
            clock,
            node,
            running,
            media);
    this.publishTask =
        Tasks.custom(VariantStore.TASK, Void.class)
            .onFailure(new FailureHandler.OnFailureRetryLater<>(Duration.ofSeconds(5)))
            .onDeadExecutionRevive()
            .execute((instance, ctx) -> step(Long.parseLong(instance.getId())));
    recurring.add(
        Tasks.recurring(SWEEPER, Schedules.fixedDelay(settings.sweepInterval()))
            .execute((instance, ctx) -> sweep()));
    this.client = SchedulerClient.Builder.create(db.dataSource(), publishTask).build();
  }

  /** This node's name in the scheduler table. */
  public String node() {
    return node;
  }

  private CompletionHandler<Void> step(long variantId) {
    Optional<Instant> next = publication.run(variantId);
    if (next.isEmpty()) {
      return new CompletionHandler.OnCompleteRemove<>();
    }
    Instant at = next.get();
    return (complete, ops) -> ops.reschedule(complete, at);
  }

  @Override
  public void schedule(long workspaceId, long variantId, Instant at) {
    Optional<PostState> state = store.stateIn(workspaceId, variantId);
    if (state.isEmpty()) {
      throw new IllegalArgumentException(
          "variant " + variantId + " is not in workspace " + workspaceId);
    }
    if (state.get() != PostState.SCHEDULED
        && state.get() != PostState.APPROVED
        && state.get() != PostState.IN_REVIEW
        && state.get() != PostState.DRAFT) {
      return; // already dispatched or being dispatched: the time no longer matters
    }
    try {
      client.schedule(
          instance(variantId), at, SchedulerClient.ScheduleOptions.WHEN_EXISTS_RESCHEDULE);
    } catch (TaskInstanceException running) {
      // Being run right now; the run re-reads scheduled_at and waits if it moved later.
      LOG.debug("variant {} is running; its new time is read from the variant", variantId);
    }
  }

  /**
   * Schedules many new variants in one batch (bulk imports, the benchmark). Fails if any is already
   * scheduled; use {@link #schedule} to move one.
   */
  public void scheduleNew(java.util.Map<Long, Instant> due) {
    List<com.github.kagkarlsson.scheduler.task.SchedulableInstance<?>> batch = new ArrayList<>();
    due.forEach(
        (id, at) ->
            batch.add(
                com.github.kagkarlsson.scheduler.task.SchedulableInstance.of(instance(id), at)));
    client.scheduleBatch(batch);
  }

  @Override
  public void unschedule(long workspaceId, long variantId) {
    if (store.stateIn(workspaceId, variantId).isEmpty()) {
      return;
    }
    try {
      client.cancel(instance(variantId));
    } catch (TaskInstanceException gone) {
      // Not scheduled, or running: the run sees the variant is no longer scheduled.
    }
  }

  @Override
  public synchronized void recurring(String name, Duration every, Runnable work) {
    if (scheduler != null) {
      throw new IllegalStateException("recurring jobs must be added before start()");
    }
    if (name.equals(SWEEPER) || name.equals(VariantStore.TASK)) {
      throw new IllegalArgumentException(name + " is a dispatch task name");
    }
    for (RecurringTask<Void> t : recurring) {
      if (t.getName().equals(name)) {
        throw new IllegalArgumentException("a recurring job named " + name + " exists");
      }
    }
    recurring.add(
        Tasks.recurring(name, Schedules.fixedDelay(every)).execute((inst, ctx) -> work.run()));
  }

  @Override
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    // The recurring tasks join the known tasks through startTasks.
    List<Task<?>> known = List.of(publishTask);
    SchedulerBuilder b =
        Scheduler.create(db.dataSource(), known)
            .startTasks(recurring)
            .schedulerName(new SchedulerName.Fixed(node))
            .threads(settings.threads())
            .pollingInterval(settings.pollingInterval())
            .heartbeatInterval(settings.heartbeatInterval())
            .missedHeartbeatsLimit(settings.missedHeartbeats())
            .shutdownMaxWait(Duration.ofSeconds(30))
            .enableImmediateExecution();
    // Lock-and-fetch claims due rows with FOR UPDATE SKIP LOCKED in one statement, so that nodes
    // never pick the same row; H2 has no SKIP LOCKED, so it fetches and then locks each row.
    if (settings.lockAndFetch() && db.dialect() == Dialect.POSTGRESQL) {
      b.pollUsingLockAndFetch(0.5, 1.0);
    } else {
      b.pollUsingFetchAndLockOnExecute(0.5, 3.0);
    }
    scheduler = b.build();
    scheduler.start();
    LOG.info("dispatch started on node {}", node);
  }

  @Override
  public boolean running() {
    return scheduler != null;
  }

  @Override
  public void retry(long workspaceId, long variantId) {
    store.retryByUser(workspaceId, variantId, clock.instant());
    try {
      client.schedule(
          instance(variantId),
          clock.instant(),
          SchedulerClient.ScheduleOptions.WHEN_EXISTS_RESCHEDULE);
    } catch (TaskInstanceException running) {
      // Its task is running right now (an unconfirmed variant being looked for); it goes on.
    }
  }

  @Override
  public List<DispatchFailure> failures(long workspaceId) {
    return store.failures(workspaceId);
  }

  @Override
  public List<DispatchEvent> history(long workspaceId, long variantId) {
    return store.history(workspaceId, variantId);
  }

  @Override
  public SweepReport sweep() {
    Instant now = clock.instant();
    int requeued = 0;
    int missed = 0;
    for (long[] v : store.dueWithoutTask(now.minus(settings.sweepGrace()), 1000)) {
      Optional<Target> t = store.target(v[0]);
      if (t.isEmpty()) {
        continue;
      }
      Duration late = Duration.between(t.get().dueAt(), now);
      boolean tooLate = t.get().attempts() == 0 && late.compareTo(settings.maxLateness()) > 0;
      if (!tooLate) {
        store.event(
            t.get(),
            "late",
            "Due "
                + Publication.words(late)
                + " ago and not yet sent (Rapport was down, or the schedule was lost); publishing"
                + " now.",
            now);
      }
      if (client.scheduleIfNotExists(instance(v[0]), now)) {
        requeued++;
        missed += tooLate ? 1 : 0;
      }
    }
    int resumed = 0;
    for (long[] v : store.stalePendingWithoutTask(now.minus(settings.callLease()), 1000)) {
      if (client.scheduleIfNotExists(instance(v[0]), now)) {
        resumed++;
      }
    }
    if (requeued + resumed > 0) {
      LOG.info(
          "dispatch sweep: {} overdue variants requeued ({} past the allowed lateness), {}"
              + " interrupted calls resumed",
          requeued,
          missed,
          resumed);
    }
    return new SweepReport(requeued, missed, resumed);
  }

  private static TaskInstance<Void> instance(long variantId) {
    return new TaskInstance<>(VariantStore.TASK, Long.toString(variantId));
  }

  @Override
  public synchronized void close() {
    Scheduler s = scheduler;
    scheduler = null;
    if (s != null) {
      s.stop();
    }
    alerts.close();
  }
}
