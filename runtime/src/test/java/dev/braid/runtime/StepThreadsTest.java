package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepBody;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The threads a run uses: virtual threads named after the step each runs (on Braid's own scope, a
 * dependency's thread may run a step after its own), and none of them still alive once {@code
 * execute} has returned or thrown, however the run ended.
 */
@Timeout(30)
class StepThreadsTest {

  /** root -> {a, b, c} -> sink. */
  private static PipelineEngine fanEngine() {
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("root");
    plan.step("a", 0);
    plan.step("b", 0).conversational();
    plan.step("c", 0);
    plan.step("sink", 1, 2, 3);
    plan.output(4);
    return PipelineEngine.create(plan.build());
  }

  @Test
  void eachStepRunsOnAVirtualThreadNamedAfterPipelineStepAndRunWhileItRuns() {
    Map<String, Thread> threads = new ConcurrentHashMap<>();
    Map<String, String> names = new ConcurrentHashMap<>();
    Set<String> runIds = ConcurrentHashMap.newKeySet();
    StepBody record = (outputs, context) -> {
      threads.put(context.stepName(), Thread.currentThread());
      names.put(context.stepName(), Thread.currentThread().getName());
      runIds.add(context.runId());
      return context.stepName().equals("b") ? ConversationState.complete("b") : "x";
    };

    fanEngine().execute(record, record, record, record, record);

    assertThat(runIds).hasSize(1);
    String run = " run " + runIds.iterator().next();
    assertThat(names).containsExactly(
        "root", "braid OrderFlow/root" + run,
        "a", "braid OrderFlow/a" + run,
        "b", "braid OrderFlow/b" + run,
        "c", "braid OrderFlow/c" + run,
        "sink", "braid OrderFlow/sink" + run);
    // a, b and c may run at once, so each has a thread of its own.
    assertThat(new HashSet<>(List.of(threads.get("a"), threads.get("b"), threads.get("c"))))
        .hasSize(3);
    for (Thread thread : threads.values()) {
      assertThat(thread.isVirtual()).isTrue();
    }
  }

  @Test
  void noStepThreadOutlivesASuccessfulRun() {
    // audit is a side branch still busy once answer, the output, is ready: an engine returning
    // as soon as it has its output would leave audit's thread running.
    CountDownLatch answerReady = new CountDownLatch(1);
    StepThreads threads = new StepThreads();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("root");
    plan.step("answer", 0);
    plan.step("audit", 0);
    plan.output(1);

    PipelineResult<String> result = PipelineEngine.create(plan.build()).execute(threads.track(
        (outputs, context) -> "root",
        (outputs, context) -> {
          answerReady.countDown();
          return "answer";
        },
        (outputs, context) -> {
          Waits.await(answerReady, "answer to be ready");
          Thread.sleep(20);
          return "audited";
        }));

    assertThat(result.output()).isEqualTo("answer");
    assertThat(threads.all()).hasSize(3);
    threads.assertAllEnded();
  }

  @Test
  void noStepThreadOutlivesAFailedRun() {
    CountDownLatch othersBlocked = new CountDownLatch(2);
    StepThreads threads = new StepThreads();
    StepBody blocked = (outputs, context) -> {
      othersBlocked.countDown();
      Waits.blockUntilInterrupted(new CountDownLatch(1));
      return "never";
    };

    assertThrows(StepExecutionException.class, () -> fanEngine().execute(threads.track(
        (outputs, context) -> "root",
        blocked,
        (outputs, context) -> {
          Waits.await(othersBlocked, "a and c to block");
          throw new IllegalStateException("boom");
        },
        blocked,
        (outputs, context) -> "sink")));

    assertThat(threads.all()).hasSize(4);
    threads.assertAllEnded();
  }

  @Test
  void noStepThreadOutlivesARunThatStoppedEarly() {
    CountDownLatch othersBlocked = new CountDownLatch(2);
    StepThreads threads = new StepThreads();
    StepBody blocked = (outputs, context) -> {
      othersBlocked.countDown();
      Waits.blockUntilInterrupted(new CountDownLatch(1));
      return "never";
    };

    PipelineResult<String> result = fanEngine().execute(threads.track(
        (outputs, context) -> "root",
        blocked,
        (outputs, context) -> {
          Waits.await(othersBlocked, "a and c to block");
          return ConversationState.incomplete("b", "more please");
        },
        blocked,
        (outputs, context) -> "sink"));

    assertThat(result.stoppedEarly()).isTrue();
    assertThat(threads.all()).hasSize(4);
    threads.assertAllEnded();
  }

  @Test
  void noStepThreadOutlivesACancelledRun() throws Exception {
    CountDownLatch allBlocked = new CountDownLatch(3);
    StepThreads threads = new StepThreads();
    StepBody blocked = (outputs, context) -> {
      allBlocked.countDown();
      Waits.blockUntilInterrupted(new CountDownLatch(1));
      return context.stepName().equals("b") ? ConversationState.complete("never") : "never";
    };
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    PipelineEngine engine = fanEngine();

    Thread caller = Thread.ofPlatform().name("caller").start(() -> {
      try {
        engine.execute(threads.track(
            (outputs, context) -> "root", blocked, blocked, blocked, (outputs, context) -> "sink"));
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    try {
      Waits.await(allBlocked, "a, b and c to block");
      caller.interrupt();
      assertThat(caller.join(Duration.ofSeconds(Waits.GUARD_SECONDS))).isTrue();
    } finally {
      if (caller.isAlive()) {
        caller.interrupt();
        caller.join(Duration.ofSeconds(Waits.GUARD_SECONDS));
      }
    }

    assertThat(thrown.get()).isInstanceOf(RunCancelledException.class);
    assertThat(threads.all()).hasSize(4);
    threads.assertAllEnded();
  }
}
