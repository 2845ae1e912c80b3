package dev.braid.test;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.braid.durable.DurableRuns;
import dev.braid.durable.QueueLimit;
import dev.braid.durable.RunSchedules;
import dev.braid.durable.Worker;
import dev.braid.durable.WorkerConfig;
import dev.braid.runtime.PipelineDefinition;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.time.TimeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A durable-runs database that lives in memory for one test, with the workers the test starts:
 * durable pipelines are submitted, claimed, checkpointed and awaited as in production, on an H2
 * database that vanishes when the testbed closes. Needs braid-durable on the test class path.
 *
 * <pre>{@code
 * DurableTestbed durable = kit.durable();                  // on the test's virtual time
 * durable.startWorker(executor.definition());              // executor built with kit.config()
 * PipelineResult<Reply> result = durable.runToEnd(executor.definition(), ticket);
 * }</pre>
 *
 * <p><b>Time.</b> The testbed's workers, its {@link #runs()} and its {@link #schedules()} run on
 * the testbed's time: the kit's {@link VirtualTime} for {@link BraidKit#durable()}, whatever {@link
 * WorkerConfig#timeSource()} a config passed here says. Build the executors of the pipelines with
 * the kit's {@code config()}, so that their steps run on the same time. A worker's threads then
 * count as busy on that time while they work and idle while they wait, and the worker does not
 * poll: it sleeps until the next instant something is due — a queued run's {@code notBefore}, the
 * end of a lease (just after it: a lease ends once its expiry has passed), a schedule's next fire
 * time — or until a run is submitted, ends or is scheduled; its heartbeats tick only while it has
 * runs in flight. So virtual time jumps to each due time, meets it exactly, and stands still while
 * nothing is due or anything is busy: a step running its code, a worker claiming. An hourly
 * schedule fires a day of runs in milliseconds, a lease ends after exactly its length, and a run
 * longer than its lease keeps it through heartbeats in virtual time. The test's own thread takes
 * no part: time moves while it waits in {@link #runToEnd} or {@link DurableRuns#await}, and also
 * while it does anything else, if something is due then. Waits for runs to end take real time,
 * {@link #DEFAULT_WAIT} at most, as they wait for workers rather than for a time.
 *
 * <p>Not thread-safe: a test starts its workers from its own thread. {@link #close()} closes the
 * workers, then the database.
 */
public final class DurableTestbed implements AutoCloseable {
  /** How long {@link #runToEnd} waits for a run unless told otherwise. */
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

  private final HikariDataSource dataSource;
  private final TimeSource time;
  private final DurableRuns runs;
  private final RunSchedules schedules;
  private final List<Worker> workers = new ArrayList<>();

  private DurableTestbed(HikariDataSource dataSource, TimeSource time) {
    this.dataSource = dataSource;
    this.time = time;
    this.runs = DurableRuns.create(dataSource, QueueLimit.none(), time);
    this.schedules = RunSchedules.create(dataSource, time);
  }

  /** A fresh, empty H2 database in memory, with braid-durable's schema, on the system's time. */
  public static DurableTestbed inMemory() {
    return inMemory(TimeSource.system());
  }

  /**
   * A fresh, empty H2 database in memory, with braid-durable's schema, whose workers, runs and
   * schedules run on {@code time}; {@link BraidKit#durable()} passes the kit's virtual time.
   */
  public static DurableTestbed inMemory(TimeSource time) {
    Objects.requireNonNull(time, "time");
    HikariConfig config = new HikariConfig();
    config.setPoolName("braid-test-h2");
    // Kept while the pool is open (DB_CLOSE_DELAY=-1), named apart from every other testbed's.
    config.setJdbcUrl("jdbc:h2:mem:braid-test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    config.setUsername("sa");
    config.setPassword("");
    config.setMaximumPoolSize(8);
    config.setAutoCommit(true);
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    return new DurableTestbed(new HikariDataSource(config), time);
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** Submits, awaits and steers runs on this database, stamped with the testbed's time. */
  public DurableRuns runs() {
    return runs;
  }

  /** Stores the schedules of this database, whose next fire times come from the testbed's time. */
  public RunSchedules schedules() {
    return schedules;
  }

  /** The time the testbed's workers, runs and schedules run on. */
  public TimeSource time() {
    return time;
  }

  /** Starts a worker for {@code pipelines}, closed with the testbed. */
  public Worker startWorker(PipelineDefinition<?>... pipelines) {
    return startWorker(WorkerConfig.defaults(), pipelines);
  }

  /**
   * Starts a worker with {@code config}, on the testbed's time, for {@code pipelines}, closed with
   * the testbed.
   */
  public Worker startWorker(WorkerConfig config, PipelineDefinition<?>... pipelines) {
    Worker worker = Worker.start(dataSource, config.toBuilder().timeSource(time).build(),
        pipelines);
    workers.add(worker);
    return worker;
  }

  /**
   * Submits a run of {@code pipeline} and waits up to {@link #DEFAULT_WAIT} for a worker to end
   * it; see {@link DurableRuns#await(PipelineDefinition, String, Duration)}.
   */
  public <O extends @Nullable Object> PipelineResult<O> runToEnd(PipelineDefinition<O> pipeline,
      @Nullable Object... inputs) throws InterruptedException, TimeoutException {
    String id = runs.submit(pipeline, inputs);
    return runs.await(pipeline, id, DEFAULT_WAIT);
  }

  @Override
  public void close() {
    workers.forEach(Worker::close);
    workers.clear();
    dataSource.close();
  }
}
