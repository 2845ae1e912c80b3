package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A call's own timeout and retries ({@link CallOptions}), over its step's for that call only. */
@Timeout(30)
class CallOptionsTest {

  private static PipelineEngine engine(int stepRetries, Duration stepTimeout) {
    PipelinePlan.Builder plan = PipelinePlan.builder("Drafts");
    var step = plan.step("draft").retries(stepRetries);
    if (stepTimeout != null) {
      step.timeout(stepTimeout);
    }
    plan.output(0);
    return PipelineEngine.create(plan.build(), PipelineConfig.builder()
        .prices(PriceTable.empty().with("m", ModelPrice.FREE)).build());
  }

  private static PipelineEngine engine(int stepRetries) {
    return engine(stepRetries, null);
  }

  /**
   * A model whose first {@code slowTries} tries spin until interrupted and throw with the
   * interrupt still set, as a client that polls would; later tries answer at once. Each try
   * records the time it was given and whether its thread started interrupted.
   */
  private static final class SlowModel implements ModelClient<String, String> {
    final AtomicInteger tries = new AtomicInteger();
    final List<Duration> remaining = new ArrayList<>();
    final List<Boolean> interruptedAtStart = new ArrayList<>();
    private final int slowTries;

    SlowModel(int slowTries) {
      this.slowTries = slowTries;
    }

    @Override
    public String model() {
      return "m";
    }

    @Override
    public ModelResponse<String> call(String request, ModelCall call) throws InterruptedException {
      synchronized (remaining) {
        remaining.add(call.remaining().orElseThrow());
        interruptedAtStart.add(Thread.currentThread().isInterrupted());
      }
      if (tries.incrementAndGet() <= slowTries) {
        Waits.busyUntilInterrupted();
      }
      return ModelResponse.of("answer on try " + call.callAttempt(), 1, 1);
    }
  }

  @Test
  void aCallRetriedItsOwnNumberOfTimesOnARetryableFailureSucceeds() {
    FakeModel model = new FakeModel("m", ModelException.ofStatus(429, "slow down", null),
        ModelException.ofStatus(503, "overloaded", null),
        ModelException.ofStatus(429, "slow down", null), ModelResponse.of("done", 1, 1));

    PipelineResult<String> result = engine(0).execute((outputs, context) ->
        context.call(model, "ticket", CallOptions.builder().retries(3).build()).value());

    assertThat(result.output()).isEqualTo("done to ticket");
    assertThat(model.calls()).isEqualTo(4);
    assertThat(result.step("draft").attemptCount()).isEqualTo(1);
  }

  @Test
  void aFatalFailureIsNotRetriedWhateverTheCallsRetries() {
    FakeModel model = new FakeModel("m", ModelException.ofStatus(400, "bad request", null));
    PipelineEngine engine = engine(2);

    StepExecutionException failure = assertThrows(StepExecutionException.class,
        () -> engine.execute((outputs, context) ->
            context.call(model, "ticket", CallOptions.builder().retries(5).build()).value()));

    assertThat(model.calls()).isEqualTo(1);
    assertThat(failure.attempts()).isEqualTo(1);
    assertThat(failure).hasCauseThat().hasMessageThat().isEqualTo("bad request");
  }

  @Test
  void zeroRetriesOnTheCallReplaceTheStepsForThatCallOnly() {
    FakeModel once = new FakeModel("m", ModelException.ofStatus(503, "overloaded", null));
    FakeModel twice = new FakeModel("m", ModelException.ofStatus(503, "overloaded", null),
        ModelResponse.of("done", 1, 1));

    PipelineResult<String> result = engine(2).execute((outputs, context) -> {
      ModelException first = assertThrows(ModelException.class,
          () -> context.call(once, "a", CallOptions.builder().retries(0).build()));
      return first.getMessage() + ", then " + context.call(twice, "b").value();
    });

    assertThat(once.calls()).isEqualTo(1);
    assertThat(twice.calls()).isEqualTo(2);
    assertThat(result.output()).isEqualTo("overloaded, then done to b");
  }

  @Test
  void aSlowCallTimesOutByItsOwnTimeoutNamingPipelineStepModelAndLimit() {
    SlowModel model = new SlowModel(Integer.MAX_VALUE);
    PipelineEngine engine = engine(0, Duration.ofMinutes(1));

    StepExecutionException failure = assertThrows(StepExecutionException.class,
        () -> engine.execute((outputs, context) -> context.call(model, "ticket",
            CallOptions.builder().timeout(Duration.ofMillis(50)).retries(0).build()).value()));

    assertThat(failure).hasCauseThat().isInstanceOf(CallTimeoutException.class);
    CallTimeoutException timeout = (CallTimeoutException) failure.getCause();
    assertThat(timeout).hasMessageThat().isEqualTo("Call of model 'm' in step 'draft' of"
        + " pipeline 'Drafts' timed out after 50ms (try 1 of 1); raise CallOptions.timeout or"
        + " leave it unset to use the step's");
    assertThat(timeout.timeout()).isEqualTo(Duration.ofMillis(50));
    assertThat(timeout.retryable()).isTrue();
    assertThat(failure.attempts()).isEqualTo(1);
    assertThat(model.remaining.getFirst()).isAtMost(Duration.ofMillis(50));
  }

