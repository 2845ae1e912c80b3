package dev.braid.durable;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Submits and ends of runs wake the worker and the awaits, in an embedded H2 file database,
 * through signals within the JVM.
 */
class H2AwaitWakeUpTest extends AwaitWakeUpContract {
  @TempDir Path directory;

  @Override
  HikariDataSource newDatabase() {
    return DurableDatabase.h2(directory);
  }
}
