package dev.braid.runtime;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.braid.runtime.codegen.StepBody;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/** Records the thread every step body runs on, so a test can check that none outlives its run. */
final class StepThreads {
  private final ConcurrentLinkedQueue<Thread> threads = new ConcurrentLinkedQueue<>();
  private final Map<String, Thread> byStep = new ConcurrentHashMap<>();

  /** Wraps {@code body} so that each attempt records its thread before running. */
  StepBody track(StepBody body) {
    return (outputs, context) -> {
      Thread current = Thread.currentThread();
      threads.add(current);
      byStep.put(context.stepName(), current);
      return body.run(outputs, context);
    };
  }

  /** Wraps every body, keeping their order. */
  StepBody[] track(StepBody... bodies) {
    StepBody[] tracked = new StepBody[bodies.length];
    for (int i = 0; i < bodies.length; i++) {
      tracked[i] = track(bodies[i]);
    }
    return tracked;
  }

  /** The thread the named step last ran on, or null if its body never ran. */
  Thread of(String stepName) {
    return byStep.get(stepName);
  }

  /** Names of the steps whose bodies ran. */
  List<String> stepsThatRan() {
    return new ArrayList<>(byStep.keySet());
  }

  List<Thread> all() {
    return new ArrayList<>(threads);
  }

  /** Fails unless every recorded thread has ended. */
  void assertAllEnded() {
    for (Thread thread : threads) {
      assertWithMessage("thread %s is still alive after execute returned", thread)
          .that(thread.isAlive())
          .isFalse();
    }
  }
}
