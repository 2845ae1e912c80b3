package dev.braid.test;

import dev.braid.runtime.ModelCall;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** A call of step 'draft' of pipeline 'Test', for calling a model outside a run. */
final class TestCall implements ModelCall {
  @Override
  public String pipelineName() {
    return "Test";
  }

  @Override
  public String stepName() {
    return "draft";
  }

  @Override
  public int stepAttempt() {
    return 1;
  }

  @Override
  public int callAttempt() {
    return 1;
  }

  @Override
  public Optional<Instant> deadline() {
    return Optional.empty();
  }

  @Override
  public Optional<Duration> remaining() {
    return Optional.empty();
  }

  @Override
  public void emit(String chunk) {}
}
