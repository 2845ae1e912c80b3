package dev.braid.runtime.internal;

import dev.braid.runtime.BudgetExceededException;
import dev.braid.runtime.CallGate;
import dev.braid.runtime.CallOptions;
import dev.braid.runtime.CallTimeoutException;
import dev.braid.runtime.ChunkListener;
import dev.braid.runtime.ModelCall;
import dev.braid.runtime.ModelClient;
import dev.braid.runtime.ModelException;
import dev.braid.runtime.ModelPrice;
import dev.braid.runtime.ModelResponse;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.RunListener;
import dev.braid.runtime.StreamChunk;
import dev.braid.runtime.Usage;
import dev.braid.runtime.codegen.StepPlan;
import dev.braid.runtime.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Makes the model calls and streams the chunks of one run's steps, as {@code StepContext.call}
 * and {@code emit} promise: prices each call, admits it against the budgets, limits each try to
 * the call's own timeout, retries it with the call's or else the step's retries and backoff,
 * records what every try used, and serializes chunks to the run's listener.
 * Thread-safe.
 */
final class CallRunner {
  private final Schedule schedule;
  private final RunSettings settings;
  private final RunCoordinator coordinator;
  private final RetryPolicy retries;
  private final RunLedger ledger;
  private final @Nullable ChunkListener listener;
  private final @Nullable ReentrantLock emitting;

  CallRunner(Schedule schedule, RunSettings settings, RunCoordinator coordinator,
      RetryPolicy retries, RunLedger ledger) {
    this.schedule = schedule;
    this.settings = settings;
    this.coordinator = coordinator;
    this.retries = retries;
    this.ledger = ledger;
    this.listener = settings.chunkListener();
    this.emitting = listener == null ? null : new ReentrantLock();
  }

  /** The run's one lock. */
  ReentrantLock lock() {
    return coordinator.lock();
  }

  RunLedger ledger() {
    return ledger;
  }

  /** The resolved settings of step {@code index}. */
  StepSettings stepSettings(int index) {
    return settings.step(index);
  }

  <Q, R> ModelResponse<R> call(AttemptContext context, ModelClient<Q, R> client, Q request,
      CallOptions options) throws InterruptedException {
    Objects.requireNonNull(client, "client");
    Objects.requireNonNull(options, "options");
    int index = context.index();
    StepPlan step = schedule.step(index);
    StepSettings callSettings = StepSettings.forCall(settings.step(index), options);
    long timeoutNanos = callSettings.timeout() == null ? RunClock.NONE : RunClock.nanos(callSettings.timeout());
    ModelPrice price = price(context, client);
    boolean priced = !price.equals(ModelPrice.FREE);
    for (int number = 1; ; number++) {
      if (coordinator.stopping() && step.interruptible()) {
        throw context.spent(new InterruptedException("Pipeline '" + schedule.pipelineName()
            + "' is stopping, so step '" + step.name() + "' may not call model '" + client.model()
            + "'"));
      }
      RunLedger.Reservation reservation;
      try {
        reservation = ledger.reserve(index, options, priced);
      } catch (BudgetExceededException refused) {
        coordinator.stopForBudget(index, refused);
        throw context.spent(refused);
      }
      CallGate.Admission admission;
      try {
        admission = settings.callGate().admit(
            new RunModelCall(this, context, number, context.deadlineNanos()), client.model());
      } catch (InterruptedException refused) {
        ledger.settle(index, reservation, Usage.NONE, options);
        throw context.spent(refused);
      } catch (RuntimeException refused) {
        ledger.settle(index, reservation, Usage.NONE, options);
        throw context.spent(refused);
      }
      ModelResponse<R> response = null;
      Throwable failure = null;
      RunListeners observer = coordinator.listeners();
      RunListener.CallScope heard =
          observer == null ? RunListener.CallScope.NONE : observer.modelCallStarted(context, client.model());
      RunClock clock = context.clock();
      long sentAt = clock.nanos();
      long tryDeadline = Math.min(context.deadlineNanos(), timeoutNanos == RunClock.NONE
          ? RunClock.NONE : RunClock.after(clock.nanos(), callSettings.timeout()));
      CallTimer timer = CallTimer.start(clock, timeoutNanos, context.deadlineNanos());
      try {
        response = client.call(request, new RunModelCall(this, context, number, tryDeadline));
      } catch (Throwable thrown) {
        failure = thrown;
      }
      if (timer != null && timer.stop() && response == null) {
        failure = timedOut(context, client, callSettings, number, failure);
      }
      Duration latency = Duration.ofNanos(clock.nanos() - sentAt);
      String model = client.model();
      Usage used = response != null
          ? used(model, price, response.inputTokens(), response.cachedInputTokens(),
              response.outputTokens(), latency)
          : failure instanceof ModelException billed
              ? used(model, price, billed.inputTokens(), billed.cachedInputTokens(),
                  billed.outputTokens(), latency)
              : used(model, price, 0, 0, 0, latency);
      heard.ended(used, failure);
      admission.settle(used);
      context.add(used);
      BudgetExceededException overrun = ledger.settle(index, reservation, used, options);
      if (overrun != null) {
        coordinator.stopForBudget(index, overrun);
        throw context.spent(overrun);
      }
      if (response != null) {
        return response;
      }
      if (!retryable(step, callSettings, number, failure) || coordinator.stopping()
          || !pause(context, callSettings, number)) {
        throw fail(context, client, failure);
      }
    }
  }

