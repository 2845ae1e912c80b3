package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepBody;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Cancelling a run by interrupting the thread that called {@code execute}: the run throws {@link
 * RunCancelledException} promptly, after every step thread has ended, and the caller's interrupt
 * status survives.
 */
@Timeout(30)
class CancellationTest {

  /** What the caller thread saw when execute ended. */
  private record CallerOutcome(Throwable thrown, boolean interruptedAfterwards) {}

  @Test
  void interruptingTheCallerCancelsTheRunAndEndsEveryStep() throws Exception {
    CountDownLatch bothBlocked = new CountDownLatch(2);
    CountDownLatch interrupted = new CountDownLatch(2);
    AtomicBoolean dependentRan = new AtomicBoolean();
    StepThreads threads = new StepThreads();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("blockedOne");
    plan.step("blockedTwo");
    plan.step("dependent", 0, 1);
    plan.output(2);
    PipelineEngine engine = PipelineEngine.create(plan.build());
    StepBody blocked = (outputs, context) -> {
      bothBlocked.countDown();
      Waits.blockUntilInterrupted(interrupted);
      return "unblocked";
    };
    AtomicReference<CallerOutcome> outcome = new AtomicReference<>();

    Thread caller = Thread.ofPlatform().name("caller").start(() -> {
      Throwable thrown = null;
      try {
        engine.execute(threads.track(blocked, blocked, (outputs, context) -> {
          dependentRan.set(true);
          return "dependent";
        }));
      } catch (Throwable t) {
        thrown = t;
      }
      outcome.set(new CallerOutcome(thrown, Thread.currentThread().isInterrupted()));
    });
    try {
      Waits.await(bothBlocked, "both steps to block");
      caller.interrupt();
      assertThat(caller.join(Duration.ofSeconds(Waits.GUARD_SECONDS))).isTrue();
    } finally {
      stop(caller);
    }

    Throwable thrown = outcome.get().thrown();
    assertThat(thrown).isInstanceOf(RunCancelledException.class);
    assertThat(thrown).hasMessageThat().isEqualTo(
        "Run of pipeline 'OrderFlow' was cancelled: the calling thread was interrupted");
    assertThat(thrown).hasCauseThat().isInstanceOf(InterruptedException.class);
    assertThat(((RunCancelledException) thrown).pipelineName()).isEqualTo("OrderFlow");
    assertThat(outcome.get().interruptedAfterwards()).isTrue();
    assertThat(Waits.isOpen(interrupted)).isTrue();
    assertThat(threads.stepsThatRan()).containsExactly("blockedOne", "blockedTwo");
    threads.assertAllEnded();
    assertThat(dependentRan.get()).isFalse();
  }

  @Test
  void callerInterruptedBeforeExecuteGetsRunCancelled() {
    StepThreads threads = new StepThreads();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("blocked");
    plan.output(0);
    PipelineEngine engine = PipelineEngine.create(plan.build());

    Thread.currentThread().interrupt();
    boolean interruptedAfterwards;
    try {
      assertThrows(RunCancelledException.class, () -> engine.execute(threads.track(
          (outputs, context) -> {
            Waits.blockUntilInterrupted(new CountDownLatch(1));
            return "unblocked";
          })));
    } finally {
      interruptedAfterwards = Thread.interrupted();
    }

    assertThat(interruptedAfterwards).isTrue();
    threads.assertAllEnded();
  }

  @Test
  void cancellingARunLeavesTheEngineUsable() throws Exception {
    CountDownLatch blocked = new CountDownLatch(1);
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("step");
    plan.output(0);
    PipelineEngine engine = PipelineEngine.create(plan.build());
    AtomicBoolean firstRun = new AtomicBoolean(true);
    StepBody body = (outputs, context) -> {
      if (firstRun.getAndSet(false)) {
        blocked.countDown();
        Waits.blockUntilInterrupted(new CountDownLatch(1));
      }
      return "done";
    };

    Thread caller = Thread.ofPlatform().name("caller").start(() -> {
      try {
        engine.execute(body);
      } catch (RunCancelledException expected) {
        // The first run is the one being cancelled.
      }
    });
    try {
      Waits.await(blocked, "the first run to block");
      caller.interrupt();
      assertThat(caller.join(Duration.ofSeconds(Waits.GUARD_SECONDS))).isTrue();
    } finally {
      stop(caller);
    }
    PipelineResult<String> second = engine.execute(body);

    assertThat(second.output()).isEqualTo("done");
  }

  @Test
  void noNewAttemptStartsAfterTheCallerCancelledTheRun() throws Exception {
    // The step's client turns the interrupt into an exception of its own and clears the flag, as
    // many I/O libraries do. That failure must not earn a retry once the run is cancelled.
    CountDownLatch firstAttemptBlocked = new CountDownLatch(1);
    AtomicInteger attempts = new AtomicInteger();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("callModel").retries(3);
    plan.output(0);
    PipelineEngine engine = PipelineEngine.create(plan.build());
    AtomicReference<Throwable> thrown = new AtomicReference<>();

    Thread caller = Thread.ofPlatform().name("caller").start(() -> {
      try {
        engine.execute((outputs, context) -> {
          if (attempts.incrementAndGet() == 1) {
            firstAttemptBlocked.countDown();
            try {
              Waits.blockUntilInterrupted(new CountDownLatch(1));
            } catch (InterruptedException e) {
              throw new IllegalStateException("connection closed");
            }
          }
          return "answer";
        });
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    try {
      Waits.await(firstAttemptBlocked, "the first attempt to block");
      caller.interrupt();
      assertThat(caller.join(Duration.ofSeconds(Waits.GUARD_SECONDS))).isTrue();
    } finally {
      stop(caller);
    }

    assertThat(thrown.get()).isInstanceOf(RunCancelledException.class);
    assertThat(attempts.get()).isEqualTo(1);
  }

  /** Makes sure a caller thread this test started has ended, even when an assertion failed. */
  private static void stop(Thread caller) throws InterruptedException {
    if (caller.isAlive()) {
      caller.interrupt();
      caller.join(Duration.ofSeconds(Waits.GUARD_SECONDS));
    }
  }
}
