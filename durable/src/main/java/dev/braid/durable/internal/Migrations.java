package dev.braid.durable.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Brings the schema up to date: applies, in order, each migration script this version knows and
 * {@code braid_schema_history} does not list yet, and records it there. Scripts are plain SQL in
 * {@code migrations/}, listed in {@link #SCRIPTS}, statements separated by a semicolon at the end
 * of a line. A script's version is the number in its name, {@code V<n>__…}.
 *
 * <p>Concurrent callers are kept apart: in one JVM by a lock, and across PostgreSQL clients by an
 * advisory lock held while migrating. (An H2 file database is used by one process at a time.) A
 * database migrated by a newer version is refused rather than used with a schema this one does not
 * know.
 *
 * <p>On H2, first rolls back the commits H2 read back from a killed process but left unfinished
 * ({@link H2LeftoverCommits}): every use of durable runs starts here, before its first write.
 */
public final class Migrations {
  static final List<String> SCRIPTS = List.of("V1__runs_and_checkpoints.sql",
      "V2__conversations_and_timelines.sql",
      "V3__schedules.sql",
      "V4__claim_index.sql",
      "V5__lease_instance.sql",
      "V6__conversation_details.sql",
      "V7__error_trace.sql",
      "V8__versions.sql",
      "V9__worker_registry.sql",
      "V10__rate_limits.sql",
      "V11__run_timeline.sql",
      "V12__pending_resume.sql",
      "V13__rate_limit_waiters.sql",
      "V14__step_attempts.sql");

  private static final long ADVISORY_LOCK_KEY = 0x42726169644455L;
  private static final Object JVM_LOCK = new Object();

  private Migrations() {}

  /** Migrates {@code dataSource}'s database and returns its dialect. */
  public static Dialect migrate(DataSource dataSource) {
    synchronized (JVM_LOCK) {
      try (Connection connection = dataSource.getConnection()) {
        Dialect dialect = Dialect.of(connection);
        CommitSettings.check(connection, dialect);
        if (dialect == Dialect.H2) {
          H2LeftoverCommits.rollBack(connection);
        }
        if (dialect == Dialect.POSTGRESQL) {
          execute(connection, "SELECT pg_advisory_lock(" + ADVISORY_LOCK_KEY + ")");
        }
        try {
          applyPending(connection);
        } finally {
          if (dialect == Dialect.POSTGRESQL) {
            execute(connection, "SELECT pg_advisory_unlock(" + ADVISORY_LOCK_KEY + ")");
          }
        }
        return dialect;
      } catch (SQLException e) {
        throw new IllegalStateException("Could not migrate the durable runs schema: "
            + e.getMessage(), e);
      }
    }
  }

  private static void applyPending(Connection connection) throws SQLException {
    execute(connection, "CREATE TABLE IF NOT EXISTS braid_schema_history ("
        + " version INTEGER PRIMARY KEY, script VARCHAR(200) NOT NULL,"
        + " applied_at TIMESTAMP WITH TIME ZONE NOT NULL)");
    int current = currentVersion(connection);
    int latest = version(SCRIPTS.getLast());
    if (current > latest) {
      throw new IllegalStateException("The durable runs schema is at version " + current
          + ", newer than this braid-durable, which knows versions up to " + latest
          + "; upgrade braid-durable");
    }
    boolean autoCommit = connection.getAutoCommit();
    connection.setAutoCommit(false);
    try {
      for (String script : SCRIPTS) {
        int version = version(script);
        if (version <= current) {
          continue;
        }
        for (String statement : statements(read(script))) {
          execute(connection, statement);
        }
        try (PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO braid_schema_history (version, script, applied_at) VALUES (?, ?, ?)")) {
          insert.setInt(1, version);
          insert.setString(2, script);
          insert.setObject(3, OffsetDateTime.now(ZoneOffset.UTC));
          insert.executeUpdate();
        }
        connection.commit();
      }
    } catch (SQLException | RuntimeException e) {
      connection.rollback();
      throw e;
    } finally {
      connection.setAutoCommit(autoCommit);
    }
  }

  private static int currentVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT COALESCE(MAX(version), 0) FROM braid_schema_history")) {
      rows.next();
      return rows.getInt(1);
    }
  }

  static int version(String script) {
    return Integer.parseInt(script.substring(1, script.indexOf("__")));
  }

  static List<String> statements(String script) {
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : script.split("\n")) {
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (trimmed.endsWith(";")) {
        String statement = current.toString().strip();
        statements.add(statement.substring(0, statement.length() - 1));
        current.setLength(0);
      }
    }
    if (!current.isEmpty()) {
      statements.add(current.toString().strip());
    }
    return statements;
  }

  private static String read(String script) {
    try (InputStream in = Migrations.class.getResourceAsStream("migrations/" + script)) {
      if (in == null) {
        throw new IllegalStateException("Migration " + script + " is missing from the jar");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new IllegalStateException("Could not read migration " + script, e);
    }
  }

  private static void execute(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute(sql);
    }
  }
}
