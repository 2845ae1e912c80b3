package dev.braid.durable;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** New builds of a pipeline over runs in flight, in an embedded H2 file database. */
class H2VersionsTest extends VersionsContract {
  @TempDir Path directory;

  @Override
  HikariDataSource newDatabase() {
    return DurableDatabase.h2(directory);
  }
}
