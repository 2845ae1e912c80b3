package dev.braid.durable.process;

import dev.braid.durable.DurablePipeline;
import dev.braid.runtime.ModelCall;
import dev.braid.runtime.ModelClient;
import dev.braid.runtime.ModelPrice;
import dev.braid.runtime.ModelResponse;
import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.PipelineDefinition;
import dev.braid.runtime.PriceTable;
import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A one-step pipeline whose step calls model {@value #MODEL} once. The model answers at once and
 * records each call it receives, with the worker and the time, in table {@code rate_calls}: what
 * a rate limit shared by several worker processes is measured on.
 */
final class CallingPipeline {
  static final String NAME = "Calling";
  static final String MODEL = "limited-model";

  /** One call the model received. */
  record Call(String worker, long atMicros) {}

  private CallingPipeline() {}

  static void createTable(DataSource database) throws SQLException {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE rate_calls (worker VARCHAR(100) NOT NULL,"
          + " at_micros BIGINT NOT NULL)");
    }
  }

  /** The calls the model received, in the order it received them. */
  static List<Call> calls(DataSource database) throws SQLException {
    try (Connection connection = database.getConnection();
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT worker, at_micros FROM rate_calls ORDER BY at_micros")) {
      List<Call> calls = new ArrayList<>();
      while (rows.next()) {
        calls.add(new Call(rows.getString(1), rows.getLong(2)));
      }
      return calls;
    }
  }

  /** The pipeline as worker {@code worker} runs it, recording its calls in {@code database}. */
  static DurablePipeline registration(DataSource database, String worker) {
    PipelinePlan.Builder plan = PipelinePlan.builder(NAME).inputs("request");
    plan.step("call").readsInputs(0);
    plan.output(0);
    PipelineEngine engine = PipelineEngine.create(plan.build(), PipelineConfig.builder()
        .prices(PriceTable.empty().with(MODEL, ModelPrice.FREE)).build());
    Model model = new Model(database, worker);
    return DurablePipeline.of(PipelineDefinition.of(engine, List.of(String.class),
        List.of(String.class),
        inputs -> (step, outputs, context) -> context.call(model, (String) inputs[0]).value()));
  }

  private record Model(DataSource database, String worker) implements ModelClient<String, String> {
    @Override
    public String model() {
      return MODEL;
    }

    @Override
    public ModelResponse<String> call(String request, ModelCall call) throws SQLException {
      try (Connection connection = database.getConnection();
          PreparedStatement insert = connection.prepareStatement(
              "INSERT INTO rate_calls (worker, at_micros) VALUES (?, ?)")) {
        insert.setString(1, worker);
        insert.setLong(2, ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now()));
        insert.executeUpdate();
      }
      return ModelResponse.of("answer to " + request, 100, 50);
    }
  }
}