  @Test
  void aTimedOutTryIsRetriedAndTheStepCarriesOnWithoutAStaleInterrupt() {
    SlowModel model = new SlowModel(1);
    List<Boolean> interruptedAfter = new ArrayList<>();

    PipelineResult<String> result = engine(0).execute((outputs, context) -> {
      String value = context.call(model, "ticket",
          CallOptions.builder().timeout(Duration.ofMillis(50)).retries(1).build()).value();
      interruptedAfter.add(Thread.currentThread().isInterrupted());
      return value;
    });

    assertThat(result.output()).isEqualTo("answer on try 2");
    assertThat(model.tries.get()).isEqualTo(2);
    assertThat(model.interruptedAtStart).containsExactly(false, false).inOrder();
    assertThat(interruptedAfter).containsExactly(false);
  }

  @Test
  void theAttemptsTimeoutWinsWhenItComesBeforeTheCalls() {
    SlowModel model = new SlowModel(Integer.MAX_VALUE);
    PipelineEngine engine = engine(0, Duration.ofMillis(50));

    StepExecutionException failure = assertThrows(StepExecutionException.class,
        () -> engine.execute((outputs, context) -> context.call(model, "ticket",
            CallOptions.builder().timeout(Duration.ofMinutes(1)).build()).value()));

    assertThat(failure).hasCauseThat().isInstanceOf(StepTimeoutException.class);
    assertThat(model.remaining.getFirst()).isAtMost(Duration.ofMillis(50));
  }

  @Test
  void theRunsDeadlineWinsWhenItComesBeforeTheCalls() {
    SlowModel model = new SlowModel(Integer.MAX_VALUE);
    PipelineEngine engine = engine(0);

    assertThrows(RunDeadlineExceededException.class, () -> engine.execute(
        RunOptions.builder().deadline(Duration.ofMillis(50)).build(), new Object[0],
        (outputs, context) -> context.call(model, "ticket",
            CallOptions.builder().timeout(Duration.ofMinutes(1)).build()).value()));

    assertThat(model.remaining.getFirst()).isAtMost(Duration.ofMillis(50));
  }

  @Test
  void rejectsATimeoutThatIsNotPositive() {
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> CallOptions.builder().timeout(Duration.ZERO));
    IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
        () -> CallOptions.builder().timeout(Duration.ofSeconds(-1)));

    assertThat(zero).hasMessageThat().isEqualTo("CallOptions.timeout must be positive, was PT0S;"
        + " leave it unset for no limit of the call's own");
    assertThat(negative).hasMessageThat().startsWith("CallOptions.timeout must be positive, was PT-1S");
  }

  @Test
  void rejectsNegativeRetriesAndRetryDelay() {
    IllegalArgumentException retries = assertThrows(IllegalArgumentException.class,
        () -> CallOptions.builder().retries(-1));
    IllegalArgumentException delay = assertThrows(IllegalArgumentException.class,
        () -> CallOptions.builder().retryDelay(Duration.ofMillis(-5)));

    assertThat(retries).hasMessageThat()
        .isEqualTo("CallOptions.retries must be 0 or more, was -1; use 0 for a single try");
    assertThat(delay).hasMessageThat()
        .isEqualTo("CallOptions.retryDelay must not be negative, was PT-0.005S");
  }

  @Test
  void theCallsRetryDelayReplacesTheStepsBeforeItsRetry() {
    PipelinePlan.Builder plan = PipelinePlan.builder("Drafts");
    plan.step("draft").retries(1).retryDelay(Duration.ofHours(1));
    plan.output(0);
    PipelineEngine engine = PipelineEngine.create(plan.build(), PipelineConfig.builder()
        .prices(PriceTable.empty().with("m", ModelPrice.FREE)).build());
    FakeModel model = new FakeModel("m", ModelException.ofStatus(503, "overloaded", null),
        ModelResponse.of("done", 1, 1));

    // An hour's pause would outlast the test's timeout; the call's zero delay retries at once.
    PipelineResult<String> result = engine.execute((outputs, context) -> context.call(model, "x",
        CallOptions.builder().retryDelay(Duration.ZERO).build()).value());

    assertThat(result.output()).isEqualTo("done to x");
    assertThat(model.calls()).isEqualTo(2);
  }
}