  /** One try's usage: a try that reported no tokens, such as a failed one, counts as a call. */
  private static Usage used(String model, ModelPrice price, long input, long cached, long output,
      Duration latency) {
    long cost = input == 0 && output == 0 ? 0 : price.cost(input, cached, output);
    return Usage.ofCall(model, input, cached, output, cost, latency);
  }

  /**
   * What a try that failed after its own timeout passed fails with: a {@link
   * CallTimeoutException}, unless the run is stopping or the attempt's own time is up as well, in
   * which case the interrupt is theirs, so it is kept and the failure is left as it is.
   */
  private Throwable timedOut(AttemptContext context, ModelClient<?, ?> client,
      StepSettings callSettings, int number, @Nullable Throwable failure) {
    if (coordinator.stopping() || (context.deadlineNanos() != RunClock.NONE
        && context.clock().nanos() - context.deadlineNanos() >= 0)) {
      Thread.currentThread().interrupt();
      return failure;
    }
    CallTimeoutException timeout = new CallTimeoutException(schedule.pipelineName(),
        context.stepName(), client.model(), Objects.requireNonNull(callSettings.timeout()),
        number, callSettings.retries() + 1);
    if (failure != null) {
      timeout.addSuppressed(failure);
    }
    return timeout;
  }

  private ModelPrice price(AttemptContext context, ModelClient<?, ?> client) {
    String model = Objects.requireNonNull(client.model(), "ModelClient.model()");
    try {
      return settings.prices().price(model);
    } catch (IllegalArgumentException unpriced) {
      throw context.spent(new IllegalArgumentException("Step '" + context.stepName()
          + "' of pipeline '" + schedule.pipelineName() + "' cannot call a model it cannot price: "
          + unpriced.getMessage(), unpriced));
    }
  }

  /** Whether a failed try is worth another: as the provider classified it, else as the step says. */
  private static boolean retryable(StepPlan step, StepSettings settings, int number, Throwable failure) {
    if (RunClock.interruptedBy(failure)) {
      return false;
    }
    if (failure instanceof ModelException classified) {
      return classified.retryable() && number <= settings.retries();
    }
    return RetryPolicy.shouldRetry(step, settings, number, failure);
  }

  /** Pauses before the next try; false if the pause would outlast the attempt's deadline. */
  private boolean pause(AttemptContext context, StepSettings settings, int number)
      throws InterruptedException {
    Duration pause = retries.pause(settings, number);
    if (context.deadlineNanos() != RunClock.NONE
        && RunClock.after(context.clock().nanos(), pause) >= context.deadlineNanos()) {
      return false;
    }
    if (!pause.isZero()) {
      context.clock().sleep(RunClock.nanos(pause));
    }
    return true;
  }

  /**
   * Throws what a call that will not be tried again throws: the failure itself, or a checked one
   * wrapped in a {@link ModelException}; marked so that the step does not retry it.
   */
  private RuntimeException fail(AttemptContext context, ModelClient<?, ?> client, Throwable failure)
      throws InterruptedException {
    switch (failure) {
      case InterruptedException interrupted -> throw context.spent(interrupted);
      case RuntimeException runtime -> throw context.spent(runtime);
      case Error error -> throw context.spent(error);
      default -> throw context.spent(new ModelException("Model '" + client.model()
          + "' failed in step '" + context.stepName() + "' of pipeline '"
          + schedule.pipelineName() + "': " + failure, false, 0, failure));
    }
  }

