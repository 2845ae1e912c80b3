package dev.braid.runtime;

/**
 * Holds each model call of a run until it may start, and hears what the call used: how a {@link
 * RateLimiter} shares a model's requests and tokens per minute among runs. The runtime calls
 * {@link #admit} on the step's thread just before every call through {@link StepContext#call},
 * and {@link Admission#settle} after it, however it ended.
 *
 * <pre>{@code
 * RateLimiter limits = RateLimiter.inMemory(
 *     RateLimit.model("gpt-4o").requestsPerMinute(500).tokensPerMinute(200_000));
 * executor.execute(ticket, RunOptions.builder().callGate(limits.gate(priority)).build());
 * }</pre>
 *
 * <p>Implementations must be thread-safe: parallel steps call one gate at once.
 */
public interface CallGate {
  /** A gate that admits every call at once. */
  CallGate OPEN = (call, model) -> Admission.NONE;

  /**
   * Waits until {@code call} to {@code model} may start. The wait ends with the step's attempt:
   * the runtime interrupts the thread at its timeout or the run's deadline ({@link
   * ModelCall#deadline()}).
   *
   * @throws InterruptedException if the step is interrupted while it waits; the call is not made
   */
  Admission admit(ModelCall call, String model) throws InterruptedException;

  /** One admitted call, told what it used. */
  @FunctionalInterface
  interface Admission {
    /** An admission that needs to hear nothing. */
    Admission NONE = used -> {};

    /** The call returned or threw, having used {@code used} as the provider reported it. */
    void settle(Usage used);
  }
}
