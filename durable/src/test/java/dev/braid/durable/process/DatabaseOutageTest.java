package dev.braid.durable.process;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static dev.braid.durable.process.DatabaseProbe.eventually;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.durable.DurableDatabase;
import dev.braid.durable.DurableRuns;
import dev.braid.durable.DurableStoreException;
import dev.braid.durable.RunStatus;
import dev.braid.durable.StoredRun;
import dev.braid.durable.Worker;
import dev.braid.durable.WorkerConfig;
import dev.braid.durable.process.LedgerPipeline.Execution;
import dev.braid.durable.process.LedgerPipeline.StepKey;
import dev.braid.durable.process.LedgerPipeline.Work;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * A worker whose PostgreSQL database goes away while a run is in flight, and comes back. A {@link
 * CuttableProxy} stands between the worker and the server: cutting it closes every connection and
 * resets new ones, as when the database restarts or fails over.
 *
 * <p>What a user may expect: every failure is logged, naming the worker and what it could not do;
 * the worker keeps trying, backing off rather than spinning; once a run's lease runs out without a
 * renewal, the worker interrupts the run, because from then on another worker may take it over and
 * the same step must not run twice at once; and once the database is back, the run is taken over
 * and completes from its checkpoints. Submitting while the database is away fails at once with an
 * exception naming the pipeline, so that no run is silently lost.
 *
 * <p>The steps write their ledger to the server directly, not through the proxy, so that the
 * ledger stays readable while the worker's database is away.
 */
class DatabaseOutageTest {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final Duration LEASE = Duration.ofSeconds(2);

  @RegisterExtension static final ProcessTestBed bed = new ProcessTestBed("outage");

  private final List<AutoCloseable> resources = new ArrayList<>();
  private String name;
  private HikariDataSource database;
  private DurableRuns runs;
  private CuttableProxy proxy;
  private LogRecorder log;

  @BeforeEach
  void setUp() throws Exception {
    name = bed.name();
    database = bed.database();
    runs = bed.runs();
    proxy = new CuttableProxy(bed.server().port());
    log = LogRecorder.of(Worker.class);
  }

  @AfterEach
  void tearDown() throws Exception {
    for (AutoCloseable resource : resources.reversed()) {
      resource.close();
    }
    log.close();
    proxy.close();
  }

  private <T extends AutoCloseable> T closeLater(T resource) {
    resources.add(resource);
    return resource;
  }

  /** The pool a user gets from {@link DurableDatabase}, connected through the proxy. */
  private HikariDataSource pooledThroughProxy() {
    return closeLater(DurableDatabase.postgres(
        PostgresServer.url(proxy.port(), name, "worker"), "postgres", ""));
  }

  private Worker worker(DataSource dataSource, Work work) {
    LedgerPipeline pipeline = new LedgerPipeline(database, "outage", work);
    return closeLater(Worker.start(dataSource, WorkerConfig.builder().workerId("outage")
        .maxConcurrentRuns(2).lease(LEASE).heartbeat(LEASE.dividedBy(5))
        .pollInterval(Duration.ofMillis(50)).build(), pipeline.registration()));
  }

  private List<String> workersOf(String order, String step) throws SQLException {
    return LedgerPipeline.executions(database).stream()
        .filter(execution -> execution.key().equals(new StepKey(order, step)))
        .map(Execution::worker).toList();
  }

