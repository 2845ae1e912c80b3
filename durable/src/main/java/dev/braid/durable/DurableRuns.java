package dev.braid.durable;

import dev.braid.durable.internal.Checkpoint;
import dev.braid.durable.internal.CheckpointTable;
import dev.braid.durable.internal.CheckpointVersions;
import dev.braid.durable.internal.Claim;
import dev.braid.durable.internal.Dialect;
import dev.braid.durable.internal.EndNotifications;
import dev.braid.durable.internal.Json;
import dev.braid.durable.internal.LiveWorkers;
import dev.braid.durable.internal.LocalSignals;
import dev.braid.durable.internal.Migrations;
import dev.braid.durable.internal.PendingResume;
import dev.braid.durable.internal.ResumedCheckpoints;
import dev.braid.durable.internal.RunTable;
import dev.braid.durable.internal.StoredResults;
import dev.braid.durable.internal.WorkerRegistry;
import dev.braid.runtime.PipelineDefinition;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.RunQueue;
import dev.braid.runtime.time.TimeSource;
import java.lang.reflect.Type;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Submits durable runs and reads what became of them. A run is in the database before {@link
 * #submit} returns, so it survives the submitting process; any {@link Worker} that has its
 * pipeline registered runs it.
 *
 * <pre>{@code
 * DurableRuns runs = DurableRuns.create(DurableDatabase.h2());
 * String id = executor.submit(runs, ticket);               // or runs.submit(definition, ticket)
 * PipelineResult<Reply> result = runs.await(executor.definition(), id, Duration.ofMinutes(2));
 * if (result.stoppedEarly()) {                             // a step asked for more
 *   runs.resume(executor.definition(), id, ticketWithTheAnswer);
 * }
 * }</pre>
 *
 * <p>Creating one brings the schema up to date. Thread-safe; holds no connection between calls.
 */
public final class DurableRuns implements RunQueue {
  private static final Duration LONGEST_POLL = Duration.ofMillis(500);
  /** When {@code await} reads its run again if no signal comes, doubling up to a second. */
  private static final Duration FIRST_AWAIT_POLL = Duration.ofMillis(100);
  private static final Duration LONGEST_AWAIT_POLL = Duration.ofSeconds(1);

  private final DataSource dataSource;
  private final RunTable runs;
  private final CheckpointTable checkpoints;
  private final QueueLimit limit;
  private final @Nullable EndNotifications endNotifications;
  private final Duration firstAwaitPoll;
  private final Duration longestAwaitPoll;
  private final WhenNoWorker whenNoWorker;
  private final LiveWorkers liveWorkers;
  private final TimeSource time;

  private DurableRuns(DataSource dataSource, RunTable runs, CheckpointTable checkpoints,
      QueueLimit limit,
      @Nullable EndNotifications endNotifications, Duration firstAwaitPoll,
      Duration longestAwaitPoll, WhenNoWorker whenNoWorker, LiveWorkers liveWorkers,
      TimeSource time) {
    this.whenNoWorker = whenNoWorker;
    this.liveWorkers = liveWorkers;
    this.dataSource = dataSource;
    this.runs = runs;
    this.checkpoints = checkpoints;
    this.limit = limit;
    this.endNotifications = endNotifications;
    this.firstAwaitPoll = firstAwaitPoll;
    this.longestAwaitPoll = longestAwaitPoll;
    this.time = time;
  }

  /**
   * Durable runs stored in {@code dataSource}'s database, H2 or PostgreSQL, whose schema is
   * migrated first.
   *
   * @throws IllegalStateException if the database is neither, or its schema is newer than this
   *     library
   */
  public static DurableRuns create(DataSource dataSource) {
    return create(dataSource, QueueLimit.none());
  }

  /**
   * Durable runs whose submits push back once {@code limit} runs are queued.
   *
   * @throws IllegalStateException if the database is neither H2 nor PostgreSQL, or its schema is
   *     newer than this library
   */
  public static DurableRuns create(DataSource dataSource, QueueLimit limit) {
    return create(dataSource, limit, FIRST_AWAIT_POLL, LONGEST_AWAIT_POLL);
  }

  /**
   * Durable runs that read the time they store (when runs are submitted, due, cancelled or
   * resumed) from {@code time}: for tests whose workers run on the same virtual time ({@link
   * WorkerConfig.Builder#timeSource}). Waits, for a run to end or for room in the queue, still
   * pass in real time: they wait for workers, not for a time.
   *
   * @throws IllegalStateException if the database is neither H2 nor PostgreSQL, or its schema is
   *     newer than this library
   */
  public static DurableRuns create(DataSource dataSource, QueueLimit limit, TimeSource time) {
    return create(dataSource, limit, FIRST_AWAIT_POLL, LONGEST_AWAIT_POLL,
        Objects.requireNonNull(time, "time"));
  }

  /**
   * Durable runs whose {@code await} reads its run again after {@code firstAwaitPoll}, doubling up
   * to {@code longestAwaitPoll}, when no signal wakes it: for tests that the signals work.
   */
  static DurableRuns create(DataSource dataSource, QueueLimit limit, Duration firstAwaitPoll,
      Duration longestAwaitPoll) {
    return create(dataSource, limit, firstAwaitPoll, longestAwaitPoll, TimeSource.system());
  }

  private static DurableRuns create(DataSource dataSource, QueueLimit limit,
      Duration firstAwaitPoll, Duration longestAwaitPoll, TimeSource time) {
    Objects.requireNonNull(limit, "limit");
    Dialect dialect = Migrations.migrate(dataSource);
    return new DurableRuns(dataSource, new RunTable(dataSource, dialect),
        new CheckpointTable(dataSource),
        limit, dialect == Dialect.POSTGRESQL ? new EndNotifications(dataSource) : null,
        firstAwaitPoll, longestAwaitPoll, WhenNoWorker.WARN,
        new LiveWorkers(new WorkerRegistry(dataSource)), time);
  }

  /**
   * These durable runs, but whose submits do {@code whenNoWorker} with a run of a pipeline that no
   * live worker runs, unless its {@link SubmitOptions#whenNoWorker} says otherwise. The default
   * is {@link WhenNoWorker#WARN}.
   */
  public DurableRuns whenNoWorker(WhenNoWorker whenNoWorker) {
    return new DurableRuns(dataSource, runs, checkpoints, limit, endNotifications, firstAwaitPoll,
        longestAwaitPoll, Objects.requireNonNull(whenNoWorker, "whenNoWorker"), liveWorkers,
        time);
  }

  /**
   * Queues a run of {@code pipeline} with {@code inputs}, in the pipeline's order, and returns its
   * id once it is stored. A generated executor's {@code submit(runs, inputs…)} calls this.
   *
   * @throws IllegalArgumentException if the number of inputs is not the pipeline's
   * @throws QueueFullException if the queue is at its {@link QueueLimit}
   * @throws DurableStoreException if the database refused it
   */
  @Override
  public String submit(PipelineDefinition<?> pipeline, @Nullable Object... inputs) {
    return submit(SubmitOptions.defaults(), pipeline, inputs);
  }

  /**
   * Queues a run of {@code pipeline} with a priority or a time before which no worker claims it.
   *
   * @throws IllegalArgumentException if the number of inputs is not the pipeline's
   * @throws QueueFullException if the queue is at its {@link QueueLimit}
   * @throws NoWorkerException if no live worker runs the pipeline and the submit is to {@link
   *     WhenNoWorker#REJECT} it
   * @throws DurableStoreException if the database refused it
   */
  public String submit(SubmitOptions options, PipelineDefinition<?> pipeline,
      @Nullable Object... inputs) {
    checkInputs(pipeline, inputs);
    return store(options, pipeline.name(), Json.writeArray(inputs, pipeline.inputTypes()),
        CheckpointVersions.of(pipeline));
  }

  /** Queues a run of {@code pipeline} with {@code inputs} in the pipeline's order; its id. */
  public String submit(String pipeline, @Nullable Object... inputs) {
    return submit(SubmitOptions.defaults(), pipeline, inputs);
  }

  /**
   * Queues a run with a priority or a time before which no worker claims it, and returns its id
   * once it is stored.
   *
   * @throws DurableStoreException if the database refused it
   */
  public String submit(SubmitOptions options, String pipeline, @Nullable Object... inputs) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(pipeline, "pipeline");
    return store(options, pipeline, Json.writeArray(inputs), RunTable.Version.NONE);
  }

  private String store(SubmitOptions options, String pipeline, String json,
      RunTable.Version version) {
    String id = UUID.randomUUID().toString();
    awaitRoom(pipeline);
    try {
      if (options.notBefore() == null
          && runHere(id, pipeline, options.priority(), json, version)) {
        return id;
      }
      Instant now = time.instant();
      Instant notBefore = options.notBefore() != null ? options.notBefore() : now;
      String notice = liveWorkers.check(pipeline,
          options.whenNoWorker() != null ? options.whenNoWorker() : whenNoWorker, now);
      runs.insert(id, pipeline, options.priority(), notBefore, json, version, notice, now);
      if (notice != null) {
        liveWorkers.warn(id, pipeline);
      }
    } catch (SQLException e) {
      throw new DurableStoreException("Could not store a run of pipeline '" + pipeline + "'", e);
    }
    return id;
  }

  /**
   * Stores the run already claimed by a worker of this JVM on the same {@code DataSource} that
   * has a free slot, and hands it over, sparing the queue's round trips: the claim, and waking
   * other workers for a run they would not find. False, storing nothing, if no such worker has
   * room. The run is dated once the slot is reserved, which on a virtual time source holds time
   * still until the run has started, so that its stored start is its steps' start.
   */
  private boolean runHere(String id, String pipeline, int priority, String json,
      RunTable.Version version) throws SQLException {
    LocalSignals.Handover handover = LocalSignals.reserve(dataSource, pipeline);
    if (handover == null) {
      return false;
    }
    boolean stored = false;
    try {
      Instant now = time.instant();
      Instant leaseUntil = now.plus(handover.lease());
      runs.insertClaimed(id, pipeline, priority, json, version, now, handover.owner(),
          handover.instance(), leaseUntil);
      stored = true;
      handover.start(new Claim(id, pipeline, json, 1, false, 0, version.version(),
          version.inputTypes(), priority, null), leaseUntil);
      return true;
    } finally {
      if (!stored) {
        handover.cancel(); // exactly one of start and cancel
      }
    }
  }

  /** The run as stored now, or empty if there is no run {@code id}. */
  public Optional<StoredRun> status(String id) {
    try {
      return runs.find(Objects.requireNonNull(id, "id"));
    } catch (SQLException e) {
      throw new DurableStoreException("Could not read durable run " + id, e);
    }
  }

  /**
   * Waits until run {@code id} has ended or {@code timeout} has passed, and returns it as stored
   * then: check {@link RunStatus#isTerminal()} to tell which. It wakes as soon as the run ends: at
   * once when a worker of this JVM ended it, and on PostgreSQL through {@code LISTEN
   * braid_runs_ended} when a worker of any process did, listening on one pooled connection while
   * it waits. It also reads the run at growing intervals up to a second, in case a signal is lost.
   *
   * @throws IllegalArgumentException if there is no run {@code id}
   * @throws InterruptedException if the calling thread is interrupted while it waits
   */
  public StoredRun await(String id, Duration timeout) throws InterruptedException {
    Instant until = Instant.now().plus(timeout);
    Duration pause = firstAwaitPoll;
    try (LocalSignals.Watch watch = LocalSignals.watch(id);
        LocalSignals.Registration listening = endNotifications == null
            ? () -> { } : endNotifications.wake(watch)) {
      while (true) {
        StoredRun run = status(id).orElseThrow(
            () -> new IllegalArgumentException("There is no durable run " + id));
        Duration left = Duration.between(Instant.now(), until);
        if (run.status().isTerminal() || !left.isPositive()) {
          return run;
        }
        if (!watch.await(pause.compareTo(left) < 0 ? pause : left)) {
          Duration next = pause.multipliedBy(2);
          pause = next.compareTo(longestAwaitPoll) > 0 ? longestAwaitPoll : next;
        }
      }
    }
  }

  /**
   * Cancels run {@code id}: a queued run at once, a running one by asking its worker, which
   * interrupts it at its next heartbeat and stores it as {@code CANCELLED}. Steps it already
   * checkpointed stay stored.
   *
   * @return false if the run had already ended or does not exist
   */
  public boolean cancel(String id) {
    try {
      return runs.cancel(Objects.requireNonNull(id, "id"), time.instant());
    } catch (SQLException e) {
      throw new DurableStoreException("Could not cancel durable run " + id, e);
    }
  }

  /** The runs {@code filter} selects, newest first. */
  public List<StoredRun> list(RunFilter filter) {
    try {
      return runs.list(Objects.requireNonNull(filter, "filter"));
    } catch (SQLException e) {
      throw new DurableStoreException("Could not list durable runs", e);
    }
  }

  /**
   * How many runs {@code filter} selects in each of its statuses, however many its limit lets
   * {@link #list} return: the counts of a dashboard.
   */
  public Map<RunStatus, Long> count(RunFilter filter) {
    try {
      return runs.count(Objects.requireNonNull(filter, "filter"));
    } catch (SQLException e) {
      throw new DurableStoreException("Could not count durable runs", e);
    }
  }

  /**
   * The output of a {@code SUCCEEDED} run, read as {@code type}.
   *
   * @throws IllegalStateException if the run did not succeed
   */
  @SuppressWarnings("unchecked")
  public <T> @Nullable T output(StoredRun run, Type type) {
    if (run.status() != RunStatus.SUCCEEDED || run.resultJson() == null) {
      throw new IllegalStateException("Durable run " + run.id() + " of pipeline '"
          + run.pipeline() + "' has no output: it is " + run.status()
          + (run.error() != null ? " (" + run.error() + ")" : ""));
    }
    return (T) Json.read(run.resultJson(), type);
  }

  /**
   * The result of run {@code id} once it has ended {@code SUCCEEDED} (with its output) or {@code
   * STOPPED_EARLY} (with the conversation state a step stopped it with), read back into {@code
   * pipeline}'s types; empty while it is queued or running. Its steps are the checkpointed ones
   * with their times and usage; the others read as not started.
   *
   * @throws IllegalArgumentException if there is no run {@code id}, or it is a run of another
   *     pipeline
   * @throws DurableRunException if the run failed or was cancelled
   * @throws CheckpointException if a stored value cannot be read back as its type
   */
  public <O extends @Nullable Object> Optional<PipelineResult<O>> result(
      PipelineDefinition<O> pipeline, String id) {
    return resultOf(pipeline, find(pipeline, id));
  }

  private <O extends @Nullable Object> Optional<PipelineResult<O>> resultOf(
      PipelineDefinition<O> pipeline, StoredRun run) {
    return switch (run.status()) {
      case QUEUED, RUNNING -> Optional.empty();
      case FAILED, CANCELLED -> throw new DurableRunException(run);
      case SUCCEEDED, STOPPED_EARLY ->
          Optional.of(StoredResults.ofEnded(pipeline, run, readCheckpoints(run.id())));
    };
  }

  /**
   * Waits until run {@code id} has ended, polling the database, and returns its result: the output
   * of a {@code SUCCEEDED} run, or the conversation state of one that {@code STOPPED_EARLY} ({@link
   * PipelineResult#stoppedEarly()}), which {@link #resume} continues.
   *
   * @throws DurableRunException if the run failed or was cancelled
   * @throws TimeoutException if it has not ended within {@code timeout}
   * @throws InterruptedException if the calling thread is interrupted while it waits
   * @throws IllegalArgumentException if there is no run {@code id}, or it is a run of another
   *     pipeline
   */
  public <O extends @Nullable Object> PipelineResult<O> await(PipelineDefinition<O> pipeline,
      String id, Duration timeout) throws InterruptedException, TimeoutException {
    find(pipeline, id);
    StoredRun run = await(id, timeout);
    if (!run.status().isTerminal()) {
      throw new TimeoutException("Durable run " + id + " of pipeline '" + run.pipeline()
          + "' is still " + run.status() + " after " + timeout
          + (run.status() == RunStatus.QUEUED ? "; is a worker running this pipeline?" : ""));
    }
    return resultOf(pipeline, run).orElseThrow();
  }

  /**
   * The steps of run {@code id} that have finished, in the order they finished: its timeline so
   * far. A resumed run keeps the steps it reuses.
   */
  public List<StoredStep> steps(String id) {
    return readCheckpoints(id).stream()
        .map(checkpoint -> new StoredStep(checkpoint.step(),
            checkpoint.startedOrFinishedAt(),
            checkpoint.finishedAt(), checkpoint.attempts(), checkpoint.usage(),
            checkpoint.outputJson()))
        .toList();
  }

  /**
   * Every attempt of every step of run {@code id} so far, in the order they started, each stored
   * when it ended with its model calls one by one: a running run's retries and errors as they
   * happen, and after a takeover the attempts of each claim, marked with the claim and worker.
   * Empty for a run that made none, or ran before attempts were stored.
   */
  public List<StoredAttempt> attempts(String id) {
    try {
      return checkpoints.readAttempts(id);
    } catch (SQLException e) {
      throw new DurableStoreException("Could not read the attempts of durable run " + id, e);
    }
  }

  /**
   * Continues run {@code id}, which stopped early because a step needed more from a person, with
   * {@code inputs} that carry the answer. The run is queued again under the same id. Its steps
   * that succeeded and saw, directly or through their dependencies, no input that changed keep
   * their checkpoints and are not run again; the step that stopped it and every other step run
   * again, as {@code executor.resume} does in one process.
   *
   * @throws IllegalStateException if the run did not stop early, naming its status, or was
   *     resumed by someone else meanwhile; or if {@code pipeline} no longer has the step it
   *     stopped at, in which case the run is stored {@code FAILED} with that message
   * @throws IllegalArgumentException if there is no run {@code id}, it is a run of another
   *     pipeline, or the number of inputs is not the pipeline's
   */
  public <O extends @Nullable Object> void resume(PipelineDefinition<O> pipeline, String id,
      @Nullable Object... inputs) {
    checkInputs(pipeline, inputs);
    StoredRun run = find(pipeline, id);
    if (run.status() != RunStatus.STOPPED_EARLY || run.finishedAt() == null) {
      throw new IllegalStateException("Durable run " + id + " of pipeline '" + run.pipeline()
          + "' cannot be resumed: it is " + run.status() + ", and only a run that stopped early"
          + " for an answer (STOPPED_EARLY) can be; submit a new run instead");
    }
    if (run.stoppedAt() != null && !pipeline.stepTypes().containsKey(run.stoppedAt())) {
      failRemovedStep(pipeline, run);
    }
    Set<String> keep = ResumedCheckpoints.kept(pipeline, id, readCheckpoints(id),
        Json.readArray(run.inputsJson(), pipeline.inputTypes()), inputs);
    boolean resumed;
    try {
      resumed = runs.resume(id, run.pipeline(), run.finishedAt(),
          Json.writeArray(inputs, pipeline.inputTypes()), keep, null, time.instant());
    } catch (SQLException e) {
      throw new DurableStoreException("Could not resume durable run " + id + " of pipeline '"
          + run.pipeline() + "'", e);
    }
    if (!resumed) {
      throw new IllegalStateException("Durable run " + id + " of pipeline '" + run.pipeline()
          + "' was resumed or changed by someone else while it was being resumed; read its"
          + " status and try again if it still waits for an answer");
    }
  }

  /**
   * Continues run {@code id}, which stopped early, with {@code inputsJson}: its new inputs as a
   * JSON array in the pipeline's order, for a caller without the pipeline's classes, such as a
   * console that reads only the database. The run is queued again under the same id with the
   * inputs it stopped with beside the new ones, and the worker that claims it, which has the
   * pipeline's plan, keeps the same checkpoints {@link #resume(PipelineDefinition, String,
   * Object...)} would have kept, dropping the others before it runs. That worker reads the inputs
   * into their types; if they do not read, the run fails saying so, as it does if the worker's
   * version of the pipeline no longer has the step the run stopped at.
   *
   * @throws IllegalStateException if the run did not stop early, naming its status, or was
   *     resumed by someone else meanwhile
   * @throws IllegalArgumentException if there is no run {@code id}, or {@code inputsJson} is not
   *     a JSON array of as many values as the run has inputs
   */
  public void resume(String id, String inputsJson) {
    StoredRun run = status(id).orElseThrow(
        () -> new IllegalArgumentException("There is no durable run " + id));
    if (run.status() != RunStatus.STOPPED_EARLY || run.finishedAt() == null) {
      throw new IllegalStateException("Durable run " + id + " of pipeline '" + run.pipeline()
          + "' cannot be resumed: it is " + run.status() + ", and only a run that stopped early"
          + " for an answer (STOPPED_EARLY) can be; submit a new run instead");
    }
    int count = Json.arrayLength(run.inputsJson());
    if (Json.arrayLength(inputsJson) != count) {
      throw new IllegalArgumentException("Durable run " + id + " of pipeline '" + run.pipeline()
          + "' takes its " + count + " inputs as a JSON array, but was given " + inputsJson);
    }
    boolean resumed;
    try {
      resumed = runs.resume(id, run.pipeline(), run.finishedAt(), inputsJson, Set.of(),
          new PendingResume(run.inputsJson(), run.stoppedAt()), time.instant());
    } catch (SQLException e) {
      throw new DurableStoreException("Could not resume durable run " + id + " of pipeline '"
          + run.pipeline() + "'", e);
    }
    if (!resumed) {
      throw new IllegalStateException("Durable run " + id + " of pipeline '" + run.pipeline()
          + "' was resumed or changed by someone else while it was being resumed; read its"
          + " status and try again if it still waits for an answer");
    }
  }

  /**
   * Ends a run that stopped early at a step this version of its pipeline no longer has: nothing
   * could take its answer. Stores it {@code FAILED} with the change, and throws that message.
   */
  private void failRemovedStep(PipelineDefinition<?> pipeline, StoredRun run) {
    String error = ResumedCheckpoints.removedStep(pipeline, run.id(),
        Objects.requireNonNull(run.stoppedAt()), run.version());
    try {
      runs.failStopped(run.id(), Objects.requireNonNull(run.finishedAt()), error, Instant.now());
    } catch (SQLException e) {
      throw new DurableStoreException("Could not fail durable run " + run.id() + " of pipeline '"
          + run.pipeline() + "', whose stopped step was removed", e);
    }
    throw new IllegalStateException(error);
  }

  private StoredRun find(PipelineDefinition<?> pipeline, String id) {
    StoredRun run = status(id).orElseThrow(
        () -> new IllegalArgumentException("There is no durable run " + id));
    if (!run.pipeline().equals(pipeline.name())) {
      throw new IllegalArgumentException("Durable run " + id + " is a run of pipeline '"
          + run.pipeline() + "', not of '" + pipeline.name() + "'");
    }
    return run;
  }

  private List<Checkpoint> readCheckpoints(String id) {
    try {
      return checkpoints.read(id);
    } catch (SQLException e) {
      throw new DurableStoreException("Could not read the checkpoints of durable run " + id, e);
    }
  }

  private static void checkInputs(PipelineDefinition<?> pipeline, @Nullable Object[] inputs) {
    if (inputs.length != pipeline.inputTypes().size()) {
      throw new IllegalArgumentException("Pipeline '" + pipeline.name() + "' takes "
          + pipeline.inputTypes().size() + " inputs " + pipeline.plan().inputs() + " but "
          + inputs.length + " were given");
    }
  }

  /**
   * Sleeps for {@code pause}, but not past {@code left}, and returns the next pause: twice as
   * long, up to {@link #LONGEST_POLL}. Polls start fast and back off, for a submit waiting for
   * room.
   */
  private static Duration sleep(Duration pause, Duration left) throws InterruptedException {
    Thread.sleep(Math.min(pause.toMillis(), left.toMillis()) + 1);
    Duration next = pause.multipliedBy(2);
    return next.compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL : next;
  }

  /** Waits, within the limit's patience, until the queue has room for one more run. */
  private void awaitRoom(String pipeline) {
    if (!limit.limited()) {
      return;
    }
    Instant until = Instant.now().plus(limit.maxWait());
    Duration pause = Duration.ofMillis(10);
    try {
      while (true) {
        long queued = runs.queued();
        if (queued < limit.maxQueued()) {
          return;
        }
        Duration left = Duration.between(Instant.now(), until);
        if (!left.isPositive()) {
          throw new QueueFullException("The queue of durable runs holds " + queued + " runs, at"
              + " its limit of " + limit.maxQueued()
              + (limit.maxWait().isZero() ? "" : " for " + limit.maxWait())
              + ", so a run of pipeline '" + pipeline + "' was not stored; submit it again later,"
              + " start more workers, or raise the QueueLimit");
        }
        pause = sleep(pause, left);
      }
    } catch (SQLException e) {
      throw new DurableStoreException("Could not count the queued runs before storing a run of"
          + " pipeline '" + pipeline + "'", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new QueueFullException("Interrupted while waiting for room in the queue of durable"
          + " runs; a run of pipeline '" + pipeline + "' was not stored");
    }
  }
}
