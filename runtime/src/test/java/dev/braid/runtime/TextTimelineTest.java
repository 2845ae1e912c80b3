package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextTimelineTest {
  private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

  @Test
  void drawsEachStepAsABarOnOneTimeAxisSoParallelStepsOverlap() {
    PipelineResult<String> result = new PipelineResult<>("Flow", "out", null, null, List.of(
        record("root", StepStatus.SUCCEEDED, 0, 100),
        record("left", StepStatus.SUCCEEDED, 100, 500),
        record("right", StepStatus.SUCCEEDED, 100, 300),
        record("sink", StepStatus.SUCCEEDED, 500, 1000)), T0, T0.plusMillis(1000));

    List<String> lines = result.timeline().lines().toList();

    assertThat(lines.get(0)).isEqualTo("Flow: 1000 ms");
    assertThat(lines.get(1)).isEqualTo("  root   █████" + " ".repeat(45) + "      0 ms +   100 ms");
    assertThat(lines.get(2)).isEqualTo("  left        " + "█".repeat(20) + " ".repeat(25) + "    100 ms +   400 ms");
    assertThat(lines.get(3)).isEqualTo("  right       " + "█".repeat(10) + " ".repeat(35) + "    100 ms +   200 ms");
    assertThat(lines.get(4)).isEqualTo("  sink   " + " ".repeat(25) + "█".repeat(25) + "    500 ms +   500 ms");
  }

  @Test
  void marksStepsThatDidNotSucceedAndThoseThatNeverStarted() {
    PipelineResult<String> result = new PipelineResult<>("Flow", null,
        ConversationState.incomplete("partial", "need more"), "ask", List.of(
        new StepRecord("ask", StepStatus.STOPPED_EARLY, List.of(
            attempt(1, AttemptOutcome.FAILED, 0, 5), attempt(2, AttemptOutcome.STOPPED_EARLY, 5, 10)),
            null),
        StepRecord.notStarted("later")), T0, T0.plusMillis(10));

    List<String> lines = result.timeline().lines().toList();

    assertThat(lines.get(0)).isEqualTo("Flow: 10 ms, stopped early at ask");
    assertThat(lines.get(1)).endsWith("ms  STOPPED_EARLY  (2 attempts: FAILED, STOPPED_EARLY)");
    assertThat(lines.get(2)).isEqualTo("  later  " + " ".repeat(50) + "  not started");
  }

  private static StepRecord record(String name, StepStatus status, long fromMillis, long toMillis) {
    return new StepRecord(
        name, status, List.of(attempt(1, AttemptOutcome.SUCCEEDED, fromMillis, toMillis)), null);
  }

  private static AttemptRecord attempt(
      int number, AttemptOutcome outcome, long fromMillis, long toMillis) {
    return new AttemptRecord(number, outcome, T0.plusMillis(fromMillis), T0.plusMillis(toMillis), null);
  }

  @Test
  void marksAbandonedShieldedAndReusedSteps() {
    PipelineResult<String> result = new PipelineResult<>("Flow", "out", null, null, List.of(
        new StepRecord("cached", StepStatus.REUSED, List.of(), null, null, null, false, false, Usage.NONE, List.of()),
        new StepRecord("stuck", StepStatus.FAILED,
            List.of(attempt(1, AttemptOutcome.TIMED_OUT, 0, 10)), T0, T0.plusMillis(10), null,
            true, false, Usage.NONE, List.of()),
        new StepRecord("charge", StepStatus.SUCCEEDED,
            List.of(attempt(1, AttemptOutcome.SUCCEEDED, 0, 10)), T0, T0.plusMillis(10), null,
            false, true, Usage.NONE, List.of())), T0, T0.plusMillis(10));

    List<String> lines = result.timeline().lines().toList();

    assertThat(lines.get(1)).isEqualTo("  cached  " + " ".repeat(50) + "  reused");
    assertThat(lines.get(2)).endsWith("ms  FAILED  abandoned");
    assertThat(lines.get(3)).endsWith("ms  shielded");
  }

  @Test
  void drawsTheWaitForASlotLightAtTheStartOfTheBarAndSaysHowLongItWas() {
    PipelineResult<String> result = new PipelineResult<>("Flow", "out", null, null, List.of(
        new StepRecord("draft", StepStatus.SUCCEEDED, List.of(new AttemptRecord(1,
            AttemptOutcome.SUCCEEDED, T0, T0.plusMillis(100), null, Usage.NONE,
            java.time.Duration.ofMillis(40))), null)), T0, T0.plusMillis(100));

    List<String> lines = result.timeline().lines().toList();

    assertThat(lines.get(1)).isEqualTo("  draft  " + "░".repeat(20) + "█".repeat(30)
        + "      0 ms +   100 ms  waited 40 ms for a slot");
  }
}
