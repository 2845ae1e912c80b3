package dev.braid.durable.process;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicReference;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A data source whose connection breaks, once, just as a statement that starts with a given text
 * is prepared: the moment a database fails over or a network drops, pinned to one statement so
 * that a test can choose it. The statement fails as a broken connection does in pgjdbc, with
 * SQLState {@code 08006}.
 */
final class BreakingDataSource extends DelegatingDataSource {
  private final AtomicReference<@Nullable String> armed = new AtomicReference<>();

  BreakingDataSource(DataSource delegate) {
    super(delegate);
  }

  /** Breaks the next statement that starts with {@code sqlPrefix}. */
  void breakNext(String sqlPrefix) {
    armed.set(sqlPrefix);
  }

  /** Whether the armed statement has been broken. */
  boolean broke() {
    return armed.get() == null;
  }

  @Override
  Connection wrap(Connection connection) {
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          if (method.getName().equals("prepareStatement") && args[0] instanceof String sql) {
            String prefix = armed.get();
            if (prefix != null && sql.startsWith(prefix) && armed.compareAndSet(prefix, null)) {
              throw new SQLException("An I/O error occurred while sending to the backend.",
                  "08006");
            }
          }
          return invoke(connection, method, args);
        });
  }
}
