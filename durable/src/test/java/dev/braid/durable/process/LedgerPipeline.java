package dev.braid.durable.process;

import dev.braid.durable.DurablePipeline;
import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * A four-step pipeline over an order key, {@code extract → (classify, search) → draft}, whose
 * every step execution first records itself in a {@link Ledger}: a side effect outside Braid that
 * survives the death of the worker process, counted by the tests to see how often each step of
 * each run really ran. The ledger is the table {@code step_executions}, or lines on standard
 * output read by the test that started the worker.
 *
 * <p>The table is keyed the way a user's idempotency key would be: by the run's input, an order
 * key unique to the run, and the step.
 *
 * <p>After recording itself a step does its {@link Work}: nothing, a delay like a model call's, or
 * waiting until interrupted, standing in for a call in flight when the worker dies or loses its
 * database.
 */
final class LedgerPipeline {
  static final String NAME = "Ledger";
  static final List<String> STEPS = List.of("extract", "classify", "search", "draft");

  /** What a step does after recording itself, standing in for its model call. */
  @FunctionalInterface
  interface Work {
    /**
     * @param execution how many times this pipeline instance has executed this step of this order,
     *     this time included
     */
    void perform(StepKey step, int execution) throws InterruptedException;

    /** A call that takes {@code latency}. */
    static Work taking(Duration latency) {
      return (step, execution) -> {
        if (latency.isPositive()) {
          Thread.sleep(latency);
        }
      };
    }
  }

  /** Where a step records that it started executing. */
  @FunctionalInterface
  interface Ledger {
    void record(String runId, StepKey step) throws SQLException;

    /** The table {@code step_executions} of {@code database}, each row naming {@code worker}. */
    static Ledger table(DataSource database, String worker) {
      return (runId, step) -> {
        try (Connection connection = database.getConnection();
            PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO step_executions (order_key, step, worker) VALUES (?, ?, ?)")) {
          insert.setString(1, step.orderKey());
          insert.setString(2, step.step());
          insert.setString(3, worker);
          insert.executeUpdate();
        }
      };
    }

    /**
     * A line {@code RAN <run id> <order key> <step>} on standard output, flushed before the step
     * goes on, so it reaches the reading process even if this one is killed a moment later.
     */
    static Ledger printing() {
      return lines(OutputLines::print);
    }

    /** The line {@code RAN <run id> <order key> <step>}, handed to {@code lines}. */
    static Ledger lines(Consumer<String> lines) {
      return (runId, step) -> lines.accept("RAN " + runId + " " + step.orderKey() + " "
          + step.step());
    }
  }

  private final Ledger ledger;
  private final Work work;
  private final Map<StepKey, AtomicInteger> executions = new ConcurrentHashMap<>();

  /**
   * @param ledger where executions are recorded; the runs' database, reached directly
   * @param worker the name recorded with each execution
   */
  LedgerPipeline(DataSource ledger, String worker, Work work) {
    this(Ledger.table(ledger, worker), work);
  }

  LedgerPipeline(Ledger ledger, Work work) {
    this.ledger = ledger;
    this.work = work;
  }

  /**
   * Work that takes {@code latency}, except that the first execution of {@code step} for each
   * order, if {@code step} is not null, waits until its thread is interrupted instead.
   */
  static Work hangingFirstTime(@Nullable String step, Duration latency) {
    Work normal = Work.taking(latency);
    return (key, execution) -> {
      if (key.step().equals(step) && execution == 1) {
        new CountDownLatch(1).await();
      }
      normal.perform(key, execution);
    };
  }

  /** Creates the ledger table; call once, before any worker starts. */
  static void createLedger(DataSource database) throws SQLException {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE step_executions (seq BIGSERIAL PRIMARY KEY,"
          + " order_key VARCHAR(100) NOT NULL, step VARCHAR(50) NOT NULL,"
          + " worker VARCHAR(100) NOT NULL)");
    }
  }

  /** The output a run of {@code key} ends with. */
  static String expectedOutput(String key) {
    return "draft for " + key + " (" + key.length() + " chars) on class of " + key
        + " with articles about " + key;
  }

  record Order(String key, int length) {}

  /** A step of the run of one order: the idempotency key of what the step does. */
  record StepKey(String orderKey, String step) {
    @Override
    public String toString() {
      return orderKey + "/" + step;
    }
  }

  /** One row of the ledger: a step that started executing for an order on a worker. */
  record Execution(String orderKey, String step, String worker) {
    StepKey key() {
      return new StepKey(orderKey, step);
    }
  }

  /** Every execution recorded so far, in the order they were recorded. */
  static List<Execution> executions(DataSource database) throws SQLException {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT order_key, step, worker FROM step_executions ORDER BY seq")) {
      List<Execution> executions = new ArrayList<>();
      while (rows.next()) {
        executions.add(new Execution(rows.getString(1), rows.getString(2), rows.getString(3)));
      }
      return executions;
    }
  }

  DurablePipeline registration() {
    PipelinePlan.Builder plan = PipelinePlan.builder(NAME).inputs("orderKey");
    plan.step("extract").readsInputs(0);
    plan.step("classify", 0);
    plan.step("search", 0);
    plan.step("draft", 1, 2, 0);
    plan.output(3);
    PipelineEngine engine = PipelineEngine.create(plan.build());
    return DurablePipeline.builder(engine, inputs -> (step, outputs, context) -> {
      String key = (String) inputs[0];
      execute(context.runId(), key, context.stepName());
      return switch (step) {
        case 0 -> new Order(key, key.length());
        case 1 -> "class of " + outputs.<Order>get(0).key();
        case 2 -> "articles about " + outputs.<Order>get(0).key();
        case 3 -> "draft for " + key + " (" + outputs.<Order>get(0).length() + " chars) on "
            + outputs.<String>get(1) + " with " + outputs.<String>get(2);
        default -> throw new IndexOutOfBoundsException(step);
      };
    })
        .inputTypes(String.class)
        .stepType("extract", Order.class)
        .stepType("classify", String.class)
        .stepType("search", String.class)
        .stepType("draft", String.class)
        .build();
  }

  private void execute(String runId, String key, String step)
      throws SQLException, InterruptedException {
    StepKey stepKey = new StepKey(key, step);
    ledger.record(runId, stepKey);
    work.perform(stepKey,
        executions.computeIfAbsent(stepKey, unused -> new AtomicInteger()).incrementAndGet());
  }
}
