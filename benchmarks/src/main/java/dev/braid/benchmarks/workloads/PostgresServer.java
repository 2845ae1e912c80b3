package dev.braid.benchmarks.workloads;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.durable.DurableDatabase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;

/**
 * The PostgreSQL 18 server durable runs are stored in: an embedded server started from the
 * linux-amd64 binaries with the embedded defaults ({@code fsync=off} and {@code
 * synchronous_commit=off} among them, so that no commit waits for the disk), listening on
 * localhost. The suite starts one for its whole run, so that the start-up's few
 * seconds are paid once, and passes its port to the benchmark forks in {@value #PORT_PROPERTY};
 * a benchmark run without the suite starts its own. Each benchmark gets a database of its own.
 */
public final class PostgresServer implements AutoCloseable {
  /** The system property that names the port of a server the suite started. */
  public static final String PORT_PROPERTY = "braid.benchmarks.postgresPort";
  private static final String USER = "postgres";

  private final @Nullable EmbeddedPostgres started;
  private final int port;

  private PostgresServer(@Nullable EmbeddedPostgres started, int port) {
    this.started = started;
    this.port = port;
  }

  /** Starts a new embedded server, which {@link #close()} stops. */
  public static PostgresServer start() throws IOException {
    EmbeddedPostgres postgres = EmbeddedPostgres.start();
    return new PostgresServer(postgres, postgres.getPort());
  }

  /** The server the suite passed in {@value #PORT_PROPERTY}, or else a new one. */
  static PostgresServer suiteOrStart() throws IOException {
    String port = System.getProperty(PORT_PROPERTY);
    return port == null ? start() : new PostgresServer(null, Integer.parseInt(port));
  }

  /** The JVM argument that hands this server to a benchmark fork. */
  public String jvmArgument() {
    return "-D" + PORT_PROPERTY + "=" + port;
  }

  /** Creates the empty database {@code name} and returns a pool of connections to it. */
  HikariDataSource createDatabase(String name) throws SQLException {
    execute("CREATE DATABASE " + name);
    return DurableDatabase.postgres(url(name), USER, "");
  }

  /** Drops database {@code name}, whose pool must be closed. */
  void dropDatabase(String name) throws SQLException {
    execute("DROP DATABASE IF EXISTS " + name);
  }

  private void execute(String sql) throws SQLException {
    try (Connection connection = DriverManager.getConnection(url("postgres"), USER, "");
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }

  private String url(String database) {
    return "jdbc:postgresql://localhost:" + port + "/" + database;
  }

  /** Stops the server if this instance started it; a server the suite passed in stays up. */
  @Override
  public void close() throws IOException {
    if (started != null) {
      started.close();
    }
  }
}
