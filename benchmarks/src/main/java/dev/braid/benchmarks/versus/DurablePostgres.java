package dev.braid.benchmarks.versus;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * An embedded PostgreSQL 18 server that commits as a production server does: the embedded
 * defaults turn {@code fsync}, {@code synchronous_commit} and {@code full_page_writes} off so that
 * tests run fast, and a durable server turns them back on, then checks that they are on. Each
 * contender gets a database of its own on it; URLs from {@link #countedUrl} route that
 * contender's connections through {@link WireCountingSocketFactory}.
 */
final class DurablePostgres implements AutoCloseable {
  static final String USER = "postgres";
  static final String PASSWORD = "";
  private static final List<String> DURABLE_SETTINGS =
      List.of("fsync", "synchronous_commit", "full_page_writes");

  private final EmbeddedPostgres server;

  private DurablePostgres(EmbeddedPostgres server) {
    this.server = server;
  }

  /**
   * Starts a server, durable or with the embedded defaults: those start and stop in a fraction of
   * the time, which is all a smoke test needs.
   */
  static DurablePostgres start(boolean durable) throws IOException, SQLException {
    EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder();
    if (durable) {
      for (String setting : DURABLE_SETTINGS) {
        builder.setServerConfig(setting, "on");
      }
    }
    DurablePostgres postgres = new DurablePostgres(builder.start());
    try {
      if (durable) {
        postgres.checkDurable();
      }
    } catch (SQLException | RuntimeException e) {
      postgres.close();
      throw e;
    }
    return postgres;
  }

  private void checkDurable() throws SQLException {
    try (Connection connection = monitor("postgres");
        Statement statement = connection.createStatement()) {
      for (String setting : DURABLE_SETTINGS) {
        try (ResultSet result = statement.executeQuery("SHOW " + setting)) {
          result.next();
          if (!"on".equals(result.getString(1))) {
            throw new IllegalStateException("The embedded PostgreSQL server runs with " + setting
                + "=" + result.getString(1) + " although it was started with " + setting + "=on");
          }
        }
      }
    }
  }

  /** Creates the empty database {@code name}. */
  void createDatabase(String name) throws SQLException {
    try (Connection connection = monitor("postgres");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    }
  }

  /**
   * Writes every dirty page to disk now, so that the next workload does not share the disk with
   * the last one's write-back, and a stop does not outlast the embedded server's 5 s wait.
   */
  void checkpoint() throws SQLException {
    try (Connection connection = monitor("postgres");
        Statement statement = connection.createStatement()) {
      statement.execute("CHECKPOINT");
    }
  }

  /** The URL of {@code database} whose connections count under {@code tag}. */
  String countedUrl(String database, String tag) {
    return url(database) + "?sslmode=disable&socketFactory="
        + WireCountingSocketFactory.class.getName() + "&socketFactoryArg=" + tag;
  }

  /** A connection to {@code database} that no contender's counts include. */
  Connection monitor(String database) throws SQLException {
    return DriverManager.getConnection(url(database), USER, PASSWORD);
  }

  private String url(String database) {
    return "jdbc:postgresql://localhost:" + server.getPort() + "/" + database;
  }

  /** Checkpoints, then stops the server. */
  @Override
  public void close() throws IOException {
    try {
      checkpoint();
    } catch (SQLException e) {
      // The stop checkpoints as well, only more slowly.
    }
    server.close();
  }
}
