package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What a finished run reports: every step, in order, with its status, attempts and times. */
@Timeout(30)
class ResultsTest {

  /** root -> {a, b} -> sink, b retried once. */
  private static PipelineResult<String> diamondRun() {
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("root");
    plan.step("a", 0);
    plan.step("b", 0).retries(1);
    plan.step("sink", 1, 2);
    plan.output(3);
    return PipelineEngine.create(plan.build()).execute(
        (outputs, context) -> "r",
        (outputs, context) -> "a",
        (outputs, context) -> {
          if (context.attempt() == 1) {
            throw new IllegalStateException("first attempt");
          }
          return "b";
        },
        (outputs, context) -> "sink");
  }

  @Test
  void recordsEveryStepInDeclarationOrderWithStatusAndAttempts() {
    PipelineResult<String> result = diamondRun();

    assertThat(result.pipelineName()).isEqualTo("OrderFlow");
    assertThat(result.steps().stream().map(StepRecord::name).toList())
        .containsExactly("root", "a", "b", "sink").inOrder();
    assertThat(result.steps().stream().map(StepRecord::status).distinct().toList())
        .containsExactly(StepStatus.SUCCEEDED);
    assertThat(result.steps().stream().map(StepRecord::attemptCount).toList())
        .containsExactly(1, 1, 2, 1).inOrder();
    assertThat(result.steps().stream().map(StepRecord::failure).distinct().toList())
        .containsExactly((Throwable) null);
  }

  @Test
  void dependentStartsNoEarlierThanEachDependencyFinished() {
    PipelineResult<String> result = diamondRun();

    List<List<String>> edges =
        List.of(List.of("root", "a"), List.of("root", "b"), List.of("a", "sink"),
            List.of("b", "sink"));
    for (List<String> edge : edges) {
      assertThat(result.step(edge.get(1)).startedAt())
          .isAtLeast(result.step(edge.get(0)).finishedAt());
    }
  }

  @Test
  void stepTimesLieWithinTheRun() {
    PipelineResult<String> result = diamondRun();

    for (StepRecord step : result.steps()) {
      Instant started = step.startedAt();
      Instant finished = step.finishedAt();
      assertThat(started).isAtLeast(result.startedAt());
      assertThat(finished).isAtLeast(started);
      assertThat(finished).isAtMost(result.finishedAt());
      assertThat(step.duration()).isEqualTo(Duration.between(started, finished));
    }
    assertThat(result.duration()).isEqualTo(
        Duration.between(result.startedAt(), result.finishedAt()));
  }

  @Test
  void unknownStepNameThrowsListingTheSteps() {
    PipelineResult<String> result = diamondRun();

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> result.step("shipping"));

    assertThat(e).hasMessageThat().isEqualTo(
        "Pipeline 'OrderFlow' has no step named 'shipping'; its steps are [root, a, b, sink]");
  }

  @Test
  void stepThatNeverStartedHasNoTimesAndZeroDuration() {
    StepRecord record = StepRecord.notStarted("send");

    assertThat(record.duration()).isEqualTo(Duration.ZERO);
    assertThat(record.status().started()).isFalse();
  }

  @Test
  void recordRejectsAStartWithoutAnEnd() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new StepRecord("a", StepStatus.SUCCEEDED, List.of(), Instant.EPOCH, null, null, false, false, Usage.NONE, List.of()));

    assertThat(e).hasMessageThat().isEqualTo("startedAt and finishedAt are set together");
  }

  @Test
  void resultRejectsAStopStateWithoutAStoppingStep() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new PipelineResult<>("OrderFlow", null, ConversationState.incomplete("d", "why"),
            null, List.of(), Instant.EPOCH, Instant.EPOCH));

    assertThat(e).hasMessageThat().isEqualTo("stopState and stoppedAt are set together");
  }
}
