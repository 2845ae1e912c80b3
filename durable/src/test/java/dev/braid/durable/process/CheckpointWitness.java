package dev.braid.durable.process;

import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A data source that writes the line {@code CHECKPOINTED <run id> <step>}, by default to standard
 * output through {@link OutputLines}, each time the database acknowledges the commit of a step's
 * checkpoint: after an auto-committed statement that inserts into {@code braid_step_checkpoints}
 * (alone, or feeding the insert of the step's attempt) returned one row.
 * What a test reads from these lines is what the database promised to keep, whatever the file
 * holds after a crash.
 *
 * <p>The run id and the step are found among the statement's parameters: the one value shaped
 * like a run id, and the one that is a step of {@link LedgerPipeline}.
 */
final class CheckpointWitness extends DelegatingDataSource {
  private static final String INSERT = "INSERT INTO braid_step_checkpoints";
  private static final Pattern RUN_ID =
      Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

  private final Consumer<String> lines;

  CheckpointWitness(DataSource delegate) {
    this(delegate, OutputLines::print);
  }

  CheckpointWitness(DataSource delegate, Consumer<String> lines) {
    super(delegate);
    this.lines = lines;
  }

  @Override
  Connection wrap(Connection connection) {
    return proxy(Connection.class, connection, (method, args, result) -> {
      if (method.getName().equals("prepareStatement") && args[0] instanceof String sql
          && sql.contains(INSERT)) {
        return witnessing(connection, (PreparedStatement) result);
      }
      return result;
    });
  }

  private PreparedStatement witnessing(Connection connection,
      PreparedStatement statement) {
    Map<Integer, Object> parameters = new ConcurrentHashMap<>();
    return proxy(PreparedStatement.class, statement, (method, args, result) -> {
      if (method.getName().startsWith("set") && args != null && args.length == 2
          && args[0] instanceof Integer index && args[1] != null) {
        parameters.put(index, args[1]);
      } else if (method.getName().equals("executeUpdate") && (int) result == 1
          && connection.getAutoCommit()) {
        lines.accept("CHECKPOINTED " + only(parameters.values(), RUN_ID.asMatchPredicate())
            + " " + only(parameters.values(), LedgerPipeline.STEPS::contains));
      }
      return result;
    });
  }

  private static String only(Collection<Object> values, Predicate<String> matches) {
    List<String> found = values.stream().filter(String.class::isInstance).map(String.class::cast)
        .filter(matches).distinct().toList();
    if (found.size() != 1) {
      throw new IllegalStateException("Expected one such parameter of a checkpoint, got " + found);
    }
    return found.getFirst();
  }

  @FunctionalInterface
  private interface After {
    @Nullable Object apply(Method method, @Nullable Object[] args, @Nullable Object result)
        throws SQLException;
  }

  private static <T> T proxy(Class<T> type, T target, After after) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> after.apply(method, args, invoke(target, method, args))));
  }
}
