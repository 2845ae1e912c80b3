package dev.braid.micronaut;

import dev.braid.Input;
import dev.braid.Pipeline;
import dev.braid.Step;

/** A pipeline that answers at once. */
@Pipeline
class GreetingPipeline {

  @Step
  String greet(@Input String name) {
    return "Hello, " + name;
  }
}
