package dev.braid.test;

import dev.braid.Input;
import dev.braid.Pipeline;
import dev.braid.Step;
import java.time.Instant;

/** A pipeline of one step that returns the time it ran at on a virtual time source. */
@Pipeline
public class ClockPipeline {
  private final VirtualTime time;

  public ClockPipeline(VirtualTime time) {
    this.time = time;
  }

  @Step
  Instant read(@Input String name) {
    return time.instant();
  }
}
