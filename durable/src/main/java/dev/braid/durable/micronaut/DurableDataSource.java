package dev.braid.durable.micronaut;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.braid.durable.DurableDatabase;
import io.micronaut.context.BeanLocator;
import io.micronaut.context.exceptions.NonUniqueBeanException;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.nio.file.Path;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The database that durable runs are stored in, chosen from {@link DurableProperties}, and the
 * pool that closing the application closes: one that Braid opened, never the application's own.
 */
final class DurableDataSource implements AutoCloseable {
  private static final String PREFIX = DurableProperties.PREFIX + ".";

  private final DataSource dataSource;
  private final @Nullable HikariDataSource owned;
  private final String description;

  private DurableDataSource(DataSource dataSource, @Nullable HikariDataSource owned,
      String description) {
    this.dataSource = dataSource;
    this.owned = owned;
    this.description = description;
  }

  /**
   * The database at {@code jdbc-url}; else the application's {@code DataSource} bean named by
   * {@code datasource}, or its only one; else the embedded H2 database in {@code dir}.
   *
   * @throws IllegalArgumentException if the properties contradict one another, or name a bean
   *     that does not exist
   */
  static DurableDataSource choose(DurableProperties properties, BeanLocator beans) {
    if (properties.jdbcUrl() != null) {
      rejectWith("jdbc-url", "datasource", properties.datasource());
      rejectWith("jdbc-url", "dir", properties.dir());
      return open(properties.jdbcUrl(), properties.username(), properties.password());
    }
    if (properties.username() != null || properties.password() != null) {
      throw new IllegalArgumentException("Properties " + PREFIX + "username and " + PREFIX
          + "password are for the database at " + PREFIX + "jdbc-url, which is not set; set it"
          + " too, or leave them out");
    }
    if (properties.datasource() != null) {
      rejectWith("datasource", "dir", properties.dir());
      String name = properties.datasource();
      DataSource named = beans.findBean(DataSource.class, Qualifiers.byName(name))
          .orElseThrow(() -> new IllegalArgumentException("Property " + PREFIX + "datasource"
              + " names the DataSource bean '" + name + "', but the application has no"
              + " DataSource bean of that name"));
      return new DurableDataSource(named, null, "the application's DataSource '" + name + "'");
    }
    if (properties.dir() == null) {
      Optional<DataSource> only = applicationDataSource(beans);
      if (only.isPresent()) {
        return new DurableDataSource(only.get(), null, "the application's DataSource");
      }
    }
    Path dir = Path.of(properties.dir() != null ? properties.dir() : ".braid")
        .toAbsolutePath().normalize();
    HikariDataSource h2 = DurableDatabase.h2(dir);
    return new DurableDataSource(h2, h2, "the H2 database in " + dir);
  }

  private static Optional<DataSource> applicationDataSource(BeanLocator beans) {
    try {
      return beans.findBean(DataSource.class);
    } catch (NonUniqueBeanException e) {
      throw new IllegalArgumentException("The application has several DataSource beans; set "
          + PREFIX + "datasource to the name of the one that stores durable runs, or "
          + PREFIX + "jdbc-url to a database of their own", e);
    }
  }

  private static DurableDataSource open(String jdbcUrl, @Nullable String username,
      @Nullable String password) {
    HikariConfig config = new HikariConfig();
    config.setPoolName("braid-durable");
    config.setJdbcUrl(jdbcUrl);
    config.setUsername(username);
    config.setPassword(password);
    config.setMaximumPoolSize(16);
    HikariDataSource pool = new HikariDataSource(config);
    int query = jdbcUrl.indexOf('?');
    return new DurableDataSource(pool, pool,
        "the database at " + (query < 0 ? jdbcUrl : jdbcUrl.substring(0, query)));
  }

  private static void rejectWith(String chosen, String other, @Nullable String value) {
    if (value != null) {
      throw new IllegalArgumentException("Properties " + PREFIX + chosen + " and " + PREFIX
          + other + " name two places to store durable runs; set only one of them");
    }
  }

  DataSource dataSource() {
    return dataSource;
  }

  /** Where runs are stored, for the log: never a password. */
  String description() {
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
