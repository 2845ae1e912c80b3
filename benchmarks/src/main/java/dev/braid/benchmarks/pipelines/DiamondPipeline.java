package dev.braid.benchmarks.pipelines;

import dev.braid.Pipeline;
import dev.braid.Step;

/** Four zero-work steps in a diamond: {@code a}, then {@code b} and {@code c}, then {@code d}. */
@Pipeline
public class DiamondPipeline {
  @Step
  int a() {
    return 1;
  }

  @Step(dependsOn = "a")
  int b(int a) {
    return a + 1;
  }

  @Step(dependsOn = "a")
  int c(int a) {
    return a * 2;
  }

  @Step(dependsOn = {"b", "c"})
  int d(int b, int c) {
    return b + c;
  }
}
