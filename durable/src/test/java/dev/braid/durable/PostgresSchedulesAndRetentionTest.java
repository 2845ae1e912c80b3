package dev.braid.durable;

import com.zaxxer.hikari.HikariDataSource;

/** Schedules and retention on a real PostgreSQL server. */
class PostgresSchedulesAndRetentionTest extends SchedulesAndRetentionContract {
  @Override
  HikariDataSource newDatabase() throws Exception {
    return TestDatabases.freshPostgres();
  }
}
