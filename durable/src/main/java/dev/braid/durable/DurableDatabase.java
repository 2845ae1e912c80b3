package dev.braid.durable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.Objects;

/**
 * Pooled {@link javax.sql.DataSource}s for the two databases durable runs support. Close the
 * returned pool when the application stops.
 *
 * <pre>{@code
 * HikariDataSource db = DurableDatabase.h2();                 // ./.braid/runs.mv.db
 * HikariDataSource pg = DurableDatabase.postgres("jdbc:postgresql://db/braid", "braid", secret);
 * }</pre>
 */
public final class DurableDatabase {
  /** The system property that moves the default H2 directory. */
  public static final String DIRECTORY_PROPERTY = "braid.durable.dir";

  private DurableDatabase() {}

  /**
   * An embedded H2 file database in the directory named by the {@value #DIRECTORY_PROPERTY}
   * system property, or {@code .braid} under the working directory; created on first use.
   */
  public static HikariDataSource h2() {
    return h2(Path.of(System.getProperty(DIRECTORY_PROPERTY, ".braid")));
  }

  /**
   * An embedded H2 file database {@code runs} in {@code directory}, created on first use. H2 locks
   * the file, so one process at a time uses it; share runs between processes with PostgreSQL.
   */
  public static HikariDataSource h2(Path directory) {
    Objects.requireNonNull(directory, "directory");
    HikariConfig config = new HikariConfig();
    config.setPoolName("braid-durable-h2");
    config.setJdbcUrl("jdbc:h2:file:" + directory.toAbsolutePath().resolve("runs")
        + ";DB_CLOSE_ON_EXIT=FALSE");
    config.setUsername("sa");
    config.setPassword("");
    config.setMaximumPoolSize(16);
    return new HikariDataSource(config);
  }

  /** A PostgreSQL database reached through pgjdbc, pooled by HikariCP. */
  public static HikariDataSource postgres(String jdbcUrl, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("braid-durable-postgres");
    config.setJdbcUrl(Objects.requireNonNull(jdbcUrl, "jdbcUrl"));
    config.setUsername(Objects.requireNonNull(user, "user"));
    config.setPassword(Objects.requireNonNull(password, "password"));
    config.setMaximumPoolSize(16);
    // A connection that stalls without closing must not hold a heartbeat or a claim for ever:
    // every statement of braid-durable is short, so a minute of silence means the server is gone.
    config.addDataSourceProperty("socketTimeout", "60");
    config.setConnectionTimeout(10_000);
    return new HikariDataSource(config);
  }
}
