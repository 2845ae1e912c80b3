package dev.braid.durable;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.runtime.PipelineDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A contract test's fresh database, the {@link DurableRuns} on it and the workers the test starts,
 * registered on the test instance with {@code @RegisterExtension}. After each test it releases the
 * test's blocked pipeline first, so that no worker waits for a step that will never end, then
 * closes every worker and last the database: nothing a test started outlives it. Not
 * thread-safe; a test starts its workers from its own thread.
 */
final class DurableFixture implements BeforeEachCallback, AfterEachCallback {
  private final Callable<HikariDataSource> newDatabase;
  private final CountDownLatch release;
  private final List<Worker> workers = new ArrayList<>();
  private HikariDataSource dataSource;
  private DurableRuns runs;

  /**
   * A fixture that opens {@code newDatabase} before each test; {@code release} is the latch the
   * test's pipeline blocks on.
   */
  DurableFixture(Callable<HikariDataSource> newDatabase, CountDownLatch release) {
    this.newDatabase = newDatabase;
    this.release = release;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    dataSource = newDatabase.call();
    runs = DurableRuns.create(dataSource);
  }

  @Override
  public void afterEach(ExtensionContext context) {
    release.countDown();
    workers.forEach(Worker::close);
    workers.clear();
    dataSource.close();
  }

  HikariDataSource dataSource() {
    return dataSource;
  }

  /** Durable runs on this test's database, with the default options. */
  DurableRuns runs() {
    return runs;
  }

  /** Starts a worker that is closed with the test. */
  Worker startWorker(WorkerConfig config, DurablePipeline... pipelines) {
    return closedWithTest(Worker.start(dataSource, config, pipelines));
  }

  /** Starts a worker that is closed with the test. */
  Worker startWorker(WorkerConfig config, PipelineDefinition<?>... pipelines) {
    return closedWithTest(Worker.start(dataSource, config, pipelines));
  }

  private Worker closedWithTest(Worker worker) {
    workers.add(worker);
    return worker;
  }
}
