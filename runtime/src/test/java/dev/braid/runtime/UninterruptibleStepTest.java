package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepBody;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Uninterruptible steps: once started, a stop of the run (failure elsewhere, early stop, cancel)
 * does not interrupt them; the run waits for them and says so. Their own timeout still interrupts
 * them, and at a deadline the run abandons them rather than wait.
 */
@Timeout(30)
class UninterruptibleStepTest {

  /** charge (uninterruptible) beside observer, which blocks until the run interrupts it. */
  private static PipelinePlan.Builder plan() {
    PipelinePlan.Builder plan = PipelinePlan.builder("Checkout");
    plan.step("charge").uninterruptible();
    plan.step("observer");
    plan.step("receipt", 0, 1);
    plan.output(2);
    return plan;
  }

  private static StepBody observer(CountDownLatch running, CountDownLatch interrupted) {
    return (outputs, context) -> {
      running.countDown();
      Waits.blockUntilInterrupted(interrupted);
      return "never";
    };
  }

  @Test
  void aFailureElsewhereDoesNotInterruptItAndTheRunWaitsForIt() {
    // observer is interrupted only once the run is stopping; charge, still running then, waits
    // for that and would throw if it were interrupted too.
    CountDownLatch observerInterrupted = new CountDownLatch(1);
    CountDownLatch bothRunning = new CountDownLatch(2);
    StepThreads threads = new StepThreads();
    PipelinePlan.Builder builder = plan();
    builder.step("failing");
    PipelinePlan failingPlan = builder.build();

    StepExecutionException e = assertThrows(StepExecutionException.class,
        () -> PipelineEngine.create(failingPlan).execute(threads.track(
            (outputs, context) -> {
              bothRunning.countDown();
              Waits.await(observerInterrupted, "the run to stop");
              return "charged";
            },
            observer(bothRunning, observerInterrupted),
            (outputs, context) -> "receipt",
            (outputs, context) -> {
              Waits.await(bothRunning, "charge and observer to be running");
              throw new IllegalStateException("fraud check failed");
            })));

    assertThat(e.stepName()).isEqualTo("failing");
    StepRecord charge = e.partialResult().orElseThrow().step("charge");
    assertThat(charge.status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(charge.shielded()).isTrue();
    assertThat(charge.abandoned()).isFalse();
    assertThat(e.partialResult().orElseThrow().stepOutput("charge")).hasValue("charged");
    threads.assertAllEnded();
  }

  @Test
  void cancellingTheCallerWaitsForItToFinish() throws Exception {
    CountDownLatch observerInterrupted = new CountDownLatch(1);
    CountDownLatch bothRunning = new CountDownLatch(2);
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch chargeInterrupted = new CountDownLatch(1);
    AtomicReference<RunCancelledException> thrown = new AtomicReference<>();
    PipelineEngine engine = PipelineEngine.create(plan().build());

    Thread caller = Thread.ofPlatform().start(() -> {
      try {
        engine.execute(
            (outputs, context) -> {
              bothRunning.countDown();
              Waits.ignoreInterruptsUntil(release, chargeInterrupted);
              return "charged";
            },
            observer(bothRunning, observerInterrupted),
            (outputs, context) -> "receipt");
      } catch (RunCancelledException e) {
        thrown.set(e);
      }
    });
    try {
      Waits.await(bothRunning, "charge and observer to be running");
      caller.interrupt();
      Waits.await(observerInterrupted, "the run to stop");
      assertThat(caller.isAlive()).isTrue(); // charge still holds the run: release is closed
    } finally {
      release.countDown();
    }
    assertThat(caller.join(Duration.ofSeconds(Waits.GUARD_SECONDS))).isTrue();

    assertThat(Waits.isOpen(chargeInterrupted)).isFalse();
    StepRecord charge = thrown.get().partialResult().orElseThrow().step("charge");
    assertThat(charge.status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(charge.shielded()).isTrue();
  }

  @Test
  void itsOwnTimeoutStillInterruptsIt() {
    PipelinePlan.Builder plan = PipelinePlan.builder("Checkout");
    plan.step("charge").uninterruptible().timeout(Duration.ofMillis(50));
    plan.output(0);
    CountDownLatch interrupted = new CountDownLatch(1);

    StepExecutionException e = assertThrows(StepExecutionException.class,
        () -> PipelineEngine.create(plan.build()).execute((outputs, context) -> {
          Waits.blockUntilInterrupted(interrupted);
          return "never";
        }));

    assertThat(e).hasCauseThat().isInstanceOf(StepTimeoutException.class);
    assertThat(Waits.isOpen(interrupted)).isTrue();
    assertThat(e.partialResult().orElseThrow().step("charge").shielded()).isFalse();
  }

  @Test
  void atTheDeadlineItIsAbandonedWithoutBeingInterrupted() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    AtomicReference<Thread> chargeThread = new AtomicReference<>();
    PipelinePlan.Builder plan = PipelinePlan.builder("Checkout");
    plan.step("charge").uninterruptible();
    plan.output(0);

    RunDeadlineExceededException e;
    try {
      e = assertThrows(RunDeadlineExceededException.class,
          () -> PipelineEngine.create(plan.build()).execute(
              RunOptions.builder().deadline(Duration.ofMillis(50)).build(), new Object[0],
              (outputs, context) -> {
                chargeThread.set(Thread.currentThread());
                Waits.ignoreInterruptsUntil(release, interrupted);
                return "charged";
              }));
      assumeTrue(chargeThread.get() != null, "charge started before the deadline");
      assertThat(chargeThread.get().isAlive()).isTrue();
    } finally {
      release.countDown();
    }

    assertThat(Waits.isOpen(interrupted)).isFalse();
    StepRecord charge = e.partialResult().orElseThrow().step("charge");
    assertThat(charge.shielded()).isTrue();
    assertThat(charge.abandoned()).isTrue();
    assertThat(charge.status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(chargeThread.get().join(Duration.ofSeconds(Waits.GUARD_SECONDS))).isTrue();
  }

  @Test
  void theDeadlineStillBoundsTheWaitAfterAFailureStoppedTheRun() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch chargeRunning = new CountDownLatch(1);
    AtomicReference<Thread> chargeThread = new AtomicReference<>();
    PipelinePlan.Builder plan = PipelinePlan.builder("Checkout");
    plan.step("charge").uninterruptible();
    plan.step("failing");
    plan.output(0);

    StepExecutionException e;
    try {
      e = assertThrows(StepExecutionException.class,
          () -> PipelineEngine.create(plan.build()).execute(
              RunOptions.builder().deadline(Duration.ofMillis(300)).build(), new Object[0],
              (outputs, context) -> {
                chargeThread.set(Thread.currentThread());
                chargeRunning.countDown();
                Waits.ignoreInterruptsUntil(release, new CountDownLatch(1));
                return "charged";
              },
              (outputs, context) -> {
                Waits.await(chargeRunning, "charge to be running");
                throw new IllegalStateException("fraud check failed");
              }));
      assertThat(chargeThread.get().isAlive()).isTrue();
    } finally {
      release.countDown();
    }

    assertThat(e.stepName()).isEqualTo("failing");
    StepRecord charge = e.partialResult().orElseThrow().step("charge");
    assertThat(charge.shielded()).isTrue();
    assertThat(charge.abandoned()).isTrue();
    assertThat(chargeThread.get().join(Duration.ofSeconds(Waits.GUARD_SECONDS))).isTrue();
  }
}
