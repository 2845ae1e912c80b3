package dev.braid.durable;

import com.zaxxer.hikari.HikariDataSource;

/** Resumes, results and limits on a real PostgreSQL server. */
class PostgresConversationsAndLimitsTest extends ConversationsAndLimitsContract {
  @Override
  HikariDataSource newDatabase() throws Exception {
    return TestDatabases.freshPostgres();
  }
}
