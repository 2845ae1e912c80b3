package dev.braid.runtime;

import java.time.Duration;
import java.util.List;

/**
 * Thrown by {@code execute} when a run outlived its deadline: every step still running was
 * interrupted, and nothing new started.
 */
public final class RunDeadlineExceededException extends BraidException {
  private final Duration deadline;
  private final List<String> runningSteps;

  public RunDeadlineExceededException(String pipelineName, Duration deadline, List<String> runningSteps) {
    super(pipelineName, "Run of pipeline '" + pipelineName + "' exceeded its deadline of "
        + Durations.format(deadline)
        + (runningSteps.isEmpty() ? "" : " while running " + quoted(runningSteps)), null);
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

  /** The steps that were running when the deadline passed. */
  public List<String> runningSteps() {
    return runningSteps;
  }
}
