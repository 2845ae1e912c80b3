package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a run keeps: its inputs and the output of every step that finished, in the result and — up
 * to the failure — in the partial result every run exception carries.
 */
@Timeout(30)
class PartialResultTest {

  /** extract -> classify -> draft, with the inputs ticket and locale. */
  private static PipelinePlan plan() {
    PipelinePlan.Builder plan = PipelinePlan.builder("TicketPipeline").inputs("ticket", "locale");
    plan.step("extract").readsInputs(0);
    plan.step("classify", 0);
    plan.step("draft", 1).readsInputs(1);
    plan.output(2);
    return plan.build();
  }

  @Test
  void aFailureCarriesEveryStepRecordAndTheOutputsOfTheStepsThatFinished() {
    StepExecutionException e = assertThrows(StepExecutionException.class,
        () -> PipelineEngine.create(plan()).execute(RunOptions.defaults(),
            new Object[] {"t-1", "en"},
            (outputs, context) -> "entities",
            (outputs, context) -> {
              throw new IllegalStateException("classifier down");
            },
            (outputs, context) -> "reply"));

    PipelineResult<?> partial = e.partialResult().orElseThrow();
    assertThat(partial.pipelineName()).isEqualTo("TicketPipeline");
    assertThat(partial.hasOutput()).isFalse();
    assertThat(partial.stoppedEarly()).isFalse();
    assertThat(partial.inputs()).containsExactly("t-1", "en").inOrder();
    assertThat(partial.stepOutput("extract")).hasValue("entities");
    assertThat(partial.stepOutput("classify")).isEmpty();
    assertThat(partial.stepOutputs()).containsExactly("extract", "entities");
    assertThat(partial.steps().stream().map(StepRecord::status).toList()).containsExactly(
        StepStatus.SUCCEEDED, StepStatus.FAILED, StepStatus.NOT_STARTED).inOrder();
    IllegalStateException noOutput = assertThrows(IllegalStateException.class, partial::output);
    assertThat(noOutput).hasMessageThat().isEqualTo("Pipeline 'TicketPipeline' has no output: "
        + "this is the partial result of a run that threw; read steps() and stepOutput(name) "
        + "instead");
  }

  @Test
  void aCancelledRunCarriesItsPartialResult() throws Exception {
    CountDownLatch classifying = new CountDownLatch(1);
    AtomicReference<RunCancelledException> thrown = new AtomicReference<>();
    PipelineEngine engine = PipelineEngine.create(plan());

    Thread caller = Thread.ofPlatform().start(() -> {
      try {
        engine.execute(RunOptions.defaults(), new Object[] {"t-1", "en"},
            (outputs, context) -> "entities",
            (outputs, context) -> {
              classifying.countDown();
              Waits.blockUntilInterrupted(new CountDownLatch(1));
              return "never";
            },
            (outputs, context) -> "reply");
      } catch (RunCancelledException e) {
        thrown.set(e);
      }
    });
    Waits.await(classifying, "classify to start");
    caller.interrupt();
    assertThat(caller.join(Duration.ofSeconds(Waits.GUARD_SECONDS))).isTrue();

    PipelineResult<?> partial = thrown.get().partialResult().orElseThrow();
    assertThat(partial.stepOutput("extract")).hasValue("entities");
    assertThat(partial.step("classify").status()).isEqualTo(StepStatus.CANCELLED);
  }

  @Test
  void aFinishedRunKeepsItsInputsAndEveryStepsOutput() {
    PipelineResult<String> result = PipelineEngine.create(plan()).execute(RunOptions.defaults(),
        new Object[] {"t-1", null},
        (outputs, context) -> "entities",
        (outputs, context) -> "billing",
        (outputs, context) -> "reply");

    assertThat(result.hasOutput()).isTrue();
    assertThat(result.inputs()).containsExactly("t-1", null).inOrder();
    assertThat(result.stepOutputs()).containsExactly(
        "extract", "entities", "classify", "billing", "draft", "reply").inOrder();
    assertThat(result.stepOutput("classify")).hasValue("billing");
  }

