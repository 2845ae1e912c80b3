package dev.braid.durable.internal;

import java.lang.System.Logger.Level;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.h2.engine.Constants;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.tx.Transaction;
import org.h2.mvstore.tx.TransactionStore;
import org.h2.value.VersionedValue;

/**
 * Rolls back the commits that H2 2.5 reads back from a killed process but leaves unfinished,
 * which would otherwise make every later write to a row they changed spin for ever.
 *
 * <p>H2 commits a transaction in three moves: it marks the transaction's undo log as committed,
 * rewrites each row the transaction changed from its uncommitted to its committed version, and
 * clears the log. Another connection's commit can write the file between the first move and the
 * last; if the process is then killed, the file holds the mark and the uncommitted rows. On
 * reopening, {@code TransactionStore.init} registers that transaction as committed, and {@code
 * TransactionStore.endLeftoverTransactions} calls its {@code Transaction.commit()}, which in H2
 * 2.5 does nothing for a transaction that is committed already. The rows stay uncommitted under
 * the id of a transaction that never ends: reads see them as they were before it, and an {@code
 * UPDATE} or {@code DELETE} of one waits for that transaction ({@code TransactionMap.set}), is
 * told at once that it has ended, finds the row still locked by it, and retries without end, at
 * full CPU, past any lock timeout, deaf to interrupts and cancels.
 *
 * <p>Such a transaction has no session (H2's own sessions number from 1). Its commit never
 * returned to its caller, since with {@code WRITE_DELAY} 0, which durable runs set, H2 returns
 * from a commit only once the file holds its end; so undoing it loses nothing that was
 * acknowledged. Finishing it instead is not safe: H2 writes the root of each table and index at
 * a slightly different moment, so the file can hold the transaction's index entries without the
 * table rows they point to, and committed, those entries point at row ids that later rows reuse
 * (in crash tests, a run read another run's checkpoint). So every entry of every table and index
 * that still carries the transaction's mark gets back the value it had before the transaction,
 * which H2 keeps in the entry, or is removed if the transaction created it; an entry another
 * transaction has since overwritten stays as it is.
 * Then the transaction's undo log is cleared and the transaction closed ({@code
 * Transaction.close}, package-private in H2, so called reflectively; if a later H2 no longer has
 * it, a warning says so and the database is used as it is). This reads every table once, only
 * when such a transaction is found; large values the rolled-back rows stored apart from them stay
 * in the file unused. Sessions' own transactions are left alone, so this may run while other
 * connections of the database work.
 */
final class H2LeftoverCommits {
  private static final System.Logger LOG = System.getLogger(H2LeftoverCommits.class.getName());
  private static final H2Internals.Lookup INTERNALS = H2Internals.find();

  private H2LeftoverCommits() {}

  /**
   * Rolls back the leftover commits of the embedded H2 database {@code connection} is connected
   * to, and returns how many there were; does nothing for a database in another process (a
   * server).
   */
  static int rollBack(Connection connection) throws SQLException {
    return rollBack(connection, INTERNALS);
  }

  /** As {@link #rollBack(Connection)}, with what was found of H2's internals. */
  static int rollBack(Connection connection, H2Internals.Lookup found) throws SQLException {
    if (!connection.isWrapperFor(JdbcConnection.class)
        || !(connection.unwrap(JdbcConnection.class).getSession()
            instanceof SessionLocal session)) {
      return 0;
    }
    TransactionStore store = session.getDatabase().getStore().getTransactionStore();
    List<Transaction> leftovers = store.getOpenTransactions().stream()
        .filter(transaction -> transaction.getStatus() == Transaction.STATUS_COMMITTED)
        .toList();
    if (leftovers.isEmpty()) {
      return 0;
    }
    if (found instanceof H2Internals.Missing(String why)) {
      LOG.log(Level.WARNING, "The H2 database of durable runs has " + leftovers.size()
          + " commit(s) that H2 " + Constants.VERSION + " read back from a killed process"
          + " but did not finish, so the rows they changed stay locked and writing one of them"
          + " will not return; braid-durable rolls such commits back through internals of H2"
          + " 2.5.252 that this H2 does not have (" + why + "); use the H2 version"
          + " braid-durable was built with");
      return 0;
    }
    H2Internals internals = ((H2Internals.Found) found).internals();
    MVStore files = session.getDatabase().getStore().getMvStore();
    int rolledBack = 0;
    for (Transaction transaction : leftovers) {
      if (internals.isLeftover(transaction)) {
        restoreEntriesOf(transaction.getId(), files);
        files.openMap(undoLogName(transaction.getId())).clear();
        internals.close(transaction);
        rolledBack++;
      }
    }
    if (rolledBack > 0) {
      LOG.log(Level.INFO, "Rolled back " + rolledBack + " commit(s) that a killed process had"
          + " left half done in the H2 database, and that H2 had left with the rows they changed"
          + " locked");
    }
    return rolledBack;
  }

