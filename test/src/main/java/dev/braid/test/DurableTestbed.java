package dev.braid.test;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.braid.durable.DurableRuns;
import dev.braid.durable.Worker;
import dev.braid.durable.WorkerConfig;
import dev.braid.runtime.PipelineDefinition;
import dev.braid.runtime.PipelineResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * try (DurableTestbed durable = DurableTestbed.inMemory()) {
 *   durable.startWorker(executor.definition());
 *   PipelineResult<Reply> result = durable.runToEnd(executor.definition(), ticket);
 * }
 * }</pre>
 *
 * <p>Not thread-safe: a test starts its workers from its own thread. {@link #close()} closes the
 * workers, then the database.
 */
public final class DurableTestbed implements AutoCloseable {
  /** How long {@link #runToEnd} waits for a run unless told otherwise. */
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

  private final HikariDataSource dataSource;
  private final DurableRuns runs;
  private final List<Worker> workers = new ArrayList<>();

  private DurableTestbed(HikariDataSource dataSource) {
    this.dataSource = dataSource;
    this.runs = DurableRuns.create(dataSource);
  }

  /** A fresh, empty H2 database in memory, with braid-durable's schema. */
  public static DurableTestbed inMemory() {
    HikariConfig config = new HikariConfig();
    config.setPoolName("braid-test-h2");
    // Kept while the pool is open (DB_CLOSE_DELAY=-1), named apart from every other testbed's.
    config.setJdbcUrl("jdbc:h2:mem:braid-test-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    config.setUsername("sa");
    config.setPassword("");
    config.setMaximumPoolSize(8);
    config.setAutoCommit(true);
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
    return new DurableTestbed(new HikariDataSource(config));
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** Submits, awaits and steers runs on this database. */
  public DurableRuns runs() {
    return runs;
  }

  /** Starts a worker for {@code pipelines}, closed with the testbed. */
  public Worker startWorker(PipelineDefinition<?>... pipelines) {
    return startWorker(WorkerConfig.defaults(), pipelines);
  }

  /** Starts a worker with {@code config} for {@code pipelines}, closed with the testbed. */
  public Worker startWorker(WorkerConfig config, PipelineDefinition<?>... pipelines) {
    Worker worker = Worker.start(dataSource, config, pipelines);
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
