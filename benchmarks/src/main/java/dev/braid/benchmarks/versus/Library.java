package dev.braid.benchmarks.versus;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.durable.DurableDatabase;
import dev.braid.durable.DurableRuns;
import dev.dbos.transact.DBOSClient;
import dev.dbos.transact.migrations.MigrationManager;

/** The two libraries compared: how each starts in this JVM, queues runs from outside, and counts. */
enum Library {
  BRAID("Braid", BraidContender.TAG,
      "SELECT count(*) FROM braid_runs WHERE status = 'SUCCEEDED'",
      "SELECT id FROM braid_runs WHERE status = 'RUNNING'",
      "SELECT count(*) FROM braid_runs WHERE status = 'SUCCEEDED' AND id = ANY(?)") {
    @Override
    Contender start(DurablePostgres postgres, String database, Shapes shapes) {
      return new BraidContender(postgres, database, shapes);
    }

    @Override
    void submitFromOutside(String url, int count) {
      try (HikariDataSource pool = DurableDatabase.postgres(url, DurablePostgres.USER,
          DurablePostgres.PASSWORD)) {
        DurableRuns runs = DurableRuns.create(pool);
        for (int i = 0; i < count; i++) {
          runs.submit(BraidPipelines.CHAIN, i);
        }
      }
    }
  },
  DBOS("DBOS", DbosContender.TAG,
      "SELECT count(*) FROM dbos.workflow_status WHERE status = 'SUCCESS' AND name = 'chain'",
      "SELECT workflow_uuid FROM dbos.workflow_status WHERE status = 'PENDING'"
          + " AND name = 'chain'",
      "SELECT count(*) FROM dbos.workflow_status WHERE status = 'SUCCESS'"
          + " AND workflow_uuid = ANY(?)") {
    @Override
    Contender start(DurablePostgres postgres, String database, Shapes shapes) {
      return new DbosContender(postgres, database, shapes);
    }

    @Override
    void submitFromOutside(String url, int count) {
      // What DBOS.launch() does first, and what a deployment runs before any worker starts.
      MigrationManager.runMigrations(DbosContender.config(url, "versus-client"));
      try (DBOSClient client = new DBOSClient(url, DurablePostgres.USER,
          DurablePostgres.PASSWORD)) {
        DBOSClient.EnqueueOptions options =
            new DBOSClient.EnqueueOptions("chain", DbosFlows.QUEUE)
                .withClassName(DbosFlows.CLASS_NAME)
                .withAppVersion(DbosFlows.APP_VERSION);
        for (int i = 0; i < count; i++) {
          client.enqueueWorkflow(options, new Object[] {i});
        }
      }
    }
  };

  final String displayName;
  final String tag;
  /** SQL that counts the chain runs that succeeded. */
  final String succeededChainsQuery;
  /** SQL that lists the ids of the chain runs a worker has started and not ended. */
  final String runningChainsQuery;
  /** SQL that counts the runs among an array of ids that succeeded. */
  final String succeededAmongQuery;

  Library(String displayName, String tag, String succeededChainsQuery, String runningChainsQuery,
      String succeededAmongQuery) {
    this.displayName = displayName;
    this.tag = tag;
    this.succeededChainsQuery = succeededChainsQuery;
    this.runningChainsQuery = runningChainsQuery;
    this.succeededAmongQuery = succeededAmongQuery;
  }

  /** Starts the library and a worker in this JVM on {@code database}. */
  abstract Contender start(DurablePostgres postgres, String database, Shapes shapes);

  /**
   * Queues {@code count} chain runs on {@code url} as a separate client would, creating the
   * library's tables first if no worker has yet, and returns.
   */
  abstract void submitFromOutside(String url, int count);
}
