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
import dev.braid.runtime.Usage;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.stream.IntStream;
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
    StepProgress[] progress = coordinator.progress();
    Usage @Nullable [] usage = ledger.steps();
    IntFunction<StepRecord> record = index -> record(schedule, clock, progress[index], index,
        usage == null ? Usage.NONE : usage[index]);
    // The records are made when first read; every thread that could change them has ended, unless
    // an attempt was abandoned, whose thread may still spend or start a child run: then they are
    // made now, as the run stood when it ended.
    PipelineResult.Builder<O> result = PipelineResult.<O>builder(schedule.pipelineName())
        .steps(schedule.stepNames(), record)
        .times(clock.startedAt(), clock.at(coordinator.settling().endNanos()));
    if (inputs != null) {
      result.inputs(inputs);
    }
    boolean abandoned = false;
    for (int i = 0; i < progress.length; i++) {
      StepProgress step = progress[i];
      abandoned |= step.abandoned;
      if (step.status.hasOutput()) {
        result.stepOutput(schedule.step(i).name(), step.output);
      }
    }
    if (abandoned) {
      result.steps(IntStream.range(0, progress.length).mapToObj(record).toList());
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
            step.attemptCount(), Objects.requireNonNull(step.failure), result.build()),
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

  /** The record of step {@code index} as its {@code step} progress stands, with its usage. */
  static StepRecord record(Schedule schedule, RunClock clock, StepProgress step, int index,
      Usage usage) {
    boolean ran = step.status.started();
    List<AttemptRecord> attempts = step.attempts();
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
        usage,
        step.children);
  }

  private static <E extends BraidException> E withSuppressed(E exception,
      List<Throwable> suppressed) {
    suppressed.forEach(exception::addSuppressed);
    return exception;
  }
}
