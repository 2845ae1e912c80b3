package dev.braid.durable;

import dev.braid.runtime.ModelCall;
import dev.braid.runtime.ModelClient;
import dev.braid.runtime.ModelPrice;
import dev.braid.runtime.ModelResponse;
import dev.braid.runtime.PriceTable;
import dev.braid.runtime.RunOptions;
import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import java.time.Duration;

/**
 * A two-step pipeline, {@code draft → send}, whose {@code draft} calls model "drafter" (100
 * tokens in, 20 out, priced) and then fails: once for a text that starts with "flaky", on every
 * attempt for one that starts with "broken". {@code draft} has one retry.
 */
final class RetryingPipeline {
  static final String NAME = "Retrying";
  static final String MODEL = "drafter";

  private static final ModelClient<String, String> DRAFTER = new ModelClient<>() {
    @Override
    public String model() {
      return MODEL;
    }

    @Override
    public ModelResponse<String> call(String prompt, ModelCall call) {
      return ModelResponse.of("draft of " + prompt, 100, 20);
    }
  };

  DurablePipeline registration() {
    PipelinePlan.Builder plan = PipelinePlan.builder(NAME).inputs("text");
    plan.step("draft").readsInputs(0).retries(1).retryDelay(Duration.ofMillis(1));
    plan.step("send", 0);
    plan.output(1);
    PipelineEngine engine = PipelineEngine.create(plan.build());
    return DurablePipeline.builder(engine, inputs -> (step, outputs, context) -> {
      String text = (String) inputs[0];
      if (step == 0) {
        String draft = context.call(DRAFTER, text).value();
        if (text.startsWith("broken") || (text.startsWith("flaky") && context.attempt() == 1)) {
          throw new IllegalStateException("draft " + context.attempt() + " of " + text
              + " was rejected");
        }
        return draft;
      }
      return "sent " + outputs.<String>get(0);
    })
        .inputTypes(String.class)
        .stepType("draft", String.class)
        .stepType("send", String.class)
        .options(RunOptions.builder()
            .prices(PriceTable.empty().with(MODEL, new ModelPrice(1_000_000, 0, 5_000_000)))
            .build())
        .build();
  }
}
