package dev.braid.durable;

import com.zaxxer.hikari.HikariDataSource;

/** Stored attempts in a real PostgreSQL server, a fresh database per test. */
class PostgresAttemptsTest extends AttemptsContract {
  @Override
  HikariDataSource newDatabase() throws Exception {
    return TestDatabases.freshPostgres();
  }
}
