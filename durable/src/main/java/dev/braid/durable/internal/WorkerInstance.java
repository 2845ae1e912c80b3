package dev.braid.durable.internal;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * One started worker as other workers can tell it apart: a random instance id, stamped on every run
 * it claims, and a sign of life that ends when the worker's process dies, however it dies. A worker
 * that starts under a worker id reads the sign of life of that id's other instances to tell the
 * runs of a dead process, which it takes back at once, from those of a live one, which it never
 * touches.
 *
 * <p>On PostgreSQL the sign of life is a session advisory lock on a key derived from the instance
 * id, held on one pooled connection for as long as the worker runs. PostgreSQL releases it as soon
 * as that connection closes: at once when the process is killed, even with {@code SIGKILL}, since
 * the kernel closes its sockets; only when TCP keepalive gives up when the whole machine vanishes.
 * If the connection is lost while the worker runs, the lock is taken again on a new one at the next
 * heartbeat. On H2, whose file one process opens, it is membership in this JVM's set of started
 * instances. Thread-safe.
 */
public final class WorkerInstance implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(WorkerInstance.class.getName());
  /** The instances started in this JVM and not yet closed: the sign of life on H2. */
  private static final Set<String> STARTED_HERE = ConcurrentHashMap.newKeySet();

  private final String id = UUID.randomUUID().toString();
  private final DataSource dataSource;
  private final Dialect dialect;
  private final String workerId;
  private @Nullable Connection lockHolder; // guarded by this; PostgreSQL only
  private boolean closed; // guarded by this

  private WorkerInstance(DataSource dataSource, Dialect dialect, String workerId) {
    this.dataSource = dataSource;
    this.dialect = dialect;
    this.workerId = workerId;
  }

  /**
   * Starts showing a new instance of worker {@code workerId} as alive.
   *
   * @throws SQLException if PostgreSQL cannot be reached to take the lock
   */
  public static WorkerInstance start(DataSource dataSource, Dialect dialect, String workerId)
      throws SQLException {
    WorkerInstance instance = new WorkerInstance(dataSource, dialect, workerId);
    STARTED_HERE.add(instance.id);
    if (dialect == Dialect.POSTGRESQL) {
      synchronized (instance) {
        instance.lockHolder = instance.lock();
      }
    }
    return instance;
  }

  /** The instance id, which {@code braid_runs.lease_instance} holds for each run it claimed. */
  public String id() {
    return id;
  }

  /**
   * Whether instance {@code other} is alive. On PostgreSQL, a dead instance's lock is taken for the
   * rest of {@code transaction}, so that the caller's writes in it are the only ones while it
   * decides; nothing can make a dead instance alive again anyway.
   */
  boolean isAlive(Connection transaction, String other) throws SQLException {
    if (dialect == Dialect.H2) {
      return STARTED_HERE.contains(other);
    }
    if (!isInstanceId(other)) {
      return true; // not written by a worker: left alone, its lease decides
    }
    try (PreparedStatement statement = transaction.prepareStatement(
        "SELECT pg_try_advisory_xact_lock(?)")) {
      statement.setLong(1, key(other));
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return !rows.getBoolean(1);
      }
    }
  }

  /**
   * Takes the lock again on a new connection if the one holding it was lost, as after a database
   * outage; called at each heartbeat. Logs rather than throws: the worker goes on either way.
   */
  public synchronized void keepAlive() {
    if (dialect != Dialect.POSTGRESQL || closed) {
      return;
    }
    try {
      if (lockHolder != null && lockHolder.isValid(2)) {
        return;
      }
      discard(lockHolder);
      lockHolder = null;
      lockHolder = lock();
      LOG.log(Level.INFO, "Worker " + workerId + " lost the connection that showed it alive to"
          + " workers restarting under its id, and showed it again on a new one");
    } catch (SQLException e) {
      LOG.log(Level.DEBUG, "Worker " + workerId + " could not show it is alive (" + e.getMessage()
          + "); it tries again at its next heartbeat", e);
    }
  }

  private Connection lock() throws SQLException {
    Connection connection = dataSource.getConnection();
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT pg_try_advisory_lock(?)")) {
      statement.setLong(1, key(id));
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        if (!rows.getBoolean(1)) {
          throw new SQLException("the advisory lock of new instance " + id + " is taken");
        }
      }
      return connection;
    } catch (SQLException | RuntimeException e) {
      discard(connection);
      throw e;
    }
  }

  /** Ends the sign of life: the instance now reads as dead, like a process that died. */
  @Override
  public synchronized void close() {
    closed = true;
    STARTED_HERE.remove(id);
    if (lockHolder != null) {
      discard(lockHolder);
      lockHolder = null;
    }
  }

  /**
   * Gives a connection back without a lock on it: unlocks, or if that fails aborts the connection
   * so that its pool cannot lend it out still holding the lock.
   */
  private void discard(@Nullable Connection connection) {
    if (connection == null) {
      return;
    }
    try {
      try (PreparedStatement statement = connection.prepareStatement(
          "SELECT pg_advisory_unlock_all()")) {
        statement.execute();
      } catch (SQLException e) {
        connection.abort(Runnable::run);
      }
      connection.close();
    } catch (SQLException e) {
      LOG.log(Level.DEBUG, "Worker " + workerId + " could not close the connection of instance "
          + id, e);
    }
  }

  private static boolean isInstanceId(String value) {
    try {
      UUID.fromString(value);
      return true;
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** The advisory lock key of instance {@code instance}: 64 bits of its random id. */
  static long key(String instance) {
    UUID uuid = UUID.fromString(instance);
    return uuid.getMostSignificantBits() ^ uuid.getLeastSignificantBits();
  }
}
