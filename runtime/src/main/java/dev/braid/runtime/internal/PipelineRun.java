package dev.braid.runtime.internal;

import dev.braid.runtime.ConversationState;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.RunCancelledException;
import dev.braid.runtime.StepExecutionException;
import dev.braid.runtime.StepOutcome;
import dev.braid.runtime.StepRecord;
import dev.braid.runtime.StepStatus;
import dev.braid.runtime.StepTimeoutException;
import dev.braid.runtime.codegen.StepBody;
import dev.braid.runtime.codegen.StepOutputs;
import dev.braid.runtime.codegen.StepPlan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.jspecify.annotations.Nullable;

/**
 * One run of a pipeline, and the one owner of its state.
 *
 * <p>Every step gets a virtual thread when the run starts; it waits on its own latch until its last
 * dependency has finished, so each step starts the moment it can, never level by level. The first
 * step to fail or to return an incomplete {@link ConversationState} stops the run: the decision is
 * taken under {@link #lock}, the scope then interrupts every step still running or waiting, steps
 * not yet started never start, and {@link #execute()} returns only after every thread has ended.
 * Step code always runs outside the lock.
 *
 * <p>Per-step fields are written only by that step's thread; a dependent reads them after its latch
 * opens, and the caller after the scope has joined, both of which order the writes before the
 * reads.
 */
public final class PipelineRun<O extends @Nullable Object> implements StepOutputs {
  private final Schedule schedule;
  private final StepBody[] bodies;
  private final @Nullable CountDownLatch[] ready;
  private final @Nullable Object[] outputs;
  private final StepStatus[] statuses;
  private final int[] attempts;
  private final long[] startedNanos;
  private final long[] finishedNanos;
  private final @Nullable Throwable[] failures;

  private final Object lock = new Object();
  private volatile boolean stopping;
  private int failedStep = -1; // guarded by lock
  private final List<Throwable> suppressed = new ArrayList<>(); // guarded by lock
  private int stoppedStep = -1; // guarded by lock
  private @Nullable ConversationState<?> stopState; // guarded by lock

  public PipelineRun(Schedule schedule, StepBody[] bodies) {
    int size = schedule.size();
    this.schedule = schedule;
    this.bodies = bodies;
    this.ready = new CountDownLatch[size];
    this.outputs = new Object[size];
    this.statuses = new StepStatus[size];
    this.attempts = new int[size];
    this.startedNanos = new long[size];
    this.finishedNanos = new long[size];
    this.failures = new Throwable[size];
    Arrays.fill(statuses, StepStatus.NOT_STARTED);
    for (int i = 0; i < size; i++) {
      int dependencies = schedule.step(i).dependencyCount();
      ready[i] = dependencies == 0 ? null : new CountDownLatch(dependencies);
    }
  }

  /**
   * Runs every step and returns once all threads of the run have ended.
   *
   * @throws StepExecutionException if a step failed
   * @throws RunCancelledException if the calling thread was interrupted
   */
  public PipelineResult<O> execute() {
    Instant startedAt = Instant.now();
    long startNanos = System.nanoTime();
    List<Runnable> tasks = new ArrayList<>(schedule.size());
    for (int i = 0; i < schedule.size(); i++) {
      int step = i;
      tasks.add(() -> runStep(step));
    }
    try {
      StructuredRun.forkAll(schedule.pipelineName(), tasks, () -> stopping, this::cancel);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RunCancelledException(schedule.pipelineName(), e);
    }
    Instant finishedAt = startedAt.plusNanos(System.nanoTime() - startNanos);
    synchronized (lock) {
      if (failedStep >= 0) {
        throw failure();
      }
      return result(startedAt, startNanos, finishedAt);
    }
  }

  @Override
  @SuppressWarnings("unchecked") // the processor checked the dependency's type at compile time
  public <T extends @Nullable Object> T get(int stepIndex) {
    if (statuses[stepIndex] != StepStatus.SUCCEEDED) {
      throw new IllegalStateException("Step '" + schedule.step(stepIndex).name() + "' of pipeline '"
          + schedule.pipelineName() + "' has not finished; its output is not available yet");
    }
    return (T) outputs[stepIndex];
  }

  @Override
  public <T> Optional<T> optional(int stepIndex) {
    return statuses[stepIndex] == StepStatus.SUCCEEDED ? Optional.ofNullable(get(stepIndex)) : Optional.empty();
  }

  @Override
  public <T extends @Nullable Object> StepOutcome<T> outcome(int stepIndex) {
    if (statuses[stepIndex] == StepStatus.SUCCEEDED) {
      return StepOutcome.success(get(stepIndex));
    }
    Throwable failure = failures[stepIndex];
    return StepOutcome.failure(failure != null ? failure : new IllegalStateException(
        "Step '" + schedule.step(stepIndex).name() + "' did not run"));
  }

