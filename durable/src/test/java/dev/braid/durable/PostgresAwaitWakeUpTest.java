package dev.braid.durable;

import com.zaxxer.hikari.HikariDataSource;

/** Submits and ends of runs wake the worker and the awaits, in PostgreSQL. */
class PostgresAwaitWakeUpTest extends AwaitWakeUpContract {
  @Override
  HikariDataSource newDatabase() throws Exception {
    return TestDatabases.freshPostgres();
  }
}
