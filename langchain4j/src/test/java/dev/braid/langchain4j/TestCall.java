package dev.braid.langchain4j;

import dev.braid.runtime.ModelCall;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link ModelCall} for calling a client directly: it records what the call emits. */
class TestCall implements ModelCall {
  final List<String> emitted = new CopyOnWriteArrayList<>();

  @Override
  public String pipelineName() {
    return "Support";
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
  public void emit(String chunk) throws InterruptedException {
    emitted.add(chunk);
  }
}
