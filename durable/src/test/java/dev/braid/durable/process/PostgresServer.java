package dev.braid.durable.process;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.durable.DurableDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An embedded PostgreSQL server that worker processes reach over TCP, with a fresh database per
 * test. Connections name their process in {@code application_name}, so a test can tell when a
 * killed process's sessions are gone.
 */
final class PostgresServer implements AutoCloseable {
  private static final AtomicInteger DATABASES = new AtomicInteger();

  private final EmbeddedPostgres postgres;

  private PostgresServer(EmbeddedPostgres postgres) {
    this.postgres = postgres;
  }

  static PostgresServer start() throws IOException {
    return new PostgresServer(EmbeddedPostgres.start());
  }

  int port() {
    return postgres.getPort();
  }

  /** Creates an empty database whose name starts with {@code prefix}, and returns its name. */
  String createDatabase(String prefix) throws SQLException {
    String name = prefix + "_" + DATABASES.incrementAndGet();
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
    return name;
  }

  /** The JDBC URL of {@code database} on port {@code port}, naming {@code application}. */
  static String url(int port, String database, String application) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?ApplicationName="
        + application;
  }

  String url(String database, String application) {
    return url(port(), database, application);
  }

  HikariDataSource connect(String database, String application) {
    return DurableDatabase.postgres(url(database, application), "postgres", "");
  }

  /**
   * Waits until the server has no session left of {@code application}: once a killed process's
   * sessions are gone, every statement it had sent has finished or been rolled back, so nothing
   * more of it lands in the database.
   */
  void awaitNoSessions(String application, Duration timeout) throws Exception {
    Instant until = Instant.now().plus(timeout);
    try (Connection connection = postgres.getPostgresDatabase().getConnection();
        PreparedStatement sessions = connection.prepareStatement(
            "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
      sessions.setString(1, application);
      while (true) {
        try (ResultSet rows = sessions.executeQuery()) {
          rows.next();
          if (rows.getInt(1) == 0) {
            return;
          }
        }
        if (Instant.now().isAfter(until)) {
          throw new AssertionError("Sessions of " + application + " still open after " + timeout);
        }
        Thread.sleep(50);
      }
    }
  }

  @Override
  public void close() throws IOException {
    postgres.close();
  }
}
