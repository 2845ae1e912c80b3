package dev.braid.test;

import dev.braid.runtime.ModelCall;
import dev.braid.runtime.ModelClient;
import dev.braid.runtime.ModelResponse;
import dev.braid.runtime.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A {@link ModelClient} that answers from a script instead of a provider, and records every call.
 * A call whose request matches a rule ({@link Builder#whenRequest}) takes that rule's replies in
 * turn, its last one again once the others are used; any other call takes the next reply of the
 * sequence ({@link Builder#thenReply}). A call with no reply left fails the step with an {@link
 * AssertionError} that names the call.
 *
 * <pre>{@code
 * ScriptedModel<String, String> model = ScriptedModel.<String, String>builder("gpt-4o-mini")
 *     .time(time)                                          // latencies pass on virtual time
 *     .thenReply(ScriptedReply.retryable(429))
 *     .thenReply(ScriptedReply.value("Dear Sam, ...", 1_200, 300).after(Duration.ofSeconds(2)))
 *     .build();
 * ...
 * assertThat(model.calls()).hasSize(2);
 * assertThat(model.calls().get(1).callAttempt()).isEqualTo(2);
 * }</pre>
 *
 * <p>Latencies and hangs sleep on the model's {@link TimeSource}: give it the run's {@link
 * VirtualTime} so that they pass instantly, in order with the run's timeouts. Thread-safe.
 *
 * @param <Q> the request a call sends
 * @param <R> the value a call returns
 */
public final class ScriptedModel<Q, R> implements ModelClient<Q, R> {
  private final String model;
  private final TimeSource time;
  private final List<Rule<Q, R>> rules;
  private final Deque<ScriptedReply<R>> sequence; // guarded by this
  private final List<RecordedCall<Q>> calls = new ArrayList<>(); // guarded by this

  private ScriptedModel(Builder<Q, R> builder) {
    this.model = builder.model;
    this.time = builder.time;
    this.rules = List.copyOf(builder.rules);
    this.sequence = new ArrayDeque<>(builder.sequence);
  }

  /** Starts a script for calls billed as {@code model}, the name the run's price table knows. */
  public static <Q, R> Builder<Q, R> builder(String model) {
    return new Builder<>(Objects.requireNonNull(model, "model"));
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  public ModelResponse<R> call(Q request, ModelCall call) throws Exception {
    ScriptedReply<R> reply;
    RecordedCall<Q> recorded;
    synchronized (this) {
      recorded = new RecordedCall<>(calls.size() + 1, request, call.pipelineName(),
          call.stepName(), call.stepAttempt(), call.callAttempt(), time.instant());
      calls.add(recorded);
      reply = next(request);
    }
    if (reply == null) {
      throw new AssertionError("ScriptedModel '" + model + "' has no reply left for " + recorded
          + "; add one with thenReply or whenRequest");
    }
    sleep(reply.latency());
    for (String chunk : reply.chunks()) {
      call.emit(chunk);
    }
    Exception failure = reply.failure();
    if (failure != null) {
      throw failure;
    }
    return Objects.requireNonNull(reply.response());
  }

  /** Every call so far, in the order they were made. */
  public synchronized List<RecordedCall<Q>> calls() {
    return List.copyOf(calls);
  }

  /** The requests of every call so far, in order. */
  public synchronized List<Q> requests() {
    return calls.stream().map(RecordedCall::request).toList();
  }

  /** The calls a step made, in order. */
  public synchronized List<RecordedCall<Q>> callsOf(String step) {
    return calls.stream().filter(c -> c.step().equals(step)).toList();
  }

  /** How many replies of the sequence no call has taken yet. */
  public synchronized int repliesLeft() {
    return sequence.size();
  }

  private @Nullable ScriptedReply<R> next(Q request) {
    for (Rule<Q, R> rule : rules) {
      if (rule.matches.test(request)) {
        return rule.next();
      }
    }
    return sequence.poll();
  }

  private void sleep(Duration latency) throws InterruptedException {
    if (latency.isZero()) {
      return;
    }
    long nanos;
    try {
      nanos = latency.toNanos();
    } catch (ArithmeticException e) {
      nanos = Long.MAX_VALUE;
    }
    time.sleep(nanos);
  }

  @Override
  public String toString() {
    return "ScriptedModel[" + model + "]";
  }

  /**
   * One call the model received.
   *
   * @param order its place among all the model's calls, from 1
   * @param step the step that made it, {@code attempt} its attempt of that step, {@code
   *     callAttempt} its try within the attempt (above 1 when Braid retried the call)
   * @param at when the call was made, on the model's time
   */
  public record RecordedCall<Q>(int order, Q request, String pipeline, String step,
      int stepAttempt, int callAttempt, Instant at) {
    @Override
    public String toString() {
      return "call " + order + " (step '" + step + "' of pipeline '" + pipeline + "', attempt "
          + stepAttempt + ", try " + callAttempt + ") with request " + request;
    }
  }

  /** Replies for the requests a predicate matches, in turn, the last one again and again. */
  private static final class Rule<Q, R> {
    final Predicate<? super Q> matches;
    private final List<ScriptedReply<R>> replies;
    private int next; // guarded by the model

    Rule(Predicate<? super Q> matches, List<ScriptedReply<R>> replies) {
      this.matches = matches;
      this.replies = replies;
    }

    ScriptedReply<R> next() {
      ScriptedReply<R> reply = replies.get(Math.min(next, replies.size() - 1));
      next++;
      return reply;
    }
  }

  /** Writes a script; not thread-safe. */
  public static final class Builder<Q, R> {
    private final String model;
    private TimeSource time = TimeSource.system();
    private final List<Rule<Q, R>> rules = new ArrayList<>();
    private final List<ScriptedReply<R>> sequence = new ArrayList<>();

    private Builder(String model) {
      this.model = model;
    }

    /** Where latencies and hangs wait: the test's {@link VirtualTime}; real time by default. */
    public Builder<Q, R> time(TimeSource time) {
      this.time = Objects.requireNonNull(time, "time");
      return this;
    }

    /** Adds {@code reply} to the sequence that calls matching no rule take in order. */
    public Builder<Q, R> thenReply(ScriptedReply<R> reply) {
      sequence.add(Objects.requireNonNull(reply, "reply"));
      return this;
    }

    /** Answers {@code value} next, with no tokens used. */
    public Builder<Q, R> thenAnswer(R value) {
      return thenReply(ScriptedReply.value(value));
    }

    /**
     * Answers calls whose request {@code matches} with {@code replies} in turn, the last one for
     * every later call; rules are tried in the order they were added, before the sequence.
     */
    @SafeVarargs
    public final Builder<Q, R> whenRequest(
        Predicate<? super Q> matches, ScriptedReply<R>... replies) {
      Objects.requireNonNull(matches, "matches");
      if (replies.length == 0) {
        throw new IllegalArgumentException("whenRequest needs at least one reply");
      }
      rules.add(new Rule<>(matches, List.of(replies)));
      return this;
    }

    public ScriptedModel<Q, R> build() {
      return new ScriptedModel<>(this);
    }
  }
}
