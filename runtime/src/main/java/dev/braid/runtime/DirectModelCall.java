package dev.braid.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** The {@link ModelCall} of {@link StepContext}'s default {@code call}: one try, nothing recorded. */
record DirectModelCall(StepContext step) implements ModelCall {
  @Override
  public String pipelineName() {
    return step.pipelineName();
  }

  @Override
  public String stepName() {
    return step.stepName();
  }

  @Override
  public int stepAttempt() {
    return step.attempt();
  }

  @Override
  public int callAttempt() {
    return 1;
  }

  @Override
  public Optional<Instant> deadline() {
    return step.deadline();
  }

  @Override
  public Optional<Duration> remaining() {
    return step.remaining();
  }

  @Override
  public void emit(String chunk) throws InterruptedException {
    step.emit(chunk);
  }
}
