package dev.braid.durable;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Shared rate limits in an embedded H2 file database. */
class H2RateLimitTableTest extends RateLimitTableContract {
  @TempDir Path directory;

  @Override
  HikariDataSource newDatabase() {
    return DurableDatabase.h2(directory);
  }
}
