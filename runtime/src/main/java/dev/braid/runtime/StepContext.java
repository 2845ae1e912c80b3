package dev.braid.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the runtime tells a step about the attempt it is running, and the step's way to call models
 * and stream output. Declare a parameter of this type on a {@code @Step} method to receive it.
 *
 * <pre>{@code
 * @Step String draft(@Input String ticket, StepContext context) throws InterruptedException {
 *   log.info("{} attempt {}", context.stepName(), context.attempt());
 *   return context.call(model, "Draft a reply to: " + ticket).value();
 * }
 * }</pre>
 *
 * <p>A step that does nothing but one call can return a {@link ModelRequest} instead, and the
 * executor makes the call through this context. An instance belongs to one attempt of one step. Its methods may be called from threads the
 * step starts, as long as they end before the step returns.
 */
public interface StepContext {

  /** The pipeline's name, as in {@code @Pipeline(name)} or the class's simple name. */
  String pipelineName();

  /** The step's name, as in {@code @Step(name)} or the method's name. */
  String stepName();

  /** The attempt being run, starting at 1. */
  int attempt();

  /**
   * The id of the run: the one given by {@link RunOptions.Builder#runId}, such as a durable run's
   * stored id, else a random one chosen when the run starts. The runtime's contexts have one; this
   * default, for contexts made by hand in tests, has none.
   *
   * @throws UnsupportedOperationException if this context was not made by Braid's runtime
   */
  default String runId() {
    throw new UnsupportedOperationException("This StepContext of step '" + stepName()
        + "' was not made by Braid's runtime and has no run id");
  }

  /**
   * A key for this step's own side effects, the same for every attempt of the step in the run:
   * {@code <run id>/<step name>}. Pass it to a payment API, an e-mail service or a database write
   * so that a retried attempt, or a durable run resumed on another worker, does the effect once.
   */
  default String idempotencyKey() {
    return runId() + "/" + stepName();
  }

  /**
   * Calls a model: the one path through which Braid sees what a step spends. The call
   *
   * <ul>
   *   <li>is refused, with a {@link BudgetExceededException} that also stops the run, if the run's
   *       or the step's cost or token budget is already spent (see {@link CallOptions} to reserve
   *       more than nothing);
   *   <li>runs on this thread, interrupted with the attempt when its timeout or the run's deadline
   *       passes, and sees the time left in {@link ModelCall#remaining()};
   *   <li>is retried on a retryable {@link ModelException} (or another exception the step's
   *       {@code retryOn} and {@code abortOn} let through) with the step's retry count and backoff,
   *       or the call's own ({@link CallOptions}). A failure that escapes this method has had its
   *       retries, so the step does not retry it again;
   *   <li>with a {@link CallOptions} timeout, has each try interrupted when that passes, if the
   *       attempt's timeout or the run's deadline does not come first, and then fails it with a
   *       retryable {@link CallTimeoutException};
   *   <li>records every try's tokens, priced by the run's {@link PriceTable}, with its model and
   *       latency, in the attempt's, the step's and the run's {@link Usage}, failed tries included.
   * </ul>
   *
   * <p>Budgets are checked before each call, against what finished calls have spent plus what
   * calls in flight reserved. A run can therefore overspend a budget by at most the calls in flight
   * when it is reached, beyond their reservations: one call per step running at the time, for steps
   * that call one at a time. Reserve each call's worst case with {@link CallOptions} and it cannot
   * overspend at all.
   *
   * <p>The runtime's contexts do all of this. This default, for contexts made by hand in tests,
   * calls the client once and records nothing.
   *
   * @throws IllegalArgumentException if the run's price table has no price for the client's model
   * @throws BudgetExceededException if a budget refuses the call or the call overran its own
   * @throws ModelException if the call failed and its retries are spent, or it must not be retried
   * @throws InterruptedException if the step was interrupted
   */
  default <Q, R> ModelResponse<R> call(ModelClient<Q, R> client, Q request)
      throws InterruptedException {
    return call(client, request, CallOptions.none());
  }

  /** Calls a model with limits of its own; see {@link #call(ModelClient, Object)}. */
  default <Q, R> ModelResponse<R> call(ModelClient<Q, R> client, Q request, CallOptions options)
      throws InterruptedException {
    ModelCall call = new DirectModelCall(this);
    try {
      return client.call(request, call);
    } catch (InterruptedException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new ModelException(e.toString(), false, 0, e);
    }
  }

  /**
   * Streams a piece of this step's output to whoever listens to the run; see {@link
   * ModelCall#emit}. Does nothing when no one listens, and in this default.
   *
   * @throws InterruptedException if the step is interrupted while a slow listener catches up
   */
  default void emit(String chunk) throws InterruptedException {}

  /** What this step's calls have used so far, over all its attempts; none in this default. */
  default Usage usage() {
    return Usage.NONE;
  }

  /**
   * The settings this attempt runs with, resolved from every layer of configuration, and what is
   * left of its time and budgets now; see {@link EffectiveSettings}. This default, for contexts
   * made by hand in tests, limits nothing but reports {@link #remaining()}.
   */
  default EffectiveSettings settings() {
    EffectiveSettings none = EffectiveSettings.NONE;
    return new EffectiveSettings(none.timeout(), none.retries(), none.retryDelay(),
        none.maxRetryDelay(), remaining(), none.costBudget(), none.tokenBudget(),
        none.costRemaining(), none.tokensRemaining());
  }

  /**
   * When this attempt will be interrupted: the earlier of the run's deadline and the end of this
   * attempt's timeout; empty when neither is set.
   */
  default Optional<Instant> deadline() {
    return Optional.empty();
  }

  /**
   * The time left until {@link #deadline()}, never negative, for a step to pass on to the client
   * it calls; empty when there is no deadline.
   */
  default Optional<Duration> remaining() {
    return deadline().map(at -> {
      Duration left = Duration.between(Instant.now(), at);
      return left.isNegative() ? Duration.ZERO : left;
    });
  }
}
