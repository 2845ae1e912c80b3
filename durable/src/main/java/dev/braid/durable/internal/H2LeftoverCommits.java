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
import org.jspecify.annotations.Nullable;

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
 * (in crash tests, a run read another run's checkpoint). Nor is undoing only the entries that
 * still carry the transaction's mark: the commit finishes its entries one by one, so the file can
 * hold a table's row finished and its index entries not, and a row whose index disagrees with it
 * can never be written again. So, as H2's own rollback does, every entry the transaction's undo
 * log names gets back the value it had before, last change first, or is removed if the
 * transaction created it, whether the commit had finished it or not; an entry another transaction
 * has marked since stays as it is. (One a later commit changed again after this one had finished
 * it would be set back too; that commit would have had to begin and end while this one finished
 * its entries.) Entries still marked that the log does not name get the value H2 keeps in them
 * from before the transaction. Then the transaction's undo log is cleared and the transaction
 * closed ({@code Transaction.close}, package-private in H2 like the undo log, so both are reached
 * reflectively; if a later H2 no longer has them, a warning says so and the database is used as it
 * is). This reads every table once, only when such a transaction is found; large values the
 * rolled-back rows stored apart from them stay in the file unused. Sessions' own transactions are
 * left alone, so this may run while other connections of the database work.
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
        undo(store, transaction, internals, files);
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

  /**
   * Gives every entry the transaction's undo log names the value it had before, last change
   * first, as H2's own rollback does: those the commit had finished as well as those it had not,
   * so that a table's row and its index entries agree again.
   */
  private static void undo(TransactionStore store, Transaction transaction,
      H2Internals internals, MVStore files) {
    MVMap<Long, Object> log = internals.undoLog(store, transaction);
    Undo undo = new Undo(transaction.getId());
    for (Long at = log.lastKey(); at != null; at = log.lowerKey(at)) {
      H2Internals.Change change = internals.change(log.get(at));
      MVMap<Object, VersionedValue<Object>> map =
          change == null ? null : files.getMap(change.mapId());
      if (map != null && !map.isClosed()) {
        map.operate(change.key(), change.before(), undo);
      }
    }
  }

  /**
   * Gives each entry still marked by the transaction once its undo log is undone, which the log
   * did not name, the value H2 keeps in the entry from before the transaction.
   */
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

  /**
   * Puts back what an entry held before the transaction changed it, or removes an entry it
   * created, unless another transaction has marked the entry since.
   */
  private static final class Undo extends MVMap.DecisionMaker<VersionedValue<Object>> {
    private final int transactionId;

    Undo(int transactionId) {
      this.transactionId = transactionId;
    }

    @Override
    public MVMap.Decision decide(
        VersionedValue<Object> existing, VersionedValue<Object> before) {
      if (existing != null && existing.getOperationId() != 0
          && (int) (existing.getOperationId() >>> 40) != transactionId) {
        return MVMap.Decision.ABORT;
      }
      if (before == null) {
        return existing == null ? MVMap.Decision.ABORT : MVMap.Decision.REMOVE;
      }
      return MVMap.Decision.PUT;
    }
  }

  /** The package-private parts of H2 2.5.252 that rolling back a leftover commit needs. */
  record H2Internals(Method close, Field owner, Field undoLogs, Field mapId, Field key,
      Field before) {
    /** One change an undo log records: the entry {@code key} of map {@code mapId}, as it was. */
    record Change(int mapId, Object key, @Nullable VersionedValue<Object> before) {}

    /** What looking the internals up in this H2 found. */
    sealed interface Lookup {}

    record Found(H2Internals internals) implements Lookup {}

    record Missing(String why) implements Lookup {}

    static Lookup find() {
      try {
        Method close = Transaction.class.getDeclaredMethod(
            "close", boolean.class, Throwable.class);
        Field owner = Transaction.class.getDeclaredField("ownerId");
        Field undoLogs = TransactionStore.class.getDeclaredField("undoLogs");
        Class<?> record = Class.forName("org.h2.mvstore.tx.Record");
        Field mapId = record.getDeclaredField("mapId");
        Field key = record.getDeclaredField("key");
        Field before = record.getDeclaredField("oldValue");
        for (var member : List.of(close, owner, undoLogs, mapId, key, before)) {
          member.setAccessible(true);
        }
        return new Found(new H2Internals(close, owner, undoLogs, mapId, key, before));
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

    /** The undo log of {@code transaction}, as {@code store} opened it. */
    @SuppressWarnings("unchecked")
    MVMap<Long, Object> undoLog(TransactionStore store, Transaction transaction) {
      try {
        Object logs = undoLogs.get(store);
        return (MVMap<Long, Object>) ((Object[]) logs)[transaction.getId()];
      } catch (IllegalAccessException e) {
        throw new IllegalStateException(e);
      }
    }

    /** The change an undo log {@code record} holds; null for the mark that it was committed. */
    @SuppressWarnings("unchecked")
    @Nullable Change change(Object record) {
      try {
        Object changed = key.get(record);
        return changed == null ? null : new Change(mapId.getInt(record), changed,
            (VersionedValue<Object>) before.get(record));
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
