package dev.braid.durable.process;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.durable.DurableRuns;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the tests of worker processes stand on: one embedded PostgreSQL server per test class, and
 * per test a fresh database with the schema, the steps' ledger and a pool of this JVM's own.
 * Worker processes started through it are closed after each test, before the pool, whatever the
 * test left running, so that no JVM outlives its test. Register it as a {@code static} field with
 * {@code @RegisterExtension}; the tests of a class run one at a time.
 */
final class ProcessTestBed
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private final String databasePrefix;
  private final List<WorkerProcess> processes = new ArrayList<>();
  private PostgresServer postgres;
  private String name;
  private HikariDataSource database;
  private DurableRuns runs;

  /** A bed whose databases are named after {@code databasePrefix}, as its server logs show. */
  ProcessTestBed(String databasePrefix) {
    this.databasePrefix = databasePrefix;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    postgres = PostgresServer.start();
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    postgres.close();
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    name = postgres.createDatabase(databasePrefix);
    database = postgres.connect(name, "test");
    runs = DurableRuns.create(database);
    LedgerPipeline.createLedger(database);
  }

  @Override
  public void afterEach(ExtensionContext context) throws Exception {
    for (WorkerProcess process : processes) {
      process.close();
    }
    processes.clear();
    database.close();
  }

  PostgresServer server() {
    return postgres;
  }

  /** The name of this test's database. */
  String name() {
    return name;
  }

  /** This JVM's pool on this test's database. */
  HikariDataSource database() {
    return database;
  }

  /** Durable runs on this test's database, with the default options. */
  DurableRuns runs() {
    return runs;
  }

  /**
   * Starts the JVM of a worker process on this test's database, connecting as {@code worker},
   * logging under {@code logs}; it waits for {@link WorkerProcess#go()} before it claims.
   */
  WorkerProcess startWorker(String worker, Path logs, String... options) throws Exception {
    WorkerProcess process = WorkerProcess.start(worker, postgres.url(name, worker), logs, options);
    processes.add(process);
    return process;
  }
}
