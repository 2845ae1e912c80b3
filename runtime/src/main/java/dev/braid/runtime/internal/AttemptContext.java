package dev.braid.runtime.internal;

import dev.braid.runtime.CallOptions;
import dev.braid.runtime.ModelClient;
import dev.braid.runtime.ModelResponse;
import dev.braid.runtime.StepContext;
import dev.braid.runtime.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The {@link StepContext} of one attempt of one step: what the step may know of it, and the calls
 * it makes through the run's {@link CallRunner}. Thread-safe, so that a step may call from threads
 * of its own.
 */
final class AttemptContext implements StepContext {
  private final CallRunner calls;
  private final String pipelineName;
  private final String stepName;
  private final int index;
  private final int attempt;
  private final RunClock clock;
  private final long deadlineNanos;
  /** The thread that made this context: the step's thread, which counts busy while it runs. */
  private final Thread stepThread = Thread.currentThread();
  private Usage usage = Usage.NONE; // guarded by this
  private volatile @Nullable Throwable spent;

  /**
   * @param clock the run's clock, which turns the deadline into wall-clock time when asked
   * @param deadlineNanos when the attempt will be interrupted on the run's {@link RunClock#nanos()}
   *     axis, or {@link Nanos#NONE} for never
   */
  AttemptContext(CallRunner calls, String pipelineName, String stepName, int index, int attempt,
      RunClock clock, long deadlineNanos) {
    this.calls = calls;
    this.pipelineName = pipelineName;
    this.stepName = stepName;
    this.index = index;
    this.attempt = attempt;
    this.clock = clock;
    this.deadlineNanos = deadlineNanos;
  }

  @Override
  public String pipelineName() {
    return pipelineName;
  }

  @Override
  public String stepName() {
    return stepName;
  }

  @Override
  public int attempt() {
    return attempt;
  }

  int index() {
    return index;
  }

  @Override
  public String runId() {
    return calls.runId();
  }

  CallRunner calls() {
    return calls;
  }

  RunClock clock() {
    return clock;
  }

  /** Whether the calling thread is the step's, counted busy on the run's time source. */
  boolean onStepThread() {
    return Thread.currentThread() == stepThread;
  }

  long deadlineNanos() {
    return deadlineNanos;
  }

  @Override
  public Optional<Instant> deadline() {
    return deadlineNanos == Nanos.NONE ? Optional.empty() : Optional.of(clock.at(deadlineNanos));
  }

  @Override
  public Optional<Duration> remaining() {
    return deadlineNanos == Nanos.NONE
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(Math.max(0, deadlineNanos - clock.nanos())));
  }

  @Override
  public <Q, R> ModelResponse<R> call(ModelClient<Q, R> client, Q request, CallOptions options)
      throws InterruptedException {
    return calls.call(this, client, request, options);
  }

  @Override
  public void emit(String chunk) throws InterruptedException {
    calls.emit(this, chunk);
  }

  @Override
  public Usage usage() {
    return calls.ledger().step(index);
  }

  /** What this attempt's calls used. */
  synchronized Usage attemptUsage() {
    return usage;
  }

  synchronized void add(Usage used) {
    usage = usage.plus(used);
  }

  /**
   * Notes that {@code failure} leaves a call with its retries already decided, so that the step
   * does not retry it again, and returns it to be thrown.
   */
  <T extends Throwable> T spent(T failure) {
    spent = failure;
    return failure;
  }

  /** Whether {@code failure} is, or wraps, a failure a call already retried or refused to. */
  boolean retriesSpentOn(Throwable failure) {
    Throwable mark = spent;
    Throwable current = failure;
    for (int depth = 0; mark != null && current != null && depth < 16; depth++) {
      if (current == mark) {
        return true;
      }
      current = current.getCause();
    }
    return false;
  }
}
