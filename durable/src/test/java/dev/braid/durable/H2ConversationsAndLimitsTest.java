package dev.braid.durable;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** Resumes, results and limits on an embedded H2 file database. */
class H2ConversationsAndLimitsTest extends ConversationsAndLimitsContract {
  @TempDir Path directory;

  @Override
  HikariDataSource newDatabase() {
    return DurableDatabase.h2(directory);
  }
}
