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
        new StepRecord("ask", StepStatus.STOPPED_EARLY, 2, T0, T0.plusMillis(10), null),
        new StepRecord("later", StepStatus.NOT_STARTED, 0, null, null, null)), T0, T0.plusMillis(10));

    List<String> lines = result.timeline().lines().toList();

    assertThat(lines.get(0)).isEqualTo("Flow: 10 ms, stopped early at ask");
    assertThat(lines.get(1)).endsWith("ms  STOPPED_EARLY  (2 attempts)");
    assertThat(lines.get(2)).isEqualTo("  later  " + " ".repeat(50) + "  not started");
  }

  private static StepRecord record(String name, StepStatus status, long fromMillis, long toMillis) {
    return new StepRecord(name, status, 1, T0.plusMillis(fromMillis), T0.plusMillis(toMillis), null);
  }
}
