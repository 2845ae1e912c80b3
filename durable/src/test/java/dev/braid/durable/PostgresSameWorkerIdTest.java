package dev.braid.durable;

import com.zaxxer.hikari.HikariDataSource;

/** A worker restarted under its id, in a real PostgreSQL server, a fresh database per test. */
class PostgresSameWorkerIdTest extends SameWorkerIdContract {
  @Override
  HikariDataSource newDatabase() throws Exception {
    return TestDatabases.freshPostgres();
  }
}
