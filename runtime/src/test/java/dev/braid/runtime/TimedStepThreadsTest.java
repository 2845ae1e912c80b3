package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The threads of steps with a timeout, or in a run with a deadline: each attempt runs on the
 * thread holding its step, and when one ignores its interrupt past the grace the run abandons that
 * thread alone, goes on with the step on a new one, and returns without waiting for it. Every
 * other thread of the run has ended when {@code execute} returns.
 */
@Timeout(30)
class TimedStepThreadsTest {

  @Test
  void timedStepsRunOnThreadsNamedAfterThemAndNoneOutlivesTheRun() {
    Map<String, Thread> threads = new ConcurrentHashMap<>();
    Map<String, String> names = new ConcurrentHashMap<>();
    AtomicReference<String> runId = new AtomicReference<>();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("fetch").timeout(Duration.ofSeconds(20));
    plan.step("enrich", 0).timeout(Duration.ofSeconds(20));
    plan.step("audit", 0);
    plan.step("answer", 1, 2).timeout(Duration.ofSeconds(20));
    plan.output(3);
    StepThreads tracked = new StepThreads();

    PipelineResult<String> result = PipelineEngine.create(plan.build()).execute(tracked.track(
        (outputs, context) -> {
          threads.put(context.stepName(), Thread.currentThread());
          names.put(context.stepName(), Thread.currentThread().getName());
          runId.set(context.runId());
          return "fetched";
        },
        (outputs, context) -> {
          threads.put(context.stepName(), Thread.currentThread());
          names.put(context.stepName(), Thread.currentThread().getName());
          return "enriched";
        },
        (outputs, context) -> {
          threads.put(context.stepName(), Thread.currentThread());
          names.put(context.stepName(), Thread.currentThread().getName());
          return "audited";
        },
        (outputs, context) -> {
          threads.put(context.stepName(), Thread.currentThread());
          names.put(context.stepName(), Thread.currentThread().getName());
          return "answer";
        }));

    assertThat(result.output()).isEqualTo("answer");
    // enrich and audit may run at once, so each has a thread of its own.
    assertThat(threads.get("enrich")).isNotSameInstanceAs(threads.get("audit"));
    assertThat(names).hasSize(4);
    for (Map.Entry<String, String> entry : names.entrySet()) {
      assertThat(entry.getValue())
          .isEqualTo("braid OrderFlow/" + entry.getKey() + " run " + runId.get());
    }
    for (Map.Entry<String, Thread> entry : threads.entrySet()) {
      assertThat(entry.getValue().isVirtual()).isTrue();
    }
    tracked.assertAllEnded();
  }

  @Test
  void anAbandonedAttemptIsRetriedOnANewThreadAndOnlyTheAbandonedThreadOutlivesTheRun()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    List<Thread> attempts = new CopyOnWriteArrayList<>();
    List<String> attemptThreadNames = new CopyOnWriteArrayList<>();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("fetch");
    plan.step("enrich", 0).timeout(Duration.ofMillis(50)).retries(1);
    plan.step("answer", 1);
    plan.output(2);
    StepThreads tracked = new StepThreads();

    PipelineResult<String> result;
    try {
      result = PipelineEngine.create(plan.build()).execute(tracked.track(
          (outputs, context) -> "fetched",
          (outputs, context) -> {
            attempts.add(Thread.currentThread());
            attemptThreadNames.add(Thread.currentThread().getName());
            if (context.attempt() == 1) {
              Waits.ignoreInterruptsUntil(release, interrupted);
            }
            return "enriched on attempt " + context.attempt();
          },
          (outputs, context) -> outputs.get(1) + ", answered"));
      // execute returned while the first attempt was still blocked: release opens only now.
      assertThat(attempts.getFirst().isAlive()).isTrue();
    } finally {
      release.countDown();
    }

    assertThat(Waits.isOpen(interrupted)).isTrue();
    assertThat(result.output()).isEqualTo("enriched on attempt 2, answered");
    StepRecord enrich = result.step("enrich");
    assertThat(enrich.status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(enrich.abandoned()).isTrue();
    assertThat(enrich.attempts().stream().map(AttemptRecord::outcome).toList())
        .containsExactly(AttemptOutcome.TIMED_OUT, AttemptOutcome.SUCCEEDED).inOrder();
    assertThat(attempts).hasSize(2);
    Thread abandoned = attempts.get(0);
    Thread retry = attempts.get(1);
    assertThat(retry).isNotSameInstanceAs(abandoned);
    assertThat(attemptThreadNames.get(1)).isEqualTo(attemptThreadNames.get(0));
    assertThat(attemptThreadNames.get(1)).startsWith("braid OrderFlow/enrich run ");
    for (Thread thread : tracked.all()) {
      if (thread != abandoned) {
        assertThat(thread.isAlive()).isFalse();
      }
    }
    assertThat(abandoned.join(Duration.ofSeconds(Waits.GUARD_SECONDS))).isTrue();
  }

