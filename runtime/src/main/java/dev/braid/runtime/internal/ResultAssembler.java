package dev.braid.runtime.internal;

import dev.braid.runtime.AttemptRecord;
import dev.braid.runtime.BraidException;
import dev.braid.runtime.BudgetExceededException;
import dev.braid.runtime.CostBudgetExceededException;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.RunCancelledException;
import dev.braid.runtime.RunDeadlineExceededException;
import dev.braid.runtime.StepExecutionException;
import dev.braid.runtime.StepRecord;
import dev.braid.runtime.StepStatus;
import dev.braid.runtime.TokenBudgetExceededException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Turns a finished run's state into what {@code execute} returns or throws: a {@link
 * PipelineResult}, or an exception carrying the same result as its partial result. Called by the
 * run's owner after every step's thread has ended.
 */
final class ResultAssembler {
  private ResultAssembler() {}

  /**
   * Returns the run's result or throws its exception.
   *
   * @param inputs the run's inputs, or null if it was not given them
   * @param interrupted the caller's interrupt, if that is what ended the run
   */
  @SuppressWarnings("unchecked") // the processor checked the output step's type at compile time
  static <O extends @Nullable Object> PipelineResult<O> finish(Schedule schedule,
      RunCoordinator coordinator,
      RunLedger ledger, RunSettings settings, @Nullable Object @Nullable [] inputs,
      @Nullable InterruptedException interrupted) {
    RunClock clock = coordinator.clock();
    PipelineResult.Builder<O> result = PipelineResult.<O>builder(schedule.pipelineName())
        .steps(records(schedule, coordinator, ledger))
        .times(clock.startedAt(), clock.at(coordinator.settling().endNanos()));
    if (inputs != null) {
      result.inputs(inputs);
    }
    for (int i = 0; i < schedule.size(); i++) {
      StepProgress step = coordinator.progress(i);
      if (step.status.hasOutput()) {
        result.stepOutput(schedule.step(i).name(), step.output);
      }
    }
    String name = schedule.pipelineName();
    if (interrupted != null) {
      Thread.currentThread().interrupt();
      throw withSuppressed(new RunCancelledException(name, interrupted, result.build()),
          coordinator.suppressed());
    }
    RunCoordinator.Stopped stopped = coordinator.stopped();
    if (stopped == null) {
      StepProgress output = coordinator.progress(schedule.outputStep());
      if (!output.status.hasOutput()) {
        throw new IllegalStateException("Pipeline '" + name + "' ended without its output step");
      }
      return result.output((O) output.output).build();
    }
    List<Throwable> suppressed = coordinator.suppressed();
    return switch (stopped.reason()) {
      case STOPPED_EARLY -> result.stoppedEarly(schedule.step(stopped.step()).name(),
          Objects.requireNonNull(stopped.state())).build();
      case FAILED -> {
        StepProgress step = coordinator.progress(stopped.step());
        throw withSuppressed(new StepExecutionException(name, schedule.step(stopped.step()).name(),
            step.attempts.size(), Objects.requireNonNull(step.failure), result.build()),
            suppressed);
      }
      case DEADLINE -> throw withSuppressed(new RunDeadlineExceededException(name,
          Objects.requireNonNull(settings.deadline()), stopped.runningAtStop(), result.build()),
          suppressed);
      case CANCELLED ->
          throw withSuppressed(new RunCancelledException(name, null, result.build()), suppressed);
      case BUDGET -> throw withSuppressed(
          withResult(Objects.requireNonNull(stopped.budget()), result.build()), suppressed);
    };
  }

  /** The budget exception a step saw, carrying the run's final usage and its partial result. */
  private static BudgetExceededException withResult(BudgetExceededException seen,
      PipelineResult<?> result) {
    return switch (seen) {
      case CostBudgetExceededException cost -> new CostBudgetExceededException(
          cost.pipelineName(), cost.stepName(), cost.scope(), cost.budget(), cost.spent(),
          result.usage(), result);
      case TokenBudgetExceededException tokens -> new TokenBudgetExceededException(
          tokens.pipelineName(), tokens.stepName(), tokens.scope(), tokens.budget(), tokens.spent(),
          result.usage(), result);
    };
  }

  private static List<StepRecord> records(Schedule schedule, RunCoordinator coordinator,
      RunLedger ledger) {
    List<StepRecord> records = new ArrayList<>(schedule.size());
    for (int i = 0; i < schedule.size(); i++) {
      records.add(record(schedule, coordinator, ledger, i));
    }
    return records;
  }

  /** The record of step {@code index} as its progress stands. */
  static StepRecord record(Schedule schedule, RunCoordinator coordinator, RunLedger ledger,
      int index) {
    RunClock clock = coordinator.clock();
    StepProgress step = coordinator.progress(index);
    boolean ran = step.status.started();
    List<AttemptRecord> attempts = step.attempts;
    // The first attempt starts when the step does, so its time serves for both, as may the last's
    // end for the step's.
    Instant startedAt = !ran ? null
        : attempts.isEmpty() ? clock.at(step.startedNanos) : attempts.getFirst().startedAt();
    Instant finishedAt = !ran ? null
        : step.endedWithAttempt ? attempts.getLast().finishedAt() : clock.at(step.finishedNanos);
    return new StepRecord(
        schedule.step(index).name(),
        step.status,
        attempts,
        startedAt,
        finishedAt,
        step.status == StepStatus.FAILED ? step.failure : null,
        step.abandoned,
        step.shielded,
        ledger.step(index),
        coordinator.children(index));
  }

  private static <E extends BraidException> E withSuppressed(E exception,
      List<Throwable> suppressed) {
    suppressed.forEach(exception::addSuppressed);
    return exception;
  }
}
