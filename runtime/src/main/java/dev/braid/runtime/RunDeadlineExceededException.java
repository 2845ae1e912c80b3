package dev.braid.runtime;

import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Thrown by {@code execute} when a run outlived its deadline: every step still running was
 * interrupted (an uninterruptible one was left to finish on its own), nothing new started, and no
 * retry was attempted.
 */
public final class RunDeadlineExceededException extends BraidException {
  private final Duration deadline;
  private final List<String> runningSteps;

  public RunDeadlineExceededException(String pipelineName, Duration deadline, List<String> runningSteps) {
    this(pipelineName, deadline, runningSteps, null);
  }

  public RunDeadlineExceededException(
      String pipelineName,
      Duration deadline,
      List<String> runningSteps,
      @Nullable PipelineResult<?> partialResult) {
    super(pipelineName, "Run of pipeline '" + pipelineName + "' exceeded its deadline of "
        + Durations.format(deadline)
        + (runningSteps.isEmpty() ? "" : " while running " + quoted(runningSteps)),
        null, partialResult);
    this.deadline = deadline;
    this.runningSteps = List.copyOf(runningSteps);
  }

  private static String quoted(List<String> steps) {
    return steps.stream().map(step -> "'" + step + "'").reduce((a, b) -> a + ", " + b).orElse("");
  }

  /** The limit that was exceeded. */
  public Duration deadline() {
    return deadline;
  }

  /** The steps that were running (or pausing before a retry) when the deadline passed. */
  public List<String> runningSteps() {
    return runningSteps;
  }
}
