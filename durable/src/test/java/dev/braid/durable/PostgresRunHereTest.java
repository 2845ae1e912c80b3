package dev.braid.durable;

import com.zaxxer.hikari.HikariDataSource;

/** Runs handed to a worker of the same process, in PostgreSQL. */
class PostgresRunHereTest extends RunHereContract {
  @Override
  HikariDataSource newDatabase() throws Exception {
    return TestDatabases.freshPostgres();
  }
}
