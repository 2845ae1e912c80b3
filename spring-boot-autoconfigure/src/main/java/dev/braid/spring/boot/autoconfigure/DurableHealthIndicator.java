package dev.braid.spring.boot.autoconfigure;

import dev.braid.durable.Worker;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Shows durable runs in Actuator's health: down when their database does not answer; the state
 * of the application's worker, its runs in flight and its limit, or that it has none.
 */
final class DurableHealthIndicator extends AbstractHealthIndicator {
  private static final int VALIDATION_SECONDS = 2;

  private final DurableStore store;
  private final ObjectProvider<DurableWorkers> workers;

  DurableHealthIndicator(DurableStore store, ObjectProvider<DurableWorkers> workers) {
    super("Braid's durable runs are not healthy");
    this.store = store;
    this.workers = workers;
  }

  @Override
  protected void doHealthCheck(Health.Builder health) throws Exception {
    health.withDetail("database", store.description());
    DurableWorkers local = workers.getIfAvailable();
    if (local == null) {
      health.withDetail("worker", "disabled");
    } else {
      Map<String, Object> worker = new LinkedHashMap<>();
      worker.put("id", local.config().workerId());
      worker.put("state", local.state().name());
      worker.put("runsInFlight", local.worker().map(Worker::runsInFlight).orElse(0));
      worker.put("maxConcurrentRuns", local.config().maxConcurrentRuns());
      health.withDetail("worker", worker);
    }
    try (Connection connection = store.dataSource().getConnection()) {
      if (connection.isValid(VALIDATION_SECONDS)) {
        health.up();
      } else {
        health.down().withDetail("error", "the database did not answer within "
            + VALIDATION_SECONDS + "s");
      }
    }
  }
}