  /**
   * With the pool's default 30 s connection timeout, a heartbeat during the outage does not fail:
   * it waits for a connection. The run must be interrupted when its lease runs out all the same.
   */
  @Test
  void runInFlightWhenTheDatabaseGoesAwayIsInterruptedAtItsLeaseEndAndCompletesOnceItIsBack()
      throws Exception {
    CountDownLatch interrupted = new CountDownLatch(1);
    Worker worker = worker(pooledThroughProxy(), (step, execution) -> {
      if (step.step().equals("draft") && execution == 1) {
        try {
          new CountDownLatch(1).await();
        } catch (InterruptedException e) {
          interrupted.countDown();
          throw e;
        }
      }
    });
    String id = runs.submit(LedgerPipeline.NAME, "order-1");
    eventually("draft started", WAIT, () -> workersOf("order-1", "draft").size() == 1,
        () -> "log:\n" + log);

    proxy.cut();
    assertWithMessage("draft interrupted within %s of the cut; log:\n%s", WAIT, log)
        .that(interrupted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    List<LogRecorder.Entry> lost = log.containing("could not renew the lease of durable run");
    assertThat(lost).hasSize(1);
    assertThat(lost.getFirst().level()).isEqualTo(Level.WARNING);
    assertThat(lost.getFirst().message()).matches("Worker outage could not renew the lease of"
        + " durable run " + id + " \\(pipeline 'Ledger'\\) before it ran out at \\S+, as the"
        + " database did not answer its heartbeats in time; it interrupts the run, which another"
        + " worker may now take over, and a worker resumes it from its checkpoints once the"
        + " database answers");
    StoredRun orphan = runs.status(id).orElseThrow();
    assertThat(orphan.status()).isEqualTo(RunStatus.RUNNING);
    assertThat(orphan.attempts()).isEqualTo(1);

    proxy.restore();
    StoredRun run = runs.await(id, WAIT);
    assertWithMessage("%s; log:\n%s", run, log).that(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(runs.<String>output(run, String.class))
        .isEqualTo(LedgerPipeline.expectedOutput("order-1"));
    assertThat(run.attempts()).isEqualTo(2);
    for (String step : List.of("extract", "classify", "search")) {
      assertThat(workersOf("order-1", step)).hasSize(1);
    }
    assertThat(workersOf("order-1", "draft")).hasSize(2);
    eventually("no run in flight", WAIT, () -> worker.runsInFlight() == 0, () -> "log:\n" + log);
  }

  /**
   * A step that does not stop when interrupted (one that must finish, or blocked in I/O that
   * ignores interrupts) outlives its run's lease. The worker itself may then take the run over
   * once the database is back; when the old attempt finally ends, the new one must stay in the
   * worker's hands, heartbeated, rather than be forgotten and lose its lease in turn.
   */
  @Test
  void retakenRunKeepsItsLeaseWhenItsLostAttemptFinallyEnds() throws Exception {
    CountDownLatch oldAttemptInterrupted = new CountDownLatch(1);
    CountDownLatch oldAttemptMayEnd = new CountDownLatch(1);
    CountDownLatch newAttemptMayEnd = new CountDownLatch(1);
    Worker worker = worker(pooledThroughProxy(), (step, execution) -> {
      if (!step.step().equals("draft")) {
        return;
      }
      if (execution == 1) {
        awaitIgnoringInterrupts(oldAttemptMayEnd, oldAttemptInterrupted);
      } else {
        newAttemptMayEnd.await();
      }
    });
    String id = runs.submit(LedgerPipeline.NAME, "order-2");
    try {
      eventually("draft started", WAIT, () -> workersOf("order-2", "draft").size() == 1,
          () -> "log:\n" + log);
      proxy.cut();
      assertWithMessage("log:\n%s", log)
          .that(oldAttemptInterrupted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      proxy.restore();
      eventually("draft started again", WAIT, () -> workersOf("order-2", "draft").size() == 2,
          () -> runs.status(id) + "; log:\n" + log);

      oldAttemptMayEnd.countDown();
      // Long enough for the new attempt's lease to run out, had its heartbeats stopped.
      Thread.sleep(LEASE.multipliedBy(2));
    } finally {
      // Lets both attempts end, so that closing the worker does not wait for them forever.
      oldAttemptMayEnd.countDown();
      newAttemptMayEnd.countDown();
    }

    StoredRun run = runs.await(id, WAIT);
    assertWithMessage("%s; log:\n%s", run, log).that(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.attempts()).isEqualTo(2);
    assertThat(workersOf("order-2", "draft")).hasSize(2);
    eventually("no run in flight", WAIT, () -> worker.runsInFlight() == 0, () -> "log:\n" + log);
  }

  private static void awaitIgnoringInterrupts(CountDownLatch latch, CountDownLatch interrupted) {
    while (true) {
      try {
        latch.await();
        return;
      } catch (InterruptedException e) {
        interrupted.countDown();
      }
    }
  }

  /**
   * A connection that breaks just as a claimed run's checkpoints are read, as in a failover, says
   * nothing about the run itself: the run goes back to the queue and runs again, rather than fail
   * for good with the database's error.
   */
  @Test
  void runWhoseCheckpointsCannotBeReadForAMomentIsRetriedRatherThanFailed() throws Exception {
    BreakingDataSource breaking = new BreakingDataSource(database);
    breaking.breakNext("SELECT step, output");
    worker(breaking, Work.taking(Duration.ZERO));

    String id = runs.submit(LedgerPipeline.NAME, "order-4");
    StoredRun run = runs.await(id, WAIT);

    assertThat(breaking.broke()).isTrue();
    assertWithMessage("%s; log:\n%s", run, log).that(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.attempts()).isEqualTo(2);
    for (String step : LedgerPipeline.STEPS) {
      assertThat(workersOf("order-4", step)).hasSize(1);
    }
    List<LogRecorder.Entry> requeued = log.containing("could not read the checkpoints");
    assertThat(requeued).hasSize(1);
    assertThat(requeued.getFirst().message()).isEqualTo("Worker outage could not read the"
        + " checkpoints of durable run " + id + " (pipeline 'Ledger'): An I/O error occurred"
        + " while sending to the backend.; it puts the run back in the queue");
  }

  /**
   * Without a pool, every connection attempt fails at once while the database is away, so a
   * worker that retried at its poll interval would spin. It backs off instead, doubling its wait
   * up to the heartbeat, and says each time what failed and when it tries again.
   */
  @Test
  void claimsBackOffWhileTheDatabaseIsUnreachableAndResumeOnceItIsBack() throws Exception {
    PGSimpleDataSource direct = new PGSimpleDataSource();
    direct.setUrl(PostgresServer.url(proxy.port(), name, "worker"));
    direct.setUser("postgres");
    worker(direct, Work.taking(Duration.ZERO));
    // Another DataSource, so that the worker has to claim the run rather than be handed it.
    PGSimpleDataSource submitting = new PGSimpleDataSource();
    submitting.setUrl(direct.getUrl());
    submitting.setUser("postgres");
    DurableRuns proxied = DurableRuns.create(submitting);

    proxy.cut();
    eventually("five failed claims", WAIT,
        () -> log.containing("could not claim runs").size() >= 5, () -> "log:\n" + log);
    List<LogRecorder.Entry> failures = log.containing("could not claim runs");
    Pattern retry = Pattern.compile("Worker outage could not claim runs \\(failure (\\d+) in a"
        + " row\\): org\\.postgresql\\.util\\.PSQLException: .*; trying again in (\\d+) ms",
        Pattern.DOTALL);
    List<Long> waits = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      LogRecorder.Entry failure = failures.get(i);
      Matcher matcher = retry.matcher(failure.message());
      assertWithMessage("failure %s: %s", i + 1, failure).that(matcher.matches()).isTrue();
      assertThat(Integer.parseInt(matcher.group(1))).isEqualTo(i + 1);
      waits.add(Long.parseLong(matcher.group(2)));
      assertWithMessage("whether failure %s has its stack trace", i + 1)
          .that(failure.thrown() != null).isEqualTo(i == 0);
    }
    assertThat(waits).containsExactly(50L, 100L, 200L, 400L, 400L).inOrder();
    // A statement in flight at the cut fails as an I/O error; the connections after it are reset.
    assertThat(failures.getLast().message()).contains("The connection attempt failed.");

    DurableStoreException refused = assertThrows(DurableStoreException.class,
        () -> proxied.submit(LedgerPipeline.NAME, "order-3"));
    assertThat(refused).hasMessageThat()
        .isEqualTo("Could not store a run of pipeline 'Ledger': The connection attempt failed.");
    assertThat(refused).hasCauseThat().isInstanceOf(SQLException.class);

    proxy.restore();
    String id = proxied.submit(LedgerPipeline.NAME, "order-3");
    StoredRun run = proxied.await(id, WAIT);
    assertWithMessage("%s; log:\n%s", run, log).that(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(log.containing("Worker outage reached the database again after")).hasSize(1);
  }
}
