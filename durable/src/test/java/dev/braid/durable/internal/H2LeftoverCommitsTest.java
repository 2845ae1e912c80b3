package dev.braid.durable.internal;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.durable.DurableDatabase;
import java.io.BufferedReader;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.db.MVPrimaryIndex;
import org.h2.mvstore.db.MVTable;
import org.h2.mvstore.tx.Transaction;
import org.h2.mvstore.tx.TransactionStore;
import org.h2.result.SearchRow;
import org.h2.value.VersionedValue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A commit that H2 2.5 reads back from a killed process but does not finish. */
class H2LeftoverCommitsTest {
  /** Far longer than the update takes once the commit is rolled back; it never returns before. */
  private static final int UPDATE_SECONDS = 30;

  @TempDir Path directory;

  /** Runs {@link HalfDoneCommit} with {@code commit} in a process of its own, and kills it. */
  private void killInTheMiddleOfACommit(String commit) throws Exception {
    List<String> command = new ArrayList<>(
        List.of(ProcessHandle.current().info().command().orElseThrow()));
    if (ManagementFactory.getRuntimeMXBean().getInputArguments().contains("--enable-preview")) {
      command.add("--enable-preview");
    }
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        HalfDoneCommit.class.getName(), url(), commit));
    Process process = new ProcessBuilder(command)
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    try (BufferedReader output = process.inputReader()) {
      assertThat(output.readLine()).isEqualTo(HalfDoneCommit.WRITTEN);
    } finally {
      process.destroyForcibly().waitFor();
    }
  }

  @Test
  void theLeftoverCommitIsRolledBackAndItsRowCanBeWrittenAgain() throws Exception {
    killInTheMiddleOfACommit("update");
    try (Connection connection = DriverManager.getConnection(url(), "sa", "");
        Logged logged = new Logged()) {
      assertThat(leftoverCommits(connection)).hasSize(1);

      assertThat(H2LeftoverCommits.rollBack(connection)).isEqualTo(1);

      assertThat(leftoverCommits(connection)).isEmpty();
      assertThat(entry(connection)).isEqualTo("before");
      assertThat(logged.messages()).containsExactly("INFO Rolled back 1 commit(s) that a killed"
          + " process had left half done in the H2 database, and that H2 had left with the rows"
          + " they changed locked");
    }
    assertThat(updateWithinBound(() -> DriverManager.getConnection(url(), "sa", ""))).isEqualTo(1);
  }

  @Test
  void durableRunsRollItBackBeforeTheirFirstWrite() throws Exception {
    killInTheMiddleOfACommit("update");
    try (HikariDataSource database = DurableDatabase.h2(directory)) {
      Migrations.migrate(database);

      assertThat(updateWithinBound(database::getConnection)).isEqualTo(1);
      try (Connection connection = database.getConnection()) {
        assertThat(entry(connection)).isEqualTo("updated");
      }
    }
  }

  @Test
  void aRolledBackCommitIsNotRolledBackAgain() throws Exception {
    killInTheMiddleOfACommit("update");
    try (Connection connection = DriverManager.getConnection(url(), "sa", "")) {
      H2LeftoverCommits.rollBack(connection);

      assertThat(H2LeftoverCommits.rollBack(connection)).isEqualTo(0);
      assertThat(entry(connection)).isEqualTo("before");
    }
  }

  @Test
  void anH2WithoutTheInternalsItNeedsIsLeftAsItIsWithAWarning() throws Exception {
    killInTheMiddleOfACommit("update");
    try (Connection connection = DriverManager.getConnection(url(), "sa", "");
        Logged logged = new Logged()) {
      int rolledBack = H2LeftoverCommits.rollBack(connection,
          new H2LeftoverCommits.H2Internals.Missing(
              "java.lang.NoSuchMethodException: Transaction.close"));

      assertThat(rolledBack).isEqualTo(0);
      assertThat(leftoverCommits(connection)).hasSize(1);
      assertThat(logged.messages()).containsExactly("WARNING The H2 database of durable runs has 1"
          + " commit(s) that H2 2.5.252 read back from a killed process but did not finish, so the"
          + " rows they changed stay locked and writing one of them will not return;"
          + " braid-durable rolls such commits back through internals of H2 2.5.252 that this H2"
          + " does not have (java.lang.NoSuchMethodException: Transaction.close); use the H2"
          + " version braid-durable was built with");
    }
  }

  /**
   * The file can hold a transaction's index entry without its table row: H2 writes the root of
   * each table and index at a slightly different moment. Committed, the entry would point at the
   * row id the next row takes.
   */
  @Test
  void anIndexEntryWhoseRowTheFileLacksIsRolledBackWithTheRest() throws Exception {
    try (Connection connection = rolledBackAfterKilling("insert without its row");
        Statement statement = connection.createStatement()) {
      statement.execute("INSERT INTO notes VALUES ('later', 'a later run''s note')");
      try (ResultSet rows = statement.executeQuery(
          "SELECT run, note FROM notes WHERE run = 'killed'")) {
        assertThat(rows.next()).isFalse();
      }
    }
  }

  /**
   * The commit can end half finished: H2 finishes a commit entry by entry, and another
   * connection's commit can write the file in between, with the table's row finished and the
   * index's entries not. Rolled back only where the file still marks it, the row would keep its
   * new value and the index its old one, and every later write of the row would fail.
   */
  @Test
  void aCommitWhoseRowWasFinishedIsRolledBackInTheIndexesToo() throws Exception {
    try (Connection connection = rolledBackAfterKilling("update with its row finished");
        Statement statement = connection.createStatement()) {
      assertThat(entry(connection)).isEqualTo("before");
      try (ResultSet rows = statement.executeQuery(
          "SELECT id FROM ledger WHERE entry = 'before'")) {
        assertThat(rows.next()).isTrue();
        assertThat(rows.getInt(1)).isEqualTo(1);
      }
      assertThat(statement.executeUpdate("UPDATE ledger SET entry = 'updated' WHERE id = 1"))
          .isEqualTo(1);
    }
  }

  /** A connection to the database once {@code commit} was killed and rolled back. */
  private Connection rolledBackAfterKilling(String commit) throws Exception {
    killInTheMiddleOfACommit(commit);
    Connection connection = DriverManager.getConnection(url(), "sa", "");
    assertThat(H2LeftoverCommits.rollBack(connection)).isEqualTo(1);
    return connection;
  }

  private String url() {
    return "jdbc:h2:async:" + directory.resolve("runs")
        + ";WRITE_DELAY=0;REUSE_SPACE=FALSE;DB_CLOSE_ON_EXIT=FALSE";
  }

  private static List<Transaction> leftoverCommits(Connection connection)
      throws SQLException {
    SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
    return session.getDatabase().getStore().getTransactionStore().getOpenTransactions().stream()
        .filter(transaction -> transaction.getStatus() == Transaction.STATUS_COMMITTED)
        .toList();
  }

  private static String entry(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT entry FROM ledger WHERE id = 1")) {
      assertThat(rows.next()).isTrue();
      return rows.getString(1);
    }
  }

  /**
   * Updates the row on a thread of its own: while the commit is unfinished, the update spins in H2
   * past any timeout or interrupt, so the test fails with where it spins instead of hanging.
   */
  private static int updateWithinBound(ConnectionSource database) throws Exception {
    CompletableFuture<Integer> updated = new CompletableFuture<>();
    Thread updater = Thread.ofPlatform().daemon().name("ledger-update").start(() -> {
      try (Connection connection = database.open();
          Statement statement = connection.createStatement()) {
        updated.complete(statement.executeUpdate("UPDATE ledger SET entry = 'updated'"));
      } catch (Throwable e) {
        updated.completeExceptionally(e);
      }
    });
    try {
      return updated.get(UPDATE_SECONDS, SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("The UPDATE did not return within " + UPDATE_SECONDS
          + " s; it is " + updater.getState() + " at\n  " + Arrays.stream(updater.getStackTrace())
              .map(String::valueOf).collect(Collectors.joining("\n  ")), e);
    }
  }

  /**
   * Writes the file as a process leaves it when killed after another connection's commit wrote
   * it in the middle of this commit, then waits to be killed: the transaction's undo log marked
   * committed, its row still in its uncommitted version.
   */
  static final class HalfDoneCommit {
    static final String WRITTEN = "WRITTEN";

    @SuppressWarnings("unchecked")
    public static void main(String[] args) throws Exception {
      Connection connection = DriverManager.getConnection(args[0], "sa", "");
      Statement statement = connection.createStatement();
      statement.execute("CREATE TABLE ledger (id INT PRIMARY KEY, entry VARCHAR(20))");
      statement.execute("INSERT INTO ledger VALUES (1, 'before')");
      statement.execute("CREATE TABLE notes (run VARCHAR(20) PRIMARY KEY, note VARCHAR(40))");
      statement.execute("INSERT INTO notes VALUES ('first', 'the first run''s note')");
      connection.setAutoCommit(false);
      SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
      MVTable ledger = (MVTable) session.getDatabase().getSchema("PUBLIC")
          .getTableOrView(session, "LEDGER");
      if (args[1].equals("update")) {
        statement.execute("UPDATE ledger SET entry = 'committed' WHERE id = 1");
      } else if (args[1].equals("update with its row finished")) {
        statement.execute("CREATE INDEX ledger_entry ON ledger (entry)");
        connection.commit();
        statement.execute("UPDATE ledger SET entry = 'committed' WHERE id = 1");
        // As the commit leaves the row once it has finished it: its new value, unmarked.
        MVMap<Long, VersionedValue<SearchRow>> rows =
            ((MVPrimaryIndex) ledger.getScanIndex(session)).getMVMap();
        rows.put(1L, (VersionedValue<SearchRow>) (Object) rows.get(1L).getCurrentValue());
      } else {
        statement.execute("INSERT INTO notes VALUES ('killed', 'the killed run''s note')");
        // As if the file had taken the table's root before the insert, and the index's after.
        MVTable notes = (MVTable) session.getDatabase().getSchema("PUBLIC")
            .getTableOrView(session, "NOTES");
        ((MVPrimaryIndex) notes.getScanIndex(session)).getMVMap().remove(2L);
      }
      Method markCommitted = TransactionStore.class.getDeclaredMethod(
          "markUndoLogAsCommitted", int.class, long.class);
      markCommitted.setAccessible(true);
      markCommitted.invoke(session.getDatabase().getStore().getTransactionStore(),
          session.getTransaction().getId(), 1L);
      session.getDatabase().getStore().getMvStore().commit();
      System.out.println(WRITTEN);
      System.in.read();
    }
  }

  /** What {@link H2LeftoverCommits} logs while open, as level and message. */
  private static final class Logged extends Handler implements AutoCloseable {
    private final Logger logger = Logger.getLogger(H2LeftoverCommits.class.getName());
    private final List<String> messages = new CopyOnWriteArrayList<>();

    Logged() {
      logger.addHandler(this);
    }

    List<String> messages() {
      return List.copyOf(messages);
    }

    @Override
    public void publish(LogRecord record) {
      messages.add(record.getLevel() + " " + record.getMessage());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {
      logger.removeHandler(this);
    }
  }

  /** Where the update gets its connection: a pool, or the driver. */
  private interface ConnectionSource {
    Connection open() throws SQLException;
  }
}
