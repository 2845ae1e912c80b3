package dev.braid.durable.internal;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Wakes {@code await} on PostgreSQL the moment a worker in any process ends the run it waits for:
 * a worker that ends a run sends {@code NOTIFY braid_runs_ended} with the run's id in the statement
 * that ends it, and this listens on that channel on one pooled connection while at least one await
 * is waiting. It gives the connection back, no longer listening, within a quarter of a second of
 * the last await's end, so between calls nothing is held. Each await is woken once the channel is
 * listened to, to read its run again, since a run may have ended just before. Thread-safe.
 */
public final class EndNotifications {
  /** The channel; its payload is the id of the run that ended. */
  static final String CHANNEL = "braid_runs_ended";

  private static final System.Logger LOG = System.getLogger(EndNotifications.class.getName());
  private static final int WAIT_MILLIS = 250;

  private final DataSource dataSource;
  private final Set<LocalSignals.Watch> waiting = new HashSet<>(); // guarded by this
  private @Nullable Thread listener; // guarded by this

  public EndNotifications(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Signals {@code watch} when its run ends in any process, until the returned handle is closed,
   * and starts listening if no one was.
   */
  public LocalSignals.Registration wake(LocalSignals.Watch watch) {
    synchronized (this) {
      waiting.add(watch);
      if (listener == null) {
        listener = Thread.ofVirtual().name("braid-await-listen").start(this::listen);
      }
    }
    return () -> {
      synchronized (this) {
        waiting.remove(watch);
      }
    };
  }

  private void listen() {
    Duration pause = Duration.ofMillis(100);
    while (true) {
      try (Connection connection = dataSource.getConnection()) {
        try {
          try (Statement statement = connection.createStatement()) {
            statement.execute("LISTEN " + CHANNEL);
          }
          PGConnection postgres = connection.unwrap(PGConnection.class);
          pause = Duration.ofMillis(100);
          signalAll();
          while (true) {
            PGNotification[] received = postgres.getNotifications(WAIT_MILLIS);
            if (received != null) {
              for (PGNotification notification : received) {
                LocalSignals.runEnded(notification.getParameter());
              }
            }
            if (nobodyWaits()) {
              unlisten(connection);
              return;
            }
          }
        } catch (SQLException | RuntimeException e) {
          // Its pool must not lend it out still listening.
          connection.abort(Runnable::run);
          throw e;
        }
      } catch (SQLException | RuntimeException e) {
        if (nobodyWaits()) {
          return;
        }
        LOG.log(Level.DEBUG, "Could not listen for runs that end (" + e.getMessage() + "); await"
            + " polls meanwhile and listens again in " + pause.toMillis() + " ms", e);
        try {
          Thread.sleep(pause);
        } catch (InterruptedException interrupted) {
          synchronized (this) {
            listener = null;
          }
          return;
        }
        pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(5)) > 0
            ? Duration.ofSeconds(5) : pause.multipliedBy(2);
      }
    }
  }

  private void signalAll() {
    List<LocalSignals.Watch> watches;
    synchronized (this) {
      watches = new ArrayList<>(waiting);
    }
    watches.forEach(LocalSignals.Watch::signal);
  }

  /** Whether no await waits any more, in which case this thread stops being the listener. */
  private synchronized boolean nobodyWaits() {
    if (waiting.isEmpty()) {
      listener = null;
      return true;
    }
    return false;
  }

  /** Stops listening before the connection goes back to its pool, or discards the connection. */
  private static void unlisten(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("UNLISTEN " + CHANNEL);
    } catch (SQLException e) {
      connection.abort(Runnable::run);
    }
  }
}
