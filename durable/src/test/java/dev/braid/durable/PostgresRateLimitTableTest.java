package dev.braid.durable;

import com.zaxxer.hikari.HikariDataSource;

/** Shared rate limits in a real PostgreSQL server. */
class PostgresRateLimitTableTest extends RateLimitTableContract {
  @Override
  HikariDataSource newDatabase() throws Exception {
    return TestDatabases.freshPostgres();
  }
}