  private static void restoreEntriesOf(int transactionId, MVStore files) {
    for (String name : files.getMapNames()) {
      if (name.startsWith("table.") || name.startsWith("index.")) {
        MVMap<Object, VersionedValue<Object>> map = files.openMap(name);
        Restore restore = new Restore(transactionId);
        for (Cursor<Object, VersionedValue<Object>> entries = map.cursor(null);
            entries.hasNext(); ) {
          Object key = entries.next();
          if (restore.marks(entries.getValue())) {
            map.operate(key, null, restore);
            restore.reset();
          }
        }
      }
    }
  }

  /** The name H2 gives the undo log of a transaction. */
  private static String undoLogName(int transactionId) {
    return TransactionStore.UNDO_LOG_NAME_PREFIX + "." + transactionId;
  }

  /**
   * Gives an entry the transaction wrote the value it had before, or removes it if it had none;
   * decided on the entry as it is when written, so one another transaction overwrote stays.
   */
  private static final class Restore extends MVMap.DecisionMaker<VersionedValue<Object>> {
    private final int transactionId;

    Restore(int transactionId) {
      this.transactionId = transactionId;
    }

    boolean marks(VersionedValue<Object> entry) {
      long operation = entry.getOperationId();
      return operation != 0 && (int) (operation >>> 40) == transactionId;
    }

    @Override
    public MVMap.Decision decide(
        VersionedValue<Object> existing, VersionedValue<Object> provided) {
      if (existing == null || !marks(existing)) {
        return MVMap.Decision.ABORT;
      }
      return existing.getCommittedValue() == null ? MVMap.Decision.REMOVE : MVMap.Decision.PUT;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends VersionedValue<Object>> T selectValue(T existing, T provided) {
      // H2 stores a committed value as itself: its values are versioned values without a mark.
      return (T) existing.getCommittedValue();
    }
  }

  /** The package-private parts of H2 2.5.252 that rolling back a leftover commit needs. */
  record H2Internals(Method close, Field owner) {
    /** What looking the internals up in this H2 found. */
    sealed interface Lookup {}

    record Found(H2Internals internals) implements Lookup {}

    record Missing(String why) implements Lookup {}

    static Lookup find() {
      try {
        Method close = Transaction.class.getDeclaredMethod(
            "close", boolean.class, Throwable.class);
        Field owner = Transaction.class.getDeclaredField("ownerId");
        close.setAccessible(true);
        owner.setAccessible(true);
        return new Found(new H2Internals(close, owner));
      } catch (ReflectiveOperationException | RuntimeException e) {
        return new Missing(e.toString());
      }
    }

    /** Whether {@code transaction} is a leftover rather than a session's commit in progress. */
    boolean isLeftover(Transaction transaction) {
      try {
        return owner.getInt(transaction) == 0;
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }

    /** Ends {@code transaction}, freeing its id, and writes the file. */
    void close(Transaction transaction) {
      try {
        close.invoke(transaction, true, null);
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      } catch (InvocationTargetException e) {
        throw new IllegalStateException("Could not close a transaction that H2 read back from a"
            + " killed process (" + transaction + "): " + e.getCause(), e.getCause());
      }
    }
  }
}
