package dev.braid.durable.internal;

import java.lang.System.Logger.Level;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.jspecify.annotations.Nullable;

/**
 * Checks, when durable runs start on a database, the settings that decide whether a commit the
 * database acknowledged is kept: braid-durable acknowledges each of its writes to its caller (a
 * submit returns its id, a step's dependents start after its checkpoint) once it is committed.
 *
 * <ul>
 *   <li>Auto-commit must be on: braid-durable commits each single-statement write by leaving it
 *       on, and a pool that hands out connections with it off rolls those writes back when they
 *       are returned, so a submit would return the id of a run that was never stored. Refused.
 *   <li>An H2 file database must write each commit before it returns ({@code WRITE_DELAY} 0; H2's
 *       default of 500 ms loses the last half second of commits when the process is killed): set
 *       here if it is not, for as long as the database stays open.
 *   <li>An H2 file database should not overwrite its free space ({@code REUSE_SPACE=FALSE}): in
 *       crash tests of H2 2.5, a process killed once H2 reused space reopened without commits it
 *       had acknowledged. Only the URL can set it, so a database without it is logged, not refused.
 * </ul>
 */
final class CommitSettings {
  private static final System.Logger LOG = System.getLogger(CommitSettings.class.getName());

  private CommitSettings() {}

  static void check(Connection connection, Dialect dialect) throws SQLException {
    if (!connection.getAutoCommit()) {
      throw new IllegalStateException("The DataSource of durable runs hands out connections with"
          + " auto-commit off, so the writes braid-durable makes without a transaction of its own"
          + " would be rolled back and a submitted run lost; turn auto-commit on (HikariCP:"
          + " autoCommit=true, its default), or give durable runs a DataSource of their own");
    }
    if (dialect != Dialect.H2 || connection.getMetaData().getURL().startsWith("jdbc:h2:mem:")) {
      return;
    }
    String writeDelay = setting(connection, "WRITE_DELAY");
    if (writeDelay != null && !writeDelay.equals("0")) {
      try (Statement statement = connection.createStatement()) {
        statement.execute("SET WRITE_DELAY 0");
      } catch (SQLException e) {
        throw new IllegalStateException("The H2 database acknowledges commits up to " + writeDelay
            + " ms before writing them, so a killed process would lose submitted runs and"
            + " checkpoints, and braid-durable could not change that (" + e.getMessage() + ");"
            + " add ;WRITE_DELAY=0;REUSE_SPACE=FALSE to its JDBC URL, or use"
            + " DurableDatabase.h2()", e);
      }
    }
    if (!"false".equalsIgnoreCase(setting(connection, "REUSE_SPACE"))) {
      LOG.log(Level.WARNING, "The H2 database of durable runs reuses free space in its file, and"
          + " a process killed after H2 began to reuse it can reopen without commits it had"
          + " acknowledged; add ;WRITE_DELAY=0;REUSE_SPACE=FALSE to its JDBC URL, or use"
          + " DurableDatabase.h2()");
    }
  }

  private static @Nullable String setting(Connection connection, String name)
      throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT SETTING_VALUE FROM"
        + " INFORMATION_SCHEMA.SETTINGS WHERE SETTING_NAME = ?")) {
      statement.setString(1, name);
      try (ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getString(1) : null;
      }
    }
  }
}
