package dev.braid.runtime.internal;

import dev.braid.runtime.CallOptions;
import dev.braid.runtime.EffectiveSettings;
import dev.braid.runtime.ModelClient;
import dev.braid.runtime.ModelResponse;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.StepContext;
import dev.braid.runtime.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * The {@link StepContext} of one attempt of one step: what the step may know of it, and the calls
 * it makes through the run's {@link CallRunner}. Thread-safe, so that a step may call from threads
 * of its own.
 *
 * <p>It is also what ties a child run to the attempt that started it ({@link #parentOf}): the
 * child ends by this attempt's deadline, shares its time source, draws on its step's and run's
 * budgets as well as its own, charges what it uses to them, and is recorded in the step's record.
 * Cancellation needs no tie: the child runs on the step's thread, which the parent's stop
 * interrupts.
 */
final class AttemptContext implements StepContext {
  /** The run's one lock, which guards what the attempt's calls used and its wait for a slot. */
  private final ReentrantLock lock;
  private final CallRunner calls;
  private final String pipelineName;
  private final String stepName;
  private final int index;
  private final int attempt;
  private final RunClock clock;
  private final long deadlineNanos;
  /** The thread that made this context: the step's thread, which counts busy while it runs. */
  private final Thread stepThread = Thread.currentThread();
  // Written under the lock; volatile so that the attempt's record reads them without it, once the
  // attempt has ended, in one step's transition rather than three.
  private volatile Usage usage = Usage.NONE;
  private volatile SlotWait slotWait = SlotWait.NONE;
  private volatile long waitedNanos;
  private volatile @Nullable Throwable spent;

  /**
   * @param clock the run's clock, which turns the deadline into wall-clock time when asked
   * @param deadlineNanos when the attempt will be interrupted on the run's {@link RunClock#nanos()}
   *     axis, or {@link RunClock#NONE} for never
   */
  AttemptContext(CallRunner calls, String pipelineName, String stepName, int index, int attempt,
      RunClock clock, long deadlineNanos) {
    this.lock = calls.lock();
    this.calls = calls;
    this.pipelineName = pipelineName;
    this.stepName = stepName;
    this.index = index;
    this.attempt = attempt;
    this.clock = clock;
    this.deadlineNanos = deadlineNanos;
  }

  /**
   * The attempt {@code context} belongs to, as the parent of a child run.
   *
   * @throws IllegalArgumentException if {@code context} is not one Braid handed to a running step
   */
  static AttemptContext parentOf(StepContext context) {
    if (!(context instanceof AttemptContext attempt)) {
      throw new IllegalArgumentException("RunOptions.childOf needs the StepContext Braid passed to"
          + " a running step, not " + context.getClass().getName());
    }
    return attempt;
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
    return at(deadlineNanos);
  }

  /** The wall-clock time of {@code nanos} on the {@link System#nanoTime()} axis; empty for none. */
  Optional<Instant> at(long nanos) {
    return nanos == RunClock.NONE ? Optional.empty() : Optional.of(clock.at(nanos));
  }

  @Override
  public Optional<Duration> remaining() {
    return deadlineNanos == RunClock.NONE
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
  public EffectiveSettings settings() {
    StepSettings step = calls.stepSettings(index);
    long[] left = calls.ledger().left(index);
    return new EffectiveSettings(Optional.ofNullable(step.timeout()), step.retries(),
        step.retryDelay(), step.maxRetryDelay(), remaining(), limit(step.costBudget()),
        limit(step.tokenBudget()), limit(left[0]), limit(left[1]));
  }

  private static OptionalLong limit(long value) {
    return value < 0 ? OptionalLong.empty() : OptionalLong.of(value);
  }

  @Override
  public Usage usage() {
    return calls.ledger().step(index);
  }

  /** What this attempt's calls used. */
  Usage attemptUsage() {
    return usage;
  }

  void add(Usage used) {
    lock.lock();
    try {
      usage = usage.plus(used);
    } finally {
      lock.unlock();
    }
  }

  /** Where the attempt stands with its step's concurrency cap, if the step has one. */
  enum SlotWait {
    /** It has not asked for a slot (yet). */
    NONE,
    /** It waits for a slot, or gave up waiting when its timeout or the run interrupted it. */
    WAITING,
    /** It holds a slot and its code runs. */
    ADMITTED,
    /** The run stopped it before it was admitted: it must not take a slot. */
    WITHDRAWN
  }

  /** Notes that the attempt asks for a slot; false if the run withdrew it already. */
  boolean startWaiting() {
    lock.lock();
    try {
      if (slotWait == SlotWait.WITHDRAWN) {
        return false;
      }
      slotWait = SlotWait.WAITING;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Notes that the attempt got its slot after {@code waited} nanoseconds; false if the run withdrew
   * it meanwhile, in which case it gives the slot back and does not run.
   */
  boolean admitted(long waited) {
    lock.lock();
    try {
      waitedNanos += waited;
      if (slotWait == SlotWait.WITHDRAWN) {
        return false;
      }
      slotWait = SlotWait.ADMITTED;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Notes that the attempt stopped waiting, without a slot, after {@code waited} nanoseconds. */
  void gaveUpWaiting(long waited) {
    lock.lock();
    try {
      waitedNanos += waited;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Withdraws an attempt the run is stopping before it was admitted: true if it is waiting for a
   * slot now, so the caller interrupts its thread. An admitted attempt is left alone.
   */
  boolean withdraw() {
    lock.lock();
    try {
      if (slotWait == SlotWait.ADMITTED) {
        return false;
      }
      boolean waiting = slotWait == SlotWait.WAITING;
      slotWait = SlotWait.WITHDRAWN;
      return waiting;
    } finally {
      lock.unlock();
    }
  }

  /** Whether the attempt ended while it still waited for a slot. */
  boolean endedWaiting() {
    return slotWait == SlotWait.WAITING;
  }

  /** How long the attempt waited for slots, in nanoseconds. */
  long waitedNanos() {
    return waitedNanos;
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

  // ---- As the parent of a child run ----

  /**
   * Holds a child run's call against this attempt's step and run budgets.
   *
   * @throws dev.braid.runtime.BudgetExceededException if a budget refuses it, after stopping this
   *     run
   */
  RunLedger.Reservation reserveForChild(CallOptions options, boolean priced) {
    return calls.reserveForChild(this, options, priced);
  }

  /** Charges what a child run's call used to this attempt, its step and its run. */
  void settleForChild(RunLedger.Reservation reservation, Usage used) {
    calls.settleForChild(this, reservation, used);
  }

  /** Records a finished child run, or the partial result of one that threw, in the step. */
  void recordChild(PipelineResult<?> child) {
    calls.recordChild(this, child);
  }
}
