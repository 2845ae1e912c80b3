package dev.braid.durable.process;

import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A data source whose connection breaks, once, just as a statement that starts with a given text
 * is prepared: the moment a database fails over or a network drops, pinned to one statement so
 * that a test can choose it. The statement fails as a broken connection does in pgjdbc, with
 * SQLState {@code 08006}.
 */
final class BreakingDataSource implements DataSource {
  private final DataSource delegate;
  private final AtomicReference<@Nullable String> armed = new AtomicReference<>();

  BreakingDataSource(DataSource delegate) {
    this.delegate = delegate;
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
  public Connection getConnection() throws SQLException {
    return breaking(delegate.getConnection());
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return breaking(delegate.getConnection(username, password));
  }

  private Connection breaking(Connection connection) {
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          if (method.getName().equals("prepareStatement") && args[0] instanceof String sql) {
            String prefix = armed.get();
            if (prefix != null && sql.startsWith(prefix) && armed.compareAndSet(prefix, null)) {
              throw new SQLException("An I/O error occurred while sending to the backend.",
                  "08006");
            }
          }
          try {
            return method.invoke(connection, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
        });
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return delegate.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    delegate.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    delegate.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return delegate.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return delegate.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    return delegate.unwrap(type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) throws SQLException {
    return delegate.isWrapperFor(type);
  }
}
