package dev.braid.benchmarks.versus;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.durable.DurableDatabase;
import dev.braid.durable.DurableRuns;
import dev.braid.durable.Worker;
import dev.braid.durable.WorkerConfig;
import dev.braid.runtime.PipelineDefinition;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;

/**
 * braid-durable with its defaults but for {@code maxConcurrentRuns}: {@link DurableRuns} submits
 * and awaits, one {@link Worker} in this JVM runs. The worker is woken by the submit's {@code
 * NOTIFY} and claims again as soon as a run ends, so it needs no short poll interval.
 */
final class BraidContender implements Contender {
  static final String TAG = "braid";
  private static final Duration AWAIT = Duration.ofMinutes(2);
  private static final long IN_FLIGHT_CHECK_NANOS = 20_000;

  private final String database;
  private final HikariDataSource pool;
  private final DurableRuns runs;
  private final Worker worker;
  private final PipelineDefinition<Integer> chain;
  private final PipelineDefinition<Integer> fanOut;
  private final Shapes shapes;
  private final Semaphore lastStepsRan = new Semaphore(0);

  BraidContender(DurablePostgres postgres, String database, Shapes shapes) {
    this.database = database;
    this.shapes = shapes;
    this.chain = BraidPipelines.chain(shapes.chainSteps(), shapes.stepWork(),
        lastStepsRan::release);
    this.fanOut = BraidPipelines.fanOut(shapes.branches(), shapes.branchWork(),
        lastStepsRan::release);
    this.pool = DurableDatabase.postgres(postgres.countedUrl(database, TAG), DurablePostgres.USER,
        DurablePostgres.PASSWORD);
    this.runs = DurableRuns.create(pool);
    this.worker = Worker.start(pool,
        WorkerConfig.builder().maxConcurrentRuns(shapes.slots()).build(), chain, fanOut);
  }

  @Override
  public String name() {
    return "Braid";
  }

  @Override
  public String database() {
    return database;
  }

  @Override
  public WireCountingSocketFactory.Wire wire() {
    return WireCountingSocketFactory.counts(TAG).snapshot();
  }

  @Override
  public void submitChains(int first, int count) {
    for (int i = first; i < first + count; i++) {
      runs.submit(chain, i);
    }
  }

  @Override
  public String activeRunsQuery() {
    return "SELECT count(*) FROM braid_runs WHERE status IN ('QUEUED', 'RUNNING')";
  }

  @Override
  public String succeededRunsQuery() {
    return Library.BRAID.succeededChainsQuery;
  }

  @Override
  public void runChain(int start) throws Exception {
    String id = submit(chain, start);
    checkChain(start, runs.await(chain, id, AWAIT).output());
  }

  @Override
  public void runFanOut(int start) throws Exception {
    String id = submit(fanOut, start);
    checkFanOut(start, runs.await(fanOut, id, AWAIT).output());
  }

  @Override
  public void runChainUntilStored(int start) throws Exception {
    String id = submit(chain, start);
    awaitStored();
    checkChain(start, runs.result(chain, id).orElseThrow().output());
  }

  @Override
  public void runFanOutUntilStored(int start) throws Exception {
    String id = submit(fanOut, start);
    awaitStored();
    checkFanOut(start, runs.result(fanOut, id).orElseThrow().output());
  }

  private String submit(PipelineDefinition<Integer> pipeline, int start) {
    lastStepsRan.drainPermits();
    return runs.submit(pipeline, start);
  }

  /**
   * Waits for the run's last step, then until the worker has none in flight: it counts a run in
   * flight until its outcome is stored. Reads no table, so that polling adds no delay and no load.
   */
  private void awaitStored() throws InterruptedException {
    if (!lastStepsRan.tryAcquire(AWAIT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("A Braid run did not reach its last step within " + AWAIT);
    }
    while (worker.runsInFlight() > 0) {
      LockSupport.parkNanos(IN_FLIGHT_CHECK_NANOS);
    }
  }

  private void checkChain(int start, @Nullable Integer output) {
    Contender.check(name(), "chain", Work.chainOutput(start, shapes.chainSteps()),
        output == null ? -1 : output);
  }

  private void checkFanOut(int start, @Nullable Integer output) {
    Contender.check(name(), "fan-out", Work.fanOutOutput(start, shapes.branches()),
        output == null ? -1 : output);
  }

  @Override
  public void close() {
    try {
      worker.close();
    } finally {
      pool.close();
    }
  }
}
