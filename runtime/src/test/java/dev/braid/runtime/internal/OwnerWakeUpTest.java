package dev.braid.runtime.internal;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;

import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.time.TimeSource;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A stop wakes the thread that owns the run's scope with an interrupt, carried out after the run's
 * lock is released. The owner may leave the scope first, woken by a step that ended; the interrupt
 * must then not reach it, for the caller's thread goes on with code of its own, and a pooled
 * caller that executes again would take a stray interrupt for a cancel of its next run.
 */
@Timeout(30)
class OwnerWakeUpTest {
  private static final long GUARD_SECONDS = 10;

  @Test
  void aStopsWakeUpCarriedOutAfterTheOwnerLeftTheScopeDoesNotInterruptIt() throws Exception {
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("draft");
    plan.output(0);
    ReentrantLock lock = new ReentrantLock();
    RunClock clock = RunClock.start(TimeSource.system());
    RunCoordinator coordinator = new RunCoordinator(lock, Schedule.of(plan.build()), clock,
        RunClock.NONE, null, false, new PipelineRun.RunId("run-1"), run -> null);
    InFlight inFlight = coordinator.inFlight();

    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch mayLeave = new CountDownLatch(1);
    CountDownLatch left = new CountDownLatch(1);
    CountDownLatch wakeUpCarriedOut = new CountDownLatch(1);
    AtomicBoolean ownerSawItsStop = new AtomicBoolean();
    AtomicReference<Boolean> interruptedAfterLeaving = new AtomicReference<>();
    Thread owner = Thread.ofPlatform().name("caller").start(() -> {
      inFlight.enterScope(true);
      entered.countDown();
      try {
        mayLeave.await(GUARD_SECONDS, SECONDS);
      } catch (InterruptedException e) {
        throw new AssertionError("interrupted before the stop was carried out", e);
      }
      ownerSawItsStop.set(inFlight.leaveScope());
      left.countDown();
      try {
        wakeUpCarriedOut.await(GUARD_SECONDS, SECONDS);
        interruptedAfterLeaving.set(Thread.interrupted());
      } catch (InterruptedException e) {
        interruptedAfterLeaving.set(true);
      }
    });
    try {
      assertThat(entered.await(GUARD_SECONDS, SECONDS)).isTrue();
      // The stop is decided while the owner is in the scope; its effects wait, as on a thread that
      // was descheduled right after releasing the lock.
      Effects wakeUp = new Effects(lock);
      lock.lock();
      try {
        coordinator.decideStop(RunCoordinator.Stop.CANCELLED, -1, null, null, wakeUp);
      } finally {
        lock.unlock();
      }
      mayLeave.countDown();
      assertThat(left.await(GUARD_SECONDS, SECONDS)).isTrue();
      wakeUp.run();
      wakeUpCarriedOut.countDown();
      owner.join(SECONDS.toMillis(GUARD_SECONDS));
    } finally {
      mayLeave.countDown();
      wakeUpCarriedOut.countDown();
    }

    assertThat(owner.isAlive()).isFalse();
    assertThat(ownerSawItsStop.get()).isTrue();
    assertThat(interruptedAfterLeaving.get()).isFalse();
  }
}
