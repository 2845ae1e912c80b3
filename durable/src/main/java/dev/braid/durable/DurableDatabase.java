package dev.braid.durable;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Objects;
import org.h2.api.ErrorCode;

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
   * An embedded H2 file database {@code runs} in {@code directory}, created on first use.
   *
   * <p>A commit that returned survives the death of the process, even by {@code SIGKILL}: every
   * commit is written to the file before it returns ({@code WRITE_DELAY=0}; H2's default
   * acknowledges a commit up to half a second before writing it), and H2 appends to the file
   * instead of overwriting its free space ({@code REUSE_SPACE=FALSE}; in crash tests of H2 2.5, a
   * process killed once H2 had begun to overwrite space freed 45 seconds before left a file that
   * reopened without commits it had acknowledged). So the file grows with every commit for as long
   * as the database is open; H2 compacts it, for up to 200 ms, when the pool is closed. H2 does
   * not {@code fsync} a commit, so a crash of the operating system or a power cut can still lose
   * the last ones; use PostgreSQL where that matters. A commit that the killed process was in the
   * middle of, which H2 2.5 reopens as committed but leaves unfinished with its rows locked, is
   * rolled back when durable runs start on the database (it had not returned).
   *
   * <p>H2 locks the file to the one process that opens it. Submit and run in that process, or
   * share runs between processes with PostgreSQL.
   *
   * @throws IllegalStateException if another process has the database open
   */
  public static HikariDataSource h2(Path directory) {
    Objects.requireNonNull(directory, "directory");
    HikariConfig config = new HikariConfig();
    config.setPoolName("braid-durable-h2");
    // async: reads and writes the file through an AsynchronousFileChannel, which an interrupt does
    // not close: steps checkpoint on their own threads, and a run that is cancelled, timed out or
    // handed back interrupts them, which would close a plain FileChannel and the database with it.
    config.setJdbcUrl("jdbc:h2:async:" + directory.toAbsolutePath().resolve("runs")
        + ";WRITE_DELAY=0;REUSE_SPACE=FALSE;DB_CLOSE_ON_EXIT=FALSE");
    config.setUsername("sa");
    config.setPassword("");
    config.setMaximumPoolSize(16);
    committingEachWrite(config);
    try {
      return new HikariDataSource(config);
    } catch (HikariPool.PoolInitializationException e) {
      if (openElsewhere(e)) {
        throw new IllegalStateException("The H2 database in " + directory.toAbsolutePath()
            + " is open in another process, and H2 lets one process at a time use its file;"
            + " submit and run durable runs in that process, give this one a directory of its"
            + " own (DurableDatabase.h2(Path) or -D" + DIRECTORY_PROPERTY + "), or share runs"
            + " between processes with DurableDatabase.postgres(…)", e);
      }
      throw e;
    }
  }

  /**
   * Auto-commit on and READ COMMITTED, whatever the server's defaults: braid-durable commits each
   * single-statement write by leaving auto-commit on, and its claims and fenced writes are built
   * for READ COMMITTED, the default of both databases (under stronger levels, concurrent claims
   * can fail with serialization errors).
   */
  private static void committingEachWrite(HikariConfig config) {
    config.setAutoCommit(true);
    config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
  }

  private static boolean openElsewhere(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql
          && sql.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
        return true;
      }
    }
    return false;
  }

  /** A PostgreSQL database reached through pgjdbc, pooled by HikariCP. */
  public static HikariDataSource postgres(String jdbcUrl, String user, String password) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("braid-durable-postgres");
    config.setJdbcUrl(Objects.requireNonNull(jdbcUrl, "jdbcUrl"));
    config.setUsername(Objects.requireNonNull(user, "user"));
    config.setPassword(Objects.requireNonNull(password, "password"));
    config.setMaximumPoolSize(16);
    committingEachWrite(config);
    // A connection that stalls without closing must not hold a heartbeat or a claim for ever:
    // every statement of braid-durable is short, so a minute of silence means the server is gone.
    config.addDataSourceProperty("socketTimeout", "60");
    config.setConnectionTimeout(10_000);
    return new HikariDataSource(config);
  }
}
