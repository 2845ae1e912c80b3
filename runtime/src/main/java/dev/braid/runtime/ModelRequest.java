package dev.braid.runtime;

import java.util.Objects;

/**
 * A model call that a step returns for Braid to make: which client, what to send, and the call's
 * own limits. A {@code @Step} method returning {@code ModelRequest<R>} only builds the prompt; the
 * generated executor sends it through {@link StepContext#call}, and the step's output, the one its
 * dependents receive, is the model's {@code R}.
 *
 * <pre>{@code
 * @Step(dependsOn = "classify", timeout = "20s", retries = 2, costBudgetDollars = "$0.02")
 * ModelRequest<String> draft(@Input String ticket, Intent classify) {
 *   return ModelRequest.of(model, "Draft a reply to this " + classify + " ticket: " + ticket);
 * }
 *
 * @Step(dependsOn = "draft") Reply polish(String draft) { ... }
 * }</pre>
 *
 * <p>The call is the step's, as if the step had made it itself: it runs within the attempt's
 * timeout and the run's deadline, is retried on a retryable {@link ModelException} with the step's
 * retries and backoff, counts against the step's and the run's budgets, and its tokens, cost, model
 * and latency are recorded in the step's {@link Usage}. Immutable.
 *
 * @param <R> the value the model's answer is, and the step's output
 */
public final class ModelRequest<R> {
  private final Bound<?, R> bound;
  private final CallOptions options;

  private ModelRequest(Bound<?, R> bound, CallOptions options) {
    this.bound = bound;
    this.options = options;
  }

  /** A call of {@code client} with {@code request}, such as a prompt or a list of messages. */
  public static <Q, R> ModelRequest<R> of(ModelClient<Q, R> client, Q request) {
    return new ModelRequest<>(new Bound<>(
        Objects.requireNonNull(client, "client"), Objects.requireNonNull(request, "request")),
        CallOptions.none());
  }

  /** This call with limits of its own, such as a budget it reserves; see {@link CallOptions}. */
  public ModelRequest<R> withOptions(CallOptions options) {
    return new ModelRequest<>(bound, Objects.requireNonNull(options, "options"));
  }

  /** The model the call is billed as: its client's {@link ModelClient#model()}. */
  public String model() {
    return bound.client().model();
  }

  /** What the call sends. */
  public Object request() {
    return bound.request();
  }

  /** The call's own limits; {@link CallOptions#none()} unless {@link #withOptions} set some. */
  public CallOptions options() {
    return options;
  }

  /**
   * Makes the call through {@code context}, with everything {@link StepContext#call} does, and
   * returns the model's value. Generated executors call this for a step that returns a request;
   * a step may also call it itself.
   *
   * @throws InterruptedException if the step was interrupted
   */
  public R callWith(StepContext context) throws InterruptedException {
    return bound.callWith(context, options);
  }

  @Override
  public String toString() {
    return "ModelRequest[model=" + bound.client().model() + ", " + options + "]";
  }

  /** The client and a request of its type, so that the call type-checks without a cast. */
  private record Bound<Q, R>(ModelClient<Q, R> client, Q request) {
    R callWith(StepContext context, CallOptions options) throws InterruptedException {
      return context.call(client, request, options).value();
    }
  }
}
