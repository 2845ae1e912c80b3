package dev.braid.durable;

import com.zaxxer.hikari.HikariDataSource;

/** Durable runs in a real PostgreSQL server, a fresh database per test. */
class PostgresDurableRunsTest extends DurableRunsContract {
  @Override
  HikariDataSource newDatabase() throws Exception {
    return TestDatabases.freshPostgres();
  }
}
