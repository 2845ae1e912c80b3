package dev.braid.runtime.internal;

import dev.braid.runtime.ModelCall;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The {@link ModelCall} of one try of one call, made through a {@link CallRunner}. */
record RunModelCall(CallRunner calls, AttemptContext context, int callAttempt) implements ModelCall {

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
    return context.deadline();
  }

  @Override
  public Optional<Duration> remaining() {
    return context.remaining();
  }

  @Override
  public void emit(String chunk) throws InterruptedException {
    calls.emit(context, chunk);
  }
}
