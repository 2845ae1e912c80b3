package dev.braid.runtime.internal;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.AttemptOutcome;
import dev.braid.runtime.AttemptRecord;
import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.RunOptions;
import dev.braid.runtime.StepExecutionException;
import dev.braid.runtime.StepRecord;
import dev.braid.runtime.StepStatus;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepBody;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A step whose inline attempt was abandoned goes on on the thread it was handed to; that thread
 * answers to the run's stop like the step's own thread would, even in a retry pause.
 */
@Timeout(30)
class HandOverTest {
  private static final long GUARD_SECONDS = 10;

  @Test
  void aStopInterruptsTheRetryPauseOfAStepHandedToANewThread() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch pausing = new CountDownLatch(1);
    AtomicReference<Thread> stubborn = new AtomicReference<>();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    // Pinned at the top of its range, the pause before the retry is a minute.
    plan.step("stubborn").timeout(Duration.ofMillis(50)).retries(1)
        .retryDelay(Duration.ofMinutes(1)).maxRetryDelay(Duration.ofMinutes(1)).optional();
    plan.step("failing");
    plan.step("sink", 0, 1);
    plan.output(2);
    RunSettings settings = RunSettings.resolve(plan.build(), PipelineConfig.empty(),
        RunOptions.defaults());
    PipelineRun<Object> run = new PipelineRun<>(Schedule.of(plan.build()), settings,
        new StepBody[] {
            (outputs, context) -> {
              stubborn.set(Thread.currentThread());
              long giveUp = System.nanoTime() + SECONDS.toNanos(GUARD_SECONDS);
              while (release.getCount() > 0 && System.nanoTime() < giveUp) {
                try {
                  release.await(1, SECONDS);
                } catch (InterruptedException ignored) {
                  // Ignores its timeout's interrupt, and is abandoned.
                }
              }
              return "too late";
            },
            (outputs, context) -> {
              // Fails once the stubborn step, abandoned, is about to pause before its retry.
              assertThat(pausing.await(GUARD_SECONDS, SECONDS)).isTrue();
              throw new IllegalStateException("boom");
            },
            (outputs, context) -> "sink"},
        null, null, new RetryPolicy(max -> {
          pausing.countDown();
          return max;
        }));

    StepExecutionException failure;
    long started = System.nanoTime();
    try {
      failure = assertThrows(StepExecutionException.class, run::execute);
      assertThat(stubborn.get().isAlive()).isTrue();
    } finally {
      release.countDown();
    }

    // Far less than the minute's pause: the stop interrupted it.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(30));
    assertThat(failure.stepName()).isEqualTo("failing");
    StepRecord record = failure.partialResult().orElseThrow().step("stubborn");
    assertThat(record.abandoned()).isTrue();
    assertThat(record.status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(record.attempts().stream().map(AttemptRecord::outcome).toList())
        .containsExactly(AttemptOutcome.TIMED_OUT);
    assertThat(stubborn.get().join(Duration.ofSeconds(GUARD_SECONDS))).isTrue();
  }
}