  private void runStep(int index) {
    Thread.currentThread().setName(schedule.threadName(index));
    CountDownLatch latch = ready[index];
    try {
      if (latch != null) {
        latch.await();
      }
    } catch (InterruptedException e) {
      return; // the run stopped before this step could start
    }
    if (stopping) {
      return;
    }
    StepPlan step = schedule.step(index);
    startedNanos[index] = System.nanoTime();
    for (int attempt = 1; ; attempt++) {
      attempts[index] = attempt;
      Attempt outcome = attempt(step, attempt);
      if (outcome.failure == null) {
        finishedNanos[index] = System.nanoTime();
        succeed(index, step, outcome.value);
        return;
      }
      if (stopping || !Retries.shouldRetry(step, attempt, outcome.failure)) {
        finishedNanos[index] = System.nanoTime();
        fail(index, outcome.failure);
        return;
      }
      if (!Retries.pause(step)) {
        finishedNanos[index] = System.nanoTime();
        statuses[index] = StepStatus.CANCELLED;
        return;
      }
    }
  }

  /** Runs one attempt of {@code step} under its timeout; never throws. */
  private Attempt attempt(StepPlan step, int attempt) {
    Duration timeout = step.timeout();
    AttemptTimer timer = timeout == null ? null : AttemptTimer.start(timeout);
    Object value = null;
    Throwable failure = null;
    try {
      value = bodies[step.index()].run(this,
          new AttemptContext(schedule.pipelineName(), step.name(), attempt));
    } catch (Throwable thrown) {
      failure = thrown;
    }
    if (timer != null && timer.finish() && timeout != null && !stopping) {
      StepTimeoutException timedOut = new StepTimeoutException(
          schedule.pipelineName(), step.name(), timeout, attempt, step.retries() + 1);
      if (failure != null) {
        timedOut.addSuppressed(failure);
      }
      failure = timedOut;
    }
    return new Attempt(value, failure);
  }

  private record Attempt(@Nullable Object value, @Nullable Throwable failure) {}

  private void succeed(int index, StepPlan step, @Nullable Object value) {
    if (step.conversational()) {
      if (!(value instanceof ConversationState<?> state)) {
        fail(index, new NullPointerException("Step '" + step.name() + "' of pipeline '"
            + schedule.pipelineName() + "' returned null instead of a ConversationState"));
        return;
      }
      if (!state.isComplete()) {
        statuses[index] = StepStatus.STOPPED_EARLY;
        stopEarly(index, state);
        return;
      }
      value = state.data();
    }
    outputs[index] = value;
    statuses[index] = StepStatus.SUCCEEDED;
    for (int dependent : schedule.dependents(index)) {
      CountDownLatch latch = ready[dependent];
      if (latch != null) {
        latch.countDown();
      }
    }
  }

  private void fail(int index, Throwable failure) {
    if (stopping && Interruptions.causedBy(failure)) {
      statuses[index] = StepStatus.CANCELLED;
      return;
    }
    statuses[index] = StepStatus.FAILED;
    failures[index] = failure;
    synchronized (lock) {
      if (failedStep < 0 && stoppedStep < 0) {
        failedStep = index;
        stopping = true;
      } else {
        suppressed.add(failure);
      }
    }
  }

  /** Stops the run because its caller was interrupted: no step starts or retries from now on. */
  private void cancel() {
    synchronized (lock) {
      stopping = true;
    }
  }

  private void stopEarly(int index, ConversationState<?> state) {
    synchronized (lock) {
      if (failedStep < 0 && stoppedStep < 0) {
        stoppedStep = index;
        stopState = state;
        stopping = true;
      }
    }
  }

  private StepExecutionException failure() {
    Throwable cause = failures[failedStep];
    StepExecutionException exception = new StepExecutionException(
        schedule.pipelineName(), schedule.step(failedStep).name(), attempts[failedStep], cause);
    suppressed.forEach(exception::addSuppressed);
    return exception;
  }

  @SuppressWarnings("unchecked") // the processor checked the output step's type at compile time
  private PipelineResult<O> result(Instant startedAt, long startNanos, Instant finishedAt) {
    List<StepRecord> records = new ArrayList<>(schedule.size());
    for (int i = 0; i < schedule.size(); i++) {
      boolean started = statuses[i].started();
      records.add(new StepRecord(
          schedule.step(i).name(),
          statuses[i],
          attempts[i],
          started ? startedAt.plusNanos(startedNanos[i] - startNanos) : null,
          started ? startedAt.plusNanos(finishedNanos[i] - startNanos) : null,
          failures[i]));
    }
    ConversationState<?> state = stopState;
    return new PipelineResult<>(
        schedule.pipelineName(),
        state == null ? (O) outputs[schedule.outputStep()] : null,
        state,
        state == null ? null : schedule.step(stoppedStep).name(),
        records,
        startedAt,
        finishedAt);
  }
}
