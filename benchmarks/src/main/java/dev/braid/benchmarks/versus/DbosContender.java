package dev.braid.benchmarks.versus;

import dev.dbos.transact.DBOS;
import dev.dbos.transact.StartWorkflowOptions;
import dev.dbos.transact.config.DBOSConfig;
import dev.dbos.transact.workflow.Queue;
import java.time.Duration;

/**
 * DBOS Transact with its defaults but for its queue: runs are enqueued on a queue that runs
 * {@code slots} at once in this process, as a Braid worker does, and polls every {@value
 * #QUEUE_POLL_MILLIS} ms instead of DBOS's default second, because a DBOS queue is not woken when
 * a run is queued or ends. A single run and a fan-out are started directly, DBOS's fastest path,
 * and their result is read from the handle.
 */
final class DbosContender implements Contender {
  static final String TAG = "dbos";
  static final long QUEUE_POLL_MILLIS = 10;

  private final String database;
  private final DBOS dbos;
  private final DbosFlows flows;
  private final Shapes shapes;

  DbosContender(DurablePostgres postgres, String database, Shapes shapes) {
    this.database = database;
    this.shapes = shapes;
    this.dbos = configure(postgres.countedUrl(database, TAG), "versus-executor", shapes);
    this.flows = new DbosFlowsImpl(dbos, shapes).register();
    dbos.launch();
  }

  /**
   * A DBOS instance on {@code url} with the comparison's queue registered and {@code executorId}
   * as the identity it recovers its own workflows by; register the workflows, then launch it.
   */
  static DBOS configure(String url, String executorId, Shapes shapes) {
    DBOS dbos = new DBOS(config(url, executorId));
    dbos.registerQueue(queue(shapes));
    return dbos;
  }

  /** DBOS's defaults, but for the database, the application version and the executor id. */
  static DBOSConfig config(String url, String executorId) {
    return DBOSConfig.defaults("braid-versus")
        .withDatabaseUrl(url)
        .withDbUser(DurablePostgres.USER)
        .withDbPassword(DurablePostgres.PASSWORD)
        .withAppVersion(DbosFlows.APP_VERSION)
        .withExecutorId(executorId);
  }

  @SuppressWarnings("removal")
  private static Queue queue(Shapes shapes) {
    return new Queue(DbosFlows.QUEUE)
        .withWorkerConcurrency(shapes.slots())
        .withPollingInterval(Duration.ofMillis(QUEUE_POLL_MILLIS));
  }

  @Override
  public String name() {
    return "DBOS";
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
    StartWorkflowOptions options = new StartWorkflowOptions().withQueue(DbosFlows.QUEUE);
    for (int i = first; i < first + count; i++) {
      int start = i;
      dbos.startWorkflow(() -> flows.chain(start), options);
    }
  }

  @Override
  public String activeRunsQuery() {
    return "SELECT count(*) FROM dbos.workflow_status WHERE status IN ('ENQUEUED', 'PENDING')";
  }

  @Override
  public String succeededRunsQuery() {
    return Library.DBOS.succeededChainsQuery;
  }

  @Override
  public void runChain(int start) {
    int output = dbos.startWorkflow(() -> flows.chain(start)).getResult();
    Contender.check(name(), "chain", Work.chainOutput(start, shapes.chainSteps()), output);
  }

  @Override
  public void runFanOut(int start) {
    int output = dbos.startWorkflow(() -> flows.fanOut(start)).getResult();
    Contender.check(name(), "fan-out", Work.fanOutOutput(start, shapes.branches()), output);
  }

  /** The same as {@link #runChain}: a local handle's result is ready once the outcome is stored. */
  @Override
  public void runChainUntilStored(int start) {
    runChain(start);
  }

  /** The same as {@link #runFanOut}, for the same reason. */
  @Override
  public void runFanOutUntilStored(int start) {
    runFanOut(start);
  }

  @Override
  public void close() {
    dbos.shutdown();
  }
}