  /**
   * Holds a call of a child run against the budgets of {@code parent}'s step and of this run; a
   * refusal stops this run, as one of its own calls would.
   */
  RunLedger.Reservation reserveForChild(AttemptContext parent, CallOptions options, boolean priced) {
    try {
      return ledger.reserve(parent.index(), options, priced);
    } catch (BudgetExceededException refused) {
      coordinator.stopForBudget(parent.index(), refused);
      throw refused;
    }
  }

  /** Charges what a call of a child run used to {@code parent}'s attempt, its step and this run. */
  void settleForChild(AttemptContext parent, RunLedger.Reservation reservation, Usage used) {
    parent.add(used);
    ledger.settle(parent.index(), reservation, used, CallOptions.none());
  }

  /** Keeps a child run's result in the record of {@code parent}'s step. */
  void recordChild(AttemptContext parent, PipelineResult<?> child) {
    coordinator.addChild(parent.index(), child);
  }

  /** Passes a chunk to the run's listener, one at a time, on the calling thread. */
  void emit(AttemptContext context, String chunk) throws InterruptedException {
    Objects.requireNonNull(chunk, "chunk");
    RunListeners observer = coordinator.listeners();
    if (listener == null && observer == null) {
      return;
    }
    StreamChunk streamed = new StreamChunk(context.stepName(), context.attempt(), chunk);
    if (observer != null) {
      observer.chunkStreamed(context, streamed);
    }
    if (listener != null && emitting != null) {
      emitting.lockInterruptibly();
      try {
        listener.onChunk(streamed);
      } finally {
        emitting.unlock();
      }
    }
  }

  /** The run's id, as its steps and listeners see it. */
  String runId() {
    return coordinator.runId();
  }

  /**
   * The {@link ModelCall} of one try of one call.
   *
   * @param deadlineNanos when the try is interrupted: the earliest of its own timeout, its
   *     attempt's and its run's, or {@link RunClock#NONE}
   */
  private record RunModelCall(CallRunner calls, AttemptContext context, int callAttempt,
      long deadlineNanos) implements ModelCall {

    @Override
    public String pipelineName() {
      return context.pipelineName();
    }

    @Override
    public String stepName() {
      return context.stepName();
    }

    @Override
    public int stepAttempt() {
      return context.attempt();
    }

    @Override
    public Optional<Instant> deadline() {
      return context.at(deadlineNanos);
    }

    @Override
    public Optional<Duration> remaining() {
      return deadlineNanos == RunClock.NONE
          ? Optional.empty()
          : Optional.of(Duration.ofNanos(Math.max(0, deadlineNanos - context.clock().nanos())));
    }

    @Override
    public void emit(String chunk) throws InterruptedException {
      calls.emit(context, chunk);
    }
  }

  /**
   * The alarm of one try of a model call with a timeout of its own: it interrupts the calling thread
   * when the timeout passes, unless the try has ended first. {@link #stop} tells which happened and
   * takes back the interrupt the alarm delivered, so that it does not leak into the step's code.
   * Used by the calling thread and the alarm thread; the monitor orders the alarm's interrupt before
   * {@link #stop} returns.
   */
  private static final class CallTimer {
    private final Thread caller;
    private final TimeSource.Alarm alarm;
    private boolean stopped; // guarded by this
    private boolean rang; // guarded by this

    private CallTimer(RunClock clock, long timeoutNanos) {
      this.caller = Thread.currentThread();
      this.alarm = clock.schedule(this::ring, timeoutNanos);
    }

    /**
     * Arms a timer on the run's time for the calling thread, or returns null if the try has no timeout of its own or
     * the attempt ends first anyway.
     *
     * @param clock the run's time, on which the timer is armed and read
     * @param timeoutNanos the try's own timeout, or {@link RunClock#NONE}
     * @param attemptDeadlineNanos when the attempt is interrupted, or {@link RunClock#NONE}
     */
    static @Nullable CallTimer start(RunClock clock, long timeoutNanos, long attemptDeadlineNanos) {
      if (timeoutNanos == RunClock.NONE) {
        return null;
      }
      if (attemptDeadlineNanos != RunClock.NONE
          && attemptDeadlineNanos - clock.nanos() <= timeoutNanos) {
        return null;
      }
      return new CallTimer(clock, timeoutNanos);
    }

    private synchronized void ring() {
      if (!stopped) {
        rang = true;
        caller.interrupt();
      }
    }

    /**
     * Disarms the timer, on the calling thread once the try has ended. Returns whether the timeout
     * passed first; if so, clears the interrupt it delivered.
     */
    boolean stop() {
      alarm.cancel();
      synchronized (this) {
        stopped = true;
        if (!rang) {
          return false;
        }
      }
      Thread.interrupted();
      return true;
    }
  }
}
