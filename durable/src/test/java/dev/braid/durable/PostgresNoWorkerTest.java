package dev.braid.durable;

import com.zaxxer.hikari.HikariDataSource;

/** Runs of pipelines no worker runs, in a real PostgreSQL server. */
class PostgresNoWorkerTest extends NoWorkerContract {
  @Override
  HikariDataSource newDatabase() throws Exception {
    return TestDatabases.freshPostgres();
  }
}