  @Test
  void anOptionalStepAbandonedAtItsTimeoutLetsItsDependentsGoOn() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    AtomicReference<Thread> stubborn = new AtomicReference<>();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("root");
    plan.step("stubborn", 0).timeout(Duration.ofMillis(50)).optional();
    plan.step("other", 0).timeout(Duration.ofSeconds(20));
    plan.step("sink", 1, 2);
    plan.output(3);
    StepThreads tracked = new StepThreads();

    PipelineResult<String> result;
    try {
      result = PipelineEngine.create(plan.build()).execute(tracked.track(
          (outputs, context) -> "root",
          (outputs, context) -> {
            stubborn.set(Thread.currentThread());
            Waits.ignoreInterruptsUntil(release, interrupted);
            return "too late";
          },
          (outputs, context) -> "other",
          (outputs, context) -> "sink"));
      assertThat(stubborn.get().isAlive()).isTrue();
      for (Thread thread : tracked.all()) {
        if (thread != stubborn.get()) {
          assertThat(thread.isAlive()).isFalse();
        }
      }
    } finally {
      release.countDown();
    }

    assertThat(result.output()).isEqualTo("sink");
    StepRecord record = result.step("stubborn");
    assertThat(record.status()).isEqualTo(StepStatus.FAILED);
    assertThat(record.abandoned()).isTrue();
    assertThat(record.failure()).isInstanceOf(StepTimeoutException.class);
    assertThat(result.step("sink").startedAt()).isAtLeast(record.finishedAt());
    assertThat(stubborn.get().join(Duration.ofSeconds(Waits.GUARD_SECONDS))).isTrue();
  }

  @Test
  void aFailureStopsARunWhileAnotherStepIgnoresItsInterruptAndTheRunReturnsWithoutIt()
      throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch stubbornInterrupted = new CountDownLatch(1);
    CountDownLatch stubbornStarted = new CountDownLatch(1);
    AtomicReference<Thread> stubborn = new AtomicReference<>();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("stubborn").timeout(Duration.ofSeconds(20));
    plan.step("failing");
    plan.step("sink", 0, 1);
    plan.output(2);
    StepThreads tracked = new StepThreads();

    StepExecutionException failure;
    try {
      failure = assertThrows(StepExecutionException.class,
          () -> PipelineEngine.create(plan.build()).execute(tracked.track(
              (outputs, context) -> {
                stubborn.set(Thread.currentThread());
                stubbornStarted.countDown();
                Waits.ignoreInterruptsUntil(release, stubbornInterrupted);
                return "too late";
              },
              (outputs, context) -> {
                Waits.await(stubbornStarted, "stubborn to start");
                throw new IllegalStateException("boom");
              },
              (outputs, context) -> "sink")));
      // The stop interrupted the stubborn step well before its own timeout, and the run went on
      // without it after the grace.
      assertThat(stubborn.get().isAlive()).isTrue();
    } finally {
      release.countDown();
    }

    assertThat(Waits.isOpen(stubbornInterrupted)).isTrue();
    assertThat(failure.stepName()).isEqualTo("failing");
    StepRecord record = failure.partialResult().orElseThrow().step("stubborn");
    assertThat(record.status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(record.abandoned()).isTrue();
    for (Thread thread : tracked.all()) {
      if (thread != stubborn.get()) {
        assertThat(thread.isAlive()).isFalse();
      }
    }
    assertThat(stubborn.get().join(Duration.ofSeconds(Waits.GUARD_SECONDS))).isTrue();
  }

  @Test
  void aStepWithoutTimeoutInARunWithTimedStepsIsWaitedForWhenItIgnoresItsInterrupt()
      throws Exception {
    CountDownLatch plainStarted = new CountDownLatch(1);
    CountDownLatch plainInterrupted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicReference<Thread> plain = new AtomicReference<>();
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("plain");
    plan.step("failing").timeout(Duration.ofSeconds(20));
    plan.output(0);

    Thread caller = Thread.ofPlatform().name("caller").start(() -> {
      try {
        PipelineEngine.create(plan.build()).execute(
            (outputs, context) -> {
              plain.set(Thread.currentThread());
              plainStarted.countDown();
              Waits.ignoreInterruptsUntil(release, plainInterrupted);
              return "plain";
            },
            (outputs, context) -> {
              Waits.await(plainStarted, "plain to start");
              throw new IllegalStateException("boom");
            });
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    try {
      Waits.await(plainInterrupted, "the stop to interrupt the plain step");
      // A step without a timeout is never abandoned: the run waits for it, past the grace.
      assertThat(caller.join(Duration.ofMillis(300))).isFalse();
    } finally {
      release.countDown();
    }

    assertThat(caller.join(Duration.ofSeconds(Waits.GUARD_SECONDS))).isTrue();
    assertThat(thrown.get()).isInstanceOf(StepExecutionException.class);
    StepRecord record = ((StepExecutionException) thrown.get()).partialResult().orElseThrow()
        .step("plain");
    assertThat(record.abandoned()).isFalse();
    assertThat(plain.get().isAlive()).isFalse();
  }
}
