package dev.braid.runtime.internal;

import static com.google.common.truth.Truth.assertThat;

import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.RunOptions;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepBody;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A timeout's interrupt reaches its attempt or nothing. The watch decides it under the run's lock
 * and sends it once unlocked, and the attempt's thread goes on with the next attempt, or on Braid's
 * own scope with the next step, as soon as the attempt ends: an interrupt sent after the end would
 * fail code it was not meant for. Each case drives an inline attempt on a step's own thread, with
 * the two orders of the attempt's end and the sending of the interrupt.
 */
@Timeout(30)
class TimeoutInterruptTest {

  @Test
  void anInterruptSentAfterTheTimedOutAttemptEndedIsDropped() {
    List<String> seen = onAStepsThread((attempt, lock) -> {
      Effects timeout = timeOut(attempt, lock);
      finish(attempt, lock); // the attempt's code returned before the interrupt was sent
      timeout.run();
      return Thread.currentThread().isInterrupted() ? "interrupted" : "not interrupted";
    });

    assertThat(seen).containsExactly("not interrupted");
  }

  @Test
  void anInterruptSentBeforeTheTimedOutAttemptEndedIsClearedByItsEnd() {
    List<String> seen = onAStepsThread((attempt, lock) -> {
      Effects timeout = timeOut(attempt, lock);
      timeout.run();
      String delivered = Thread.currentThread().isInterrupted() ? "delivered" : "not delivered";
      finish(attempt, lock);
      return delivered + ", then "
          + (Thread.currentThread().isInterrupted() ? "interrupted" : "not interrupted");
    });

    assertThat(seen).containsExactly("delivered, then not interrupted");
  }

  private static Effects timeOut(Attempt attempt, ReentrantLock lock) {
    Effects effects = new Effects(lock);
    lock.lock();
    try {
      attempt.timeOut(0, effects);
      assertThat(attempt.state()).isEqualTo(AttemptState.TIMED_OUT);
    } finally {
      lock.unlock();
    }
    return effects;
  }

  private static void finish(Attempt attempt, ReentrantLock lock) {
    lock.lock();
    try {
      assertThat(attempt.finish("done", null, false)).isTrue();
    } finally {
      lock.unlock();
    }
  }

  private interface Case {
    String run(Attempt attempt, ReentrantLock lock);
  }

  /**
   * Runs {@code check} in the one step of a run, on an inline attempt made on the step's thread
   * with the step's context, its timeout already passed; returns what it said.
   */
  private static List<String> onAStepsThread(Case check) {
    List<String> seen = new ArrayList<>();
    PipelinePlan.Builder plan = PipelinePlan.builder("TimedFlow");
    plan.step("draft");
    plan.output(0);
    RunSettings settings =
        RunSettings.resolve(plan.build(), PipelineConfig.empty(), RunOptions.defaults());
    StepBody[] bodies = {(outputs, context) -> {
      ReentrantLock lock = new ReentrantLock();
      Attempt attempt = Attempt.inline(lock, (AttemptContext) context, 0, 0);
      seen.add(check.run(attempt, lock));
      return "draft";
    }};
    new PipelineRun<>(Schedule.of(plan.build()), settings, bodies, null, null,
        RetryPolicy.of(settings.time())).execute();
    return seen;
  }
}