  @Test
  void stepOutputOfAnUnknownStepThrowsListingTheSteps() {
    PipelineResult<String> result = PipelineEngine.create(plan()).execute(RunOptions.defaults(),
        new Object[] {"t-1", "en"},
        (outputs, context) -> "entities",
        (outputs, context) -> "billing",
        (outputs, context) -> "reply");

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> result.stepOutput("clasify"));

    assertThat(e).hasMessageThat().isEqualTo("Pipeline 'TicketPipeline' has no step named "
        + "'clasify'; its steps are [extract, classify, draft]");
  }

  @Test
  void theResultCopiesTheInputsArraySoLaterChangesDoNotLeakIn() {
    Object[] inputs = {"t-1", "en"};
    PipelineResult<String> result = PipelineEngine.create(plan()).execute(RunOptions.defaults(),
        inputs,
        (outputs, context) -> "entities",
        (outputs, context) -> "billing",
        (outputs, context) -> "reply");
    Arrays.fill(inputs, "changed");

    assertThat(result.inputs()).containsExactly("t-1", "en").inOrder();
  }

  @Test
  void wrongNumberOfInputsIsRejectedNamingThem() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PipelineEngine.create(plan()).execute(RunOptions.defaults(), new Object[] {"t-1"},
            (outputs, context) -> "entities",
            (outputs, context) -> "billing",
            (outputs, context) -> "reply"));

    assertThat(e).hasMessageThat().isEqualTo(
        "Pipeline 'TicketPipeline' takes 2 inputs [ticket, locale] but was given 1");
  }

  @Test
  void aResultBuiltByHandRejectsAnOutputTogetherWithAnEarlyStop() {
    PipelineResult.Builder<String> builder = PipelineResult.<String>builder("Flow")
        .steps(List.of(StepRecord.notStarted("a")))
        .times(Instant.EPOCH, Instant.EPOCH)
        .output("out")
        .stoppedEarly("a", ConversationState.incomplete("d", "why"));

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertThat(e).hasMessageThat().isEqualTo("A result has an output or stopped early, not both");
  }

  @Test
  void aBuilderThatGoesOnAfterBuildingLeavesTheResultItBuiltAsItWas() {
    PipelineResult.Builder<String> builder = PipelineResult.<String>builder("Flow")
        .steps(List.of(StepRecord.notStarted("a"), StepRecord.notStarted("b")))
        .times(Instant.EPOCH, Instant.EPOCH)
        .stepOutput("a", "first")
        .stepOutput("b", "second");

    PipelineResult<String> full = builder.build(); // every step has an output
    PipelineResult<String> more = builder.stepOutput("a", "again").build();
    PipelineResult<String> partial = PipelineResult.<String>builder("Flow")
        .steps(List.of(StepRecord.notStarted("a"), StepRecord.notStarted("b")))
        .times(Instant.EPOCH, Instant.EPOCH)
        .stepOutput("b", "only")
        .build();

    assertThat(full.stepOutputs()).containsExactly("a", "first", "b", "second").inOrder();
    assertThat(more.stepOutput("a")).hasValue("again");
    assertThat(full.stepOutput("a")).hasValue("first");
    assertThat(partial.stepOutputs()).containsExactly("b", "only");
  }

  @Test
  void aResultBuiltByHandRejectsAnOutputOfAStepItDoesNotHave() {
    PipelineResult.Builder<String> builder = PipelineResult.<String>builder("Flow")
        .steps(List.of(StepRecord.notStarted("a")))
        .times(Instant.EPOCH, Instant.EPOCH)
        .stepOutput("z", "out");

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, builder::build);

    assertThat(e).hasMessageThat().isEqualTo(
        "Pipeline 'Flow' has no step named 'z' to record an output for");
  }
}
