package dev.braid.durable;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.runtime.PipelineDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * One contract test's fresh database, the {@link DurableRuns} on it and the workers the test
 * starts. Closing it releases the test's blocked pipeline first, so that no worker waits for a
 * step that will never end, then closes every worker and last the database: nothing a test
 * started outlives it. Not thread-safe; a test starts its workers from its own thread.
 */
final class DurableFixture implements AutoCloseable {
  private final HikariDataSource dataSource;
  private final DurableRuns runs;
  private final CountDownLatch release;
  private final List<Worker> workers = new ArrayList<>();

  private DurableFixture(HikariDataSource dataSource, DurableRuns runs, CountDownLatch release) {
    this.dataSource = dataSource;
    this.runs = runs;
    this.release = release;
  }

  /**
   * A fixture on {@code dataSource} with default {@link DurableRuns}; {@code release} is the
   * latch the test's pipeline blocks on, opened when the fixture closes.
   */
  static DurableFixture on(HikariDataSource dataSource, CountDownLatch release) {
    return new DurableFixture(dataSource, DurableRuns.create(dataSource), release);
  }

  HikariDataSource dataSource() {
    return dataSource;
  }

  DurableRuns runs() {
    return runs;
  }

  /** Starts a worker that the fixture closes with the test. */
  Worker startWorker(WorkerConfig config, DurablePipeline... pipelines) {
    return closedWithTest(Worker.start(dataSource, config, pipelines));
  }

  /** Starts a worker that the fixture closes with the test. */
  Worker startWorker(WorkerConfig config, PipelineDefinition<?>... pipelines) {
    return closedWithTest(Worker.start(dataSource, config, pipelines));
  }

  private Worker closedWithTest(Worker worker) {
    workers.add(worker);
    return worker;
  }

  @Override
  public void close() {
    release.countDown();
    workers.forEach(Worker::close);
    dataSource.close();
  }
}
