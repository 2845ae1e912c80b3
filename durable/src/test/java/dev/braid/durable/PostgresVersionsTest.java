package dev.braid.durable;

import com.zaxxer.hikari.HikariDataSource;

/** New builds of a pipeline over runs in flight, in a real PostgreSQL server. */
class PostgresVersionsTest extends VersionsContract {
  @Override
  HikariDataSource newDatabase() throws Exception {
    return TestDatabases.freshPostgres();
  }
}
