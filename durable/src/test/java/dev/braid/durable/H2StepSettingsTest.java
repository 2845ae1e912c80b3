package dev.braid.durable;

import static com.google.common.truth.Truth.assertThat;

import dev.braid.runtime.CallOptions;
import dev.braid.runtime.ModelCall;
import dev.braid.runtime.ModelClient;
import dev.braid.runtime.ModelException;
import dev.braid.runtime.ModelPrice;
import dev.braid.runtime.ModelResponse;
import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.PriceTable;
import dev.braid.runtime.StepConfig;
import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * A worker runs a pipeline with the settings of the engine it was registered with: the config's
 * step defaults, and a step's per-call timeout and retries, as an in-process run would.
 */
class H2StepSettingsTest {
  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final String NAME = "Defaults";

  @TempDir Path directory;
  private final CountDownLatch release = new CountDownLatch(1);
  @RegisterExtension
  final DurableFixture fixture = new DurableFixture(() -> DurableDatabase.h2(directory), release);

  private final AtomicInteger flakyTries = new AtomicInteger();
  private final AtomicInteger modelTries = new AtomicInteger();

  /** Fails with a retryable error three times, then answers; the first try hangs until interrupted. */
  private final ModelClient<String, String> model = new ModelClient<>() {
    @Override
    public String model() {
      return "m";
    }

    @Override
    public ModelResponse<String> call(String request, ModelCall call) throws InterruptedException {
      int attempt = modelTries.incrementAndGet();
      if (attempt == 1) {
        new CountDownLatch(1).await();
      }
      if (attempt < 4) {
        throw ModelException.ofStatus(503, "overloaded", null);
      }
      return ModelResponse.of("draft of " + request, 1, 1);
    }
  };

  /**
   * {@code flaky} sets no retries and fails twice; {@code draft} calls the model with a timeout and
   * retries of its own, more than the step's, and reports the settings it saw.
   */
  private DurablePipeline registration() {
    PipelinePlan.Builder plan = PipelinePlan.builder(NAME).inputs("text");
    plan.step("flaky").readsInputs(0);
    plan.step("draft", 0);
    plan.output(1);
    PipelineEngine engine = PipelineEngine.create(plan.build(), PipelineConfig.builder()
        .stepDefaults(StepConfig.builder().retries(2).build())
        .prices(PriceTable.empty().with("m", ModelPrice.FREE))
        .build());
    return DurablePipeline.builder(engine, inputs -> (step, outputs, context) -> switch (step) {
      case 0 -> {
        if (flakyTries.incrementAndGet() < 3) {
          throw new IllegalStateException("flaky");
        }
        yield (String) inputs[0];
      }
      case 1 -> context.call(model, outputs.<String>get(0), CallOptions.builder()
              .timeout(Duration.ofMillis(100)).retries(3).build()).value()
          + " (step retries " + context.settings().retries() + ")";
      default -> throw new IndexOutOfBoundsException(step);
    })
        .inputTypes(String.class)
        .stepType("flaky", String.class)
        .stepType("draft", String.class)
        .build();
  }

  @Test
  void aDurableRunHonoursTheConfigsStepDefaultsAndACallsOwnTimeoutAndRetries() throws Exception {
    fixture.startWorker(WorkerConfig.builder().workerId("settings").build(), registration());
    DurableRuns runs = fixture.runs();

    String id = runs.submit(NAME, "ticket");
    StoredRun run = runs.await(id, WAIT);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(runs.<String>output(run, String.class))
        .isEqualTo("draft of ticket (step retries 2)");
    assertThat(flakyTries.get()).isEqualTo(3);
    assertThat(modelTries.get()).isEqualTo(4);
    assertThat(runs.steps(id).stream().map(StoredStep::attempts).toList())
        .containsExactly(3, 1).inOrder();
  }
}
