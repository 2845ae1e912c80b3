package dev.braid.durable.internal;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Wakes a worker the moment a run is queued on PostgreSQL, instead of at its next poll: whoever
 * queues a run sends {@code NOTIFY braid_runs_queued} in the same transaction, and each worker
 * holds one connection that {@code LISTEN}s for it. Polling goes on underneath, so a lost
 * notification or a dropped connection only delays a run to the next poll. H2 has no such
 * channel; its workers only poll. Thread-safe.
 */
public final class QueueNotifications implements AutoCloseable {
  /** The channel; its payload is the run's pipeline, for whoever watches it with psql. */
  static final String CHANNEL = "braid_runs_queued";

  private static final System.Logger LOG = System.getLogger(QueueNotifications.class.getName());
  private static final int WAIT_MILLIS = 500;

  private final DataSource dataSource;
  private final String worker;
  private final Runnable onQueued;
  private final Thread thread;
  private volatile boolean closed;

  private QueueNotifications(DataSource dataSource, String worker, Runnable onQueued) {
    this.dataSource = dataSource;
    this.worker = worker;
    this.onQueued = onQueued;
    this.thread = Thread.ofVirtual().name("braid-worker-listen " + worker).unstarted(this::listen);
  }

  /** Starts listening on its own thread; {@code onQueued} runs there for each notification. */
  public static QueueNotifications start(DataSource dataSource, String worker, Runnable onQueued) {
    QueueNotifications notifications = new QueueNotifications(dataSource, worker, onQueued);
    notifications.thread.start();
    return notifications;
  }

  /**
   * Tells listening workers that a run of {@code pipeline} was queued, when the transaction of
   * {@code connection} commits; does nothing on H2.
   */
  static void notifyQueued(Connection connection, Dialect dialect, String pipeline)
      throws SQLException {
    if (dialect == Dialect.POSTGRESQL) {
      try (var statement = RunTable.prepare(connection, "SELECT pg_notify(?, ?)", CHANNEL,
          pipeline)) {
        statement.execute();
      }
    }
  }

  private void listen() {
    Duration pause = Duration.ofMillis(100);
    while (!closed) {
      try (Connection connection = dataSource.getConnection()) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("LISTEN " + CHANNEL);
        }
        PGConnection postgres = connection.unwrap(PGConnection.class);
        pause = Duration.ofMillis(100);
        // A run queued before the LISTEN, and after the worker's last poll, sent a notification
        // nobody heard: one more poll finds it, instead of the next one a poll interval later.
        onQueued.run();
        while (!closed) {
          PGNotification[] received = postgres.getNotifications(WAIT_MILLIS);
          if (received != null && received.length > 0) {
            onQueued.run();
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (closed) {
          return;
        }
        LOG.log(Level.DEBUG, "Worker " + worker + " lost its notification connection ("
            + e.getMessage() + "); it polls meanwhile and listens again in " + pause.toMillis()
            + " ms", e);
        if (!sleep(pause)) {
          return;
        }
        pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(10)) > 0
            ? Duration.ofSeconds(10) : pause.multipliedBy(2);
      }
    }
  }

  private boolean sleep(Duration pause) {
    try {
      Thread.sleep(pause);
      return true;
    } catch (InterruptedException e) {
      return false;
    }
  }

  /** Stops listening and returns once the thread has ended, within about half a second. */
  @Override
  public void close() throws InterruptedException {
    closed = true;
    thread.join();
  }
}
