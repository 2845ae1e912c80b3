package dev.braid.spring.boot.autoconfigure;

import dev.braid.Input;
import dev.braid.Pipeline;
import dev.braid.Step;

/** A pipeline whose step takes a collaborator by constructor injection, as a component would. */
@Pipeline
class GreetingPipeline {
  private final Salutation salutation;

  GreetingPipeline(Salutation salutation) {
    this.salutation = salutation;
  }

  @Step(timeout = "10s")
  String greet(@Input String name) {
    return salutation.word() + ", " + name;
  }
}
