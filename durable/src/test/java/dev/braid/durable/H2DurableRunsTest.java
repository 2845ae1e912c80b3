package dev.braid.durable;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Durable runs in an embedded H2 file database, the default. */
class H2DurableRunsTest extends DurableRunsContract {
  @TempDir Path directory;

  @Override
  HikariDataSource newDatabase() {
    return DurableDatabase.h2(directory);
  }
}
