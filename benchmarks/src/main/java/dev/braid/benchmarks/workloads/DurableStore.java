package dev.braid.benchmarks.workloads;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.durable.DurableRuns;
import dev.braid.durable.RunFilter;
import dev.braid.durable.RunRetention;
import dev.braid.durable.RunStatus;
import dev.braid.durable.StoredRun;
import dev.braid.durable.Worker;
import dev.braid.durable.WorkerConfig;
import dev.braid.runtime.PipelineDefinition;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * One database of durable runs, with one {@link Worker} in this JVM that runs the given chains.
 * The benchmark's thread submits runs and waits until the worker has stored every one as ended.
 *
 * <p>That wait reads no table: a batch is over once the last step of each of its runs has run
 * (the chain's latch) and the worker has no run in flight any more, because a worker counts a run
 * as in flight until it has stored the run's outcome. Polling the database from the benchmark's
 * thread would take CPU from the worker and add a polling delay to the time measured. Not
 * thread-safe: one benchmark thread uses it.
 */
final class DurableStore implements AutoCloseable {
  /** Longer than any batch takes; a batch that is not over by then failed. */
  private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(60);
  private static final long IN_FLIGHT_CHECK_NANOS = 20_000;

  private final HikariDataSource database;
  private final DurableRuns runs;
  private final RunRetention retention;
  private final Worker worker;
  private @Nullable String lastRun;
  private int lastRunSteps;

  DurableStore(HikariDataSource database, WorkerConfig config, DurableChain... chains) {
    this.database = database;
    this.runs = DurableRuns.create(database);
    this.retention = RunRetention.create(database);
    this.worker = Worker.start(database, config, Arrays.stream(chains)
        .map(DurableChain::definition)
        .toArray(PipelineDefinition<?>[]::new));
  }

  /**
   * Submits {@code count} runs of {@code chain} and returns once the worker has stored each as
   * ended; the id of the last.
   */
  String batch(DurableChain chain, int count) throws InterruptedException {
    CountDownLatch ran = chain.expect(count);
    String last = "";
    for (int i = 0; i < count; i++) {
      last = runs.submit(chain.definition(), i);
    }
    if (!ran.await(BATCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(ran.getCount() + " of " + count + " durable runs of pipeline '"
          + chain.definition().name() + "' did not run their last step within " + BATCH_TIMEOUT
          + "; " + worker.runsInFlight() + " are in flight");
    }
    while (worker.runsInFlight() > 0) {
      LockSupport.parkNanos(IN_FLIGHT_CHECK_NANOS);
    }
    lastRun = last;
    lastRunSteps = chain.steps();
    return last;
  }

  /**
   * Checks that every run stored since the last call succeeded and that the last one checkpointed
   * each of its steps, then deletes them, so that the next batch starts from empty tables.
   *
   * @throws IllegalStateException if a run did not succeed or a checkpoint is missing
   */
  void verifyAndClear() {
    List<StoredRun> unsuccessful = runs.list(RunFilter.all().status(RunStatus.QUEUED,
        RunStatus.RUNNING, RunStatus.FAILED, RunStatus.CANCELLED, RunStatus.STOPPED_EARLY)
        .limit(1));
    if (!unsuccessful.isEmpty()) {
      StoredRun run = unsuccessful.getFirst();
      throw new IllegalStateException("Durable run " + run.id() + " of pipeline '"
          + run.pipeline() + "' is " + run.status() + " after its batch ended, not SUCCEEDED"
          + (run.error() != null ? ": " + run.error() : ""));
    }
    String last = lastRun;
    if (last != null && runs.steps(last).size() != lastRunSteps) {
      throw new IllegalStateException("Durable run " + last + " checkpointed "
          + runs.steps(last).size() + " of its " + lastRunSteps + " steps");
    }
    retention.deleteFinished(Duration.ZERO);
    lastRun = null;
  }

  /** Stops the worker, then closes the pool. */
  @Override
  public void close() {
    try {
      worker.close();
    } finally {
      database.close();
    }
  }
}
