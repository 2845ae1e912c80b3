package dev.braid.durable;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Schedules and retention on an embedded H2 file database. */
class H2SchedulesAndRetentionTest extends SchedulesAndRetentionContract {
  @TempDir Path directory;

  @Override
  HikariDataSource newDatabase() {
    return DurableDatabase.h2(directory);
  }
}
