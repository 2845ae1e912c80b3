package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepBody;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Steps see their run's id and an idempotency key that stays the same across their attempts, and
 * across runs given the same id.
 */
@Timeout(30)
class RunIdTest {
  private final List<String> keys = new CopyOnWriteArrayList<>();
  private final List<String> ids = new CopyOnWriteArrayList<>();
  private final AtomicInteger charges = new AtomicInteger();

  /** charge fails its first attempt and is retried once; notify reads it. */
  private PipelineEngine engine() {
    PipelinePlan.Builder plan = PipelinePlan.builder("Billing");
    plan.step("charge").retries(1);
    plan.step("notify", 0);
    plan.output(1);
    return PipelineEngine.create(plan.build());
  }

  private StepBody[] bodies() {
    return new StepBody[] {
      (outputs, context) -> {
        keys.add(context.idempotencyKey());
        if (charges.incrementAndGet() == 1) {
          throw new IllegalStateException("payment gateway busy");
        }
        return "charged";
      },
      (outputs, context) -> {
        ids.add(context.runId());
        keys.add(context.idempotencyKey());
        return outputs.<String>get(0) + ", notified";
      },
    };
  }

  @Test
  void givenRunIdIsWhatStepsAndListenersSee() {
    List<String> heard = new CopyOnWriteArrayList<>();
    RunOptions options = RunOptions.builder().runId("order-42")
        .listener(new RunListener() {
          @Override
          public void runStarted(RunEvent run) {
            heard.add(run.runId());
          }
        })
        .build();

    engine().execute(options, new Object[0], dispatcher(bodies()));

    assertThat(ids).containsExactly("order-42");
    assertThat(heard).containsExactly("order-42");
    assertThat(keys).containsExactly("order-42/charge", "order-42/charge", "order-42/notify")
        .inOrder();
  }

  @Test
  void withoutAnIdEachRunGetsItsOwnAndKeepsItAcrossAttempts() {
    PipelineEngine engine = engine();

    engine.execute(bodies());
    charges.set(0);
    engine.execute(bodies());

    assertThat(ids).hasSize(2);
    assertThat(ids.get(0)).isNotEqualTo(ids.get(1));
    assertThat(keys.get(0)).isEqualTo(keys.get(1));
    assertThat(keys.get(0)).isEqualTo(ids.get(0) + "/charge");
  }

  @Test
  void blankRunIdIsRefused() {
    IllegalArgumentException blank = assertThrows(IllegalArgumentException.class,
        () -> RunOptions.builder().runId(" "));

    assertThat(blank).hasMessageThat()
        .isEqualTo("RunOptions.runId must be 1 to 200 characters, not blank, was ' '");
  }

  @Test
  void handMadeContextHasNoRunId() {
    StepContext context = new StepContext() {
      @Override
      public String pipelineName() {
        return "Billing";
      }

      @Override
      public String stepName() {
        return "charge";
      }

      @Override
      public int attempt() {
        return 1;
      }
    };

    UnsupportedOperationException none =
        assertThrows(UnsupportedOperationException.class, context::idempotencyKey);

    assertThat(none).hasMessageThat().isEqualTo(
        "This StepContext of step 'charge' was not made by Braid's runtime and has no run id");
  }

  private static dev.braid.runtime.codegen.StepDispatcher dispatcher(StepBody[] bodies) {
    return (step, outputs, context) -> bodies[step].run(outputs, context);
  }
}
