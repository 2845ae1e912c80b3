package dev.braid.spring.boot.autoconfigure;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.braid.durable.DurableDatabase;
import java.nio.file.Path;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The database durable runs are stored in, chosen from {@link DurableProperties}, and the pool
 * that closing the application closes: one Braid opened, never the application's own.
 */
public final class DurableStore implements AutoCloseable {
  private static final String PREFIX = DurableProperties.PREFIX + ".";

  private final DataSource dataSource;
  private final @Nullable HikariDataSource owned;
  private final String description;

  private DurableStore(DataSource dataSource, @Nullable HikariDataSource owned,
      String description) {
    this.dataSource = dataSource;
    this.owned = owned;
    this.description = description;
  }

  /**
   * The database at {@code jdbc-url}; else the application's {@code DataSource} bean named by
   * {@code datasource}, or its only (or primary) one; else the embedded H2 database in {@code
   * dir}.
   *
   * @throws InvalidBraidPropertyException if the properties contradict one another, or name a
   *     bean that does not exist
   */
  static DurableStore choose(DurableProperties properties, ListableBeanFactory beans) {
    if (properties.jdbcUrl() != null) {
      rejectWith("jdbc-url", "datasource", properties.datasource());
      rejectWith("jdbc-url", "dir", properties.dir());
      return open(properties.jdbcUrl(), properties.username(), properties.password());
    }
    if (properties.username() != null || properties.password() != null) {
      throw new InvalidBraidPropertyException(PREFIX + (properties.username() != null
          ? "username" : "password"), "is for the database at " + PREFIX + "jdbc-url, which is"
          + " not set", "set jdbc-url too, or leave it out");
    }
    if (properties.datasource() != null) {
      rejectWith("datasource", "dir", properties.dir());
      String name = properties.datasource();
      if (!beans.containsBean(name) || !beans.isTypeMatch(name, DataSource.class)) {
        throw new InvalidBraidPropertyException(PREFIX + "datasource", "names the DataSource"
            + " bean '" + name + "', which the application does not have",
            "write the name of one of its DataSource beans: "
            + List.of(beans.getBeanNamesForType(DataSource.class)));
      }
      return new DurableStore(beans.getBean(name, DataSource.class), null,
          "the application's DataSource '" + name + "'");
    }
    if (properties.dir() == null) {
      ObjectProvider<DataSource> application = beans.getBeanProvider(DataSource.class);
      DataSource only = application.getIfUnique();
      if (only != null) {
        return new DurableStore(only, null, "the application's DataSource");
      }
      if (beans.getBeanNamesForType(DataSource.class).length > 1) {
        throw new InvalidBraidPropertyException(PREFIX + "datasource", "is not set, and the"
            + " application has several DataSource beans", "set it to the name of the one that"
            + " stores durable runs, or set " + PREFIX + "jdbc-url to a database of their own");
      }
    }
    Path dir = Path.of(properties.dir() != null ? properties.dir() : ".braid")
        .toAbsolutePath().normalize();
    HikariDataSource h2 = DurableDatabase.h2(dir);
    return new DurableStore(h2, h2, "the H2 database in " + dir);
  }

  private static DurableStore open(String jdbcUrl, @Nullable String username,
      @Nullable String password) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("braid-durable");
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(username);
    config.setPassword(password);
    config.setMaximumPoolSize(16);
    HikariDataSource pool = new HikariDataSource(config);
    int query = jdbcUrl.indexOf('?');
    return new DurableStore(pool, pool,
        "the database at " + (query < 0 ? jdbcUrl : jdbcUrl.substring(0, query)));
  }

  private static void rejectWith(String chosen, String other, @Nullable String value) {
    if (value != null) {
      throw new InvalidBraidPropertyException(PREFIX + other, "names a second place to store"
          + " durable runs, after " + PREFIX + chosen, "set only one of them");
    }
  }

  public DataSource dataSource() {
    return dataSource;
  }

  /** Where runs are stored, for logs and health: never a password. */
  public String description() {
    return description;
  }

  /** Closes the pool if Braid opened it; the application closes its own. */
  @Override
  public void close() {
    if (owned != null) {
      owned.close();
    }
  }
}
