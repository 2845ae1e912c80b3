package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
 * The run's deadline bounds the whole run, retries and pauses included: on expiry running steps
 * are interrupted, nothing new starts, and execute throws naming the steps that were running.
 */
@Timeout(30)
class DeadlineTest {
  private static final Object[] NO_INPUTS = {};

  private static RunOptions deadline(Duration deadline) {
    return RunOptions.builder().deadline(deadline).build();
  }

  @Test
  void deadlineInterruptsRunningStepsStartsNothingAndNamesWhatWasRunning() {
    CountDownLatch running = new CountDownLatch(2);
    CountDownLatch interrupted = new CountDownLatch(2);
    AtomicBoolean afterRan = new AtomicBoolean();
    StepThreads threads = new StepThreads();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("quick");
    plan.step("slow", 0);
    plan.step("other", 0);
    plan.step("after", 1);
    plan.output(3);
    StepBody blocked = (outputs, context) -> {
      running.countDown();
      Waits.blockUntilInterrupted(interrupted);
      return "unblocked";
    };

    RunDeadlineExceededException e = assertThrows(RunDeadlineExceededException.class,
        () -> PipelineEngine.create(plan.build()).execute(deadline(Duration.ofMillis(100)),
            NO_INPUTS, threads.track((outputs, context) -> "quick", blocked, blocked,
                (outputs, context) -> {
                  afterRan.set(true);
                  return "after";
                })));

    // Only a machine too loaded to start two threads in 100 ms would miss this; it skips then.
    assumeTrue(Waits.isOpen(running), "slow and other started before the deadline");
    assertThat(e).hasMessageThat().isEqualTo(
        "Run of pipeline 'OrderFlow' exceeded its deadline of 100ms while running 'slow', 'other'");
    assertThat(e.pipelineName()).isEqualTo("OrderFlow");
    assertThat(e.deadline()).isEqualTo(Duration.ofMillis(100));
    assertThat(e.runningSteps()).containsExactly("slow", "other").inOrder();
    assertThat(Waits.isOpen(interrupted)).isTrue();
    assertThat(afterRan.get()).isFalse();
    threads.assertAllEnded();
    PipelineResult<?> partial = e.partialResult().orElseThrow();
    assertThat(partial.step("quick").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(partial.stepOutput("quick")).hasValue("quick");
    assertThat(partial.step("slow").status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(partial.step("slow").attempts().getFirst().outcome())
        .isEqualTo(AttemptOutcome.CANCELLED);
    assertThat(partial.step("after").status()).isEqualTo(StepStatus.NOT_STARTED);
    assertThat(partial.hasOutput()).isFalse();
  }

  @Test
  void runOptionsDeadlineWinsOverConfigWhichWinsOverThePlan() {
    PipelinePlan.Builder builder = PipelinePlan.builder("OrderFlow").deadline(Duration.ofMillis(40));
    builder.step("slow");
    builder.output(0);
    PipelinePlan plan = builder.build();
    StepBody slow = (outputs, context) -> {
      Waits.blockUntilInterrupted(new CountDownLatch(1));
      return "never";
    };
    PipelineConfig config = PipelineConfig.builder().deadline(Duration.ofMillis(50)).build();

    RunDeadlineExceededException fromPlan = assertThrows(RunDeadlineExceededException.class,
        () -> PipelineEngine.create(plan).execute(slow));
    RunDeadlineExceededException fromConfig = assertThrows(RunDeadlineExceededException.class,
        () -> PipelineEngine.create(plan, config).execute(slow));
    RunDeadlineExceededException fromOptions = assertThrows(RunDeadlineExceededException.class,
        () -> PipelineEngine.create(plan, config)
            .execute(deadline(Duration.ofMillis(60)), NO_INPUTS, slow));

    assertThat(fromPlan.deadline()).isEqualTo(Duration.ofMillis(40));
    assertThat(fromConfig.deadline()).isEqualTo(Duration.ofMillis(50));
    assertThat(fromOptions.deadline()).isEqualTo(Duration.ofMillis(60));
  }

  @Test
  void deadlineBoundsRetriesToo() {
    // Three attempts fail at once and are retried; the fourth blocks until the deadline.
    AtomicInteger attempts = new AtomicInteger();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("flaky").retries(1_000_000);
    plan.output(0);

    RunDeadlineExceededException e = assertThrows(RunDeadlineExceededException.class,
        () -> PipelineEngine.create(plan.build()).execute(deadline(Duration.ofMillis(300)),
            NO_INPUTS, (outputs, context) -> {
              if (attempts.incrementAndGet() < 4) {
                throw new IllegalStateException("still failing");
              }
              Waits.blockUntilInterrupted(new CountDownLatch(1));
              return "never";
            }));

    assumeTrue(attempts.get() == 4, "the three quick attempts ran before the deadline");
    assertThat(e.runningSteps()).containsExactly("flaky");
    StepRecord flaky = e.partialResult().orElseThrow().step("flaky");
    assertThat(flaky.status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(flaky.attempts().stream().map(AttemptRecord::outcome).toList()).containsExactly(
        AttemptOutcome.FAILED, AttemptOutcome.FAILED, AttemptOutcome.FAILED,
        AttemptOutcome.CANCELLED).inOrder();
  }

  @Test
  void aStepFailingOverAndOverUntilTheDeadlineEndsTheRunWithTheDeadline() {
    // However the deadline meets the step — mid-attempt, between attempts, or just as one
    // failed — the run ends with the deadline, not with the step's failure.
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("flaky").retries(1_000_000);
    plan.output(0);

    assertThrows(RunDeadlineExceededException.class,
        () -> PipelineEngine.create(plan.build()).execute(deadline(Duration.ofMillis(50)),
            NO_INPUTS, (outputs, context) -> {
              Thread.sleep(1);
              throw new IllegalStateException("still failing");
            }));
  }

  @Test
  void aStepSeesTheEarlierOfTheRunDeadlineAndItsOwnTimeout() {
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("long").timeout(Duration.ofHours(1));
    plan.step("short").timeout(Duration.ofSeconds(5));
    plan.step("untimed");
    plan.output(0);
    AtomicReference<StepContext> longContext = new AtomicReference<>();
    AtomicReference<StepContext> shortContext = new AtomicReference<>();
    AtomicReference<StepContext> untimedContext = new AtomicReference<>();

    PipelineResult<String> result = PipelineEngine.create(plan.build()).execute(
        deadline(Duration.ofSeconds(30)), NO_INPUTS,
        (outputs, context) -> {
          longContext.set(context);
          return "long";
        },
        (outputs, context) -> {
          shortContext.set(context);
          return "short";
        },
        (outputs, context) -> {
          untimedContext.set(context);
          return "untimed";
        });

    assertThat(longContext.get().deadline()).hasValue(result.startedAt().plusSeconds(30));
    assertThat(untimedContext.get().deadline()).hasValue(result.startedAt().plusSeconds(30));
    assertThat(shortContext.get().deadline())
        .hasValue(result.step("short").attempts().getFirst().startedAt().plusSeconds(5));
    assertThat(longContext.get().remaining().orElseThrow()).isAtMost(Duration.ofSeconds(30));
  }

  @Test
  void aStepIgnoringItsInterruptAtTheDeadlineIsAbandonedAndTheRunStillEnds() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch interrupted = new CountDownLatch(1);
    AtomicReference<Thread> stubborn = new AtomicReference<>();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("stubborn");
    plan.output(0);

    RunDeadlineExceededException e;
    try {
      e = assertThrows(RunDeadlineExceededException.class,
          () -> PipelineEngine.create(plan.build()).execute(deadline(Duration.ofMillis(50)),
              NO_INPUTS, (outputs, context) -> {
                stubborn.set(Thread.currentThread());
                Waits.ignoreInterruptsUntil(release, interrupted);
                return "too late";
              }));
      assumeTrue(stubborn.get() != null, "the step started before the deadline");
      assertThat(stubborn.get().isAlive()).isTrue();
    } finally {
      release.countDown();
    }

    assertThat(Waits.isOpen(interrupted)).isTrue();
    StepRecord record = e.partialResult().orElseThrow().step("stubborn");
    assertThat(record.abandoned()).isTrue();
    assertThat(record.status()).isEqualTo(StepStatus.CANCELLED);
    assertThat(stubborn.get().join(Duration.ofSeconds(Waits.GUARD_SECONDS))).isTrue();
  }

  @Test
  void aRunThatEndsInTimeIsUnaffectedByItsDeadline() {
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("a");
    plan.step("b", 0);
    plan.output(1);

    PipelineResult<String> result = PipelineEngine.create(plan.build()).execute(
        deadline(Duration.ofSeconds(10)), NO_INPUTS,
        (outputs, context) -> "a",
        (outputs, context) -> outputs.<String>get(0) + "b");

    assertThat(result.output()).isEqualTo("ab");
  }
}
