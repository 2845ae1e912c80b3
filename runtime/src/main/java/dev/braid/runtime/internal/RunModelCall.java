package dev.braid.runtime.internal;

import dev.braid.runtime.ModelCall;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The {@link ModelCall} of one try of one call, made through a {@link CallRunner}.
 *
 * @param deadlineNanos when the try is interrupted: the earliest of its own timeout, its
 *     attempt's and its run's, or {@link Nanos#NONE}
 */
record RunModelCall(CallRunner calls, AttemptContext context, int callAttempt, long deadlineNanos)
    implements ModelCall {

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
    return deadlineNanos == Nanos.NONE
        ? Optional.empty()
        : Optional.of(Duration.ofNanos(Math.max(0, deadlineNanos - context.clock().nanos())));
  }

  @Override
  public void emit(String chunk) throws InterruptedException {
    calls.emit(context, chunk);
  }
}
