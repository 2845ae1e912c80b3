package dev.braid.runtime.internal;

import dev.braid.runtime.StepOutcome;
import dev.braid.runtime.StepStatus;
import dev.braid.runtime.codegen.StepOutputs;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@link StepOutputs} of one run: what a step body reads of its dependencies. A dependency's
 * progress is complete before the reader's latch opened (see {@link StepProgress}), so reads need
 * no lock. Thread-safe for those reads.
 */
final class RunOutputs implements StepOutputs {
  private final Schedule schedule;
  private final StepProgress[] steps;

  RunOutputs(Schedule schedule, StepProgress[] steps) {
    this.schedule = schedule;
    this.steps = steps;
  }

  @Override
  @SuppressWarnings("unchecked") // the processor checked the dependency's type at compile time
  public <T extends @Nullable Object> T get(int stepIndex) {
    StepProgress step = steps[stepIndex];
    if (!step.status.hasOutput()) {
      String name = schedule.step(stepIndex).name();
      throw new IllegalStateException("Step '" + name + "' of pipeline '" + schedule.pipelineName()
          + (step.status == StepStatus.FAILED
              ? "' failed and has no output; read an optional step with optional() or outcome()"
              : step.status == StepStatus.SKIPPED
                  ? "' was skipped and has no output; read a conditional step with optional() or"
                      + " outcome()"
                  : "' has not finished; its output is not available yet"));
    }
    return (T) step.output;
  }

  @Override
  public <T> Optional<T> optional(int stepIndex) {
    return steps[stepIndex].status.hasOutput()
        ? Optional.ofNullable(get(stepIndex))
        : Optional.empty();
  }

  @Override
  public <T extends @Nullable Object> StepOutcome<T> outcome(int stepIndex) {
    StepProgress step = steps[stepIndex];
    if (step.status.hasOutput()) {
      return StepOutcome.success(get(stepIndex));
    }
    if (step.status == StepStatus.SKIPPED) {
      return StepOutcome.skipped("the condition '" + schedule.step(stepIndex).condition()
          + "' of step '" + schedule.step(stepIndex).name() + "' was false");
    }
    Throwable failure = step.failure;
    return StepOutcome.failure(failure != null ? failure : new IllegalStateException(
        "Step '" + schedule.step(stepIndex).name() + "' of pipeline '" + schedule.pipelineName()
            + "' did not run"));
  }
}
