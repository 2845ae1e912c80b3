package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepBody;
import java.io.IOException;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What a failing step does to its run: the run fails at once with the step's exception, steps
 * still running are interrupted and have ended, and nothing downstream starts.
 */
@Timeout(30)
class FailureTest {

  @Test
  void failingStepFailsTheRunNamingPipelineStepAndCause() {
    IllegalStateException boom = new IllegalStateException("boom");
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("a");
    plan.step("b", 0);
    plan.step("c", 1);
    plan.output(2);
    PipelineEngine engine = PipelineEngine.create(plan.build());

    StepExecutionException e = assertThrows(StepExecutionException.class, () -> engine.execute(
        (outputs, context) -> "a",
        (outputs, context) -> {
          throw boom;
        },
        (outputs, context) -> "c"));

    assertThat(e).hasMessageThat().isEqualTo(
        "Step 'b' of pipeline 'OrderFlow' failed after 1 attempt: "
            + "java.lang.IllegalStateException: boom");
    assertThat(e).hasCauseThat().isSameInstanceAs(boom);
    assertThat(e.pipelineName()).isEqualTo("OrderFlow");
    assertThat(e.stepName()).isEqualTo("b");
    assertThat(e.attempts()).isEqualTo(1);
    assertThat(e.getSuppressed()).isEmpty();
  }

  @Test
  void checkedExceptionWithoutMessageIsTheCauseNamedByItsClass() {
    IOException noMessage = new IOException();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("fetch");
    plan.output(0);
    PipelineEngine engine = PipelineEngine.create(plan.build());

    StepExecutionException e = assertThrows(StepExecutionException.class, () -> engine.execute(
        (outputs, context) -> {
          throw noMessage;
        }));

    assertThat(e).hasMessageThat().isEqualTo(
        "Step 'fetch' of pipeline 'OrderFlow' failed after 1 attempt: java.io.IOException");
    assertThat(e).hasCauseThat().isSameInstanceAs(noMessage);
  }

  @Test
  void runningSiblingIsInterruptedAndHasEndedWhenTheFailureIsThrown() {
    CountDownLatch siblingStarted = new CountDownLatch(1);
    CountDownLatch siblingInterrupted = new CountDownLatch(1);
    StepThreads threads = new StepThreads();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("root");
    plan.step("sibling", 0);
    plan.step("failing", 0);
    plan.step("sink", 1, 2);
    plan.output(3);
    PipelineEngine engine = PipelineEngine.create(plan.build());

    StepExecutionException e = assertThrows(StepExecutionException.class, () -> engine.execute(
        threads.track(
            (outputs, context) -> "root",
            (outputs, context) -> {
              siblingStarted.countDown();
              Waits.blockUntilInterrupted(siblingInterrupted);
              return "sibling";
            },
            (outputs, context) -> {
              Waits.await(siblingStarted, "sibling to be running");
              throw new IllegalStateException("boom");
            },
            (outputs, context) -> "sink")));

    assertThat(e.stepName()).isEqualTo("failing");
    assertThat(Waits.isOpen(siblingInterrupted)).isTrue();
    assertThat(threads.of("sibling").isAlive()).isFalse();
    // Being interrupted by the stop is not a failure of its own.
    assertThat(e.getSuppressed()).isEmpty();
    threads.assertAllEnded();
  }

  @Test
  void nothingDownstreamOfTheFailureOrOfAnInterruptedSiblingStarts() {
    CountDownLatch siblingStarted = new CountDownLatch(1);
    CountDownLatch siblingInterrupted = new CountDownLatch(1);
    StepThreads threads = new StepThreads();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("root");
    plan.step("failing", 0);
    plan.step("afterFailing", 1);
    plan.step("afterAfterFailing", 2);
    plan.step("sibling", 0);
    plan.step("afterSibling", 4);
    plan.step("sink", 3, 5);
    plan.output(6);
    PipelineEngine engine = PipelineEngine.create(plan.build());

    assertThrows(StepExecutionException.class, () -> engine.execute(threads.track(
        (outputs, context) -> "root",
        (outputs, context) -> {
          Waits.await(siblingStarted, "sibling to be running");
          throw new IllegalStateException("boom");
        },
        (outputs, context) -> "afterFailing",
        (outputs, context) -> "afterAfterFailing",
        (outputs, context) -> {
          siblingStarted.countDown();
          Waits.blockUntilInterrupted(siblingInterrupted);
          return "sibling";
        },
        (outputs, context) -> "afterSibling",
        (outputs, context) -> "sink")));

    assertThat(threads.stepsThatRan()).containsExactly("root", "failing", "sibling");
    threads.assertAllEnded();
  }

  @Test
  void stepReturningAfterTheRunStoppedDoesNotStartItsDependents() {
    // stubborn swallows the interrupt and returns normally, so its dependent becomes ready after
    // the run has already decided to stop.
    CountDownLatch stubbornStarted = new CountDownLatch(1);
    CountDownLatch stubbornInterrupted = new CountDownLatch(1);
    StepThreads threads = new StepThreads();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("stubborn");
    plan.step("failing");
    plan.step("afterStubborn", 0);
    plan.step("sink", 1, 2);
    plan.output(3);
    PipelineEngine engine = PipelineEngine.create(plan.build());

    StepExecutionException e = assertThrows(StepExecutionException.class, () -> engine.execute(
        threads.track(
            (outputs, context) -> {
              stubbornStarted.countDown();
              try {
                Waits.blockUntilInterrupted(stubbornInterrupted);
              } catch (InterruptedException swallowed) {
                // Returns a value as if nothing happened.
              }
              return "stubborn";
            },
            (outputs, context) -> {
              Waits.await(stubbornStarted, "stubborn to be running");
              throw new IllegalStateException("boom");
            },
            (outputs, context) -> "afterStubborn",
            (outputs, context) -> "sink")));

    assertThat(e.stepName()).isEqualTo("failing");
    assertThat(Waits.isOpen(stubbornInterrupted)).isTrue();
    assertThat(threads.stepsThatRan()).containsExactly("stubborn", "failing");
    threads.assertAllEnded();
  }

  @Test
  void secondFailureWhileTheRunStopsIsSuppressedNotLost() {
    // first fails while second is running; second then fails on its own (not merely by being
    // interrupted) while the run is stopping.
    CountDownLatch secondStarted = new CountDownLatch(1);
    IllegalStateException firstFailure = new IllegalStateException("first");
    IllegalStateException secondFailure = new IllegalStateException("second, while stopping");
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("first");
    plan.step("second");
    plan.step("sink", 0, 1);
    plan.output(2);
    PipelineEngine engine = PipelineEngine.create(plan.build());

    StepExecutionException e = assertThrows(StepExecutionException.class, () -> engine.execute(
        (outputs, context) -> {
          Waits.await(secondStarted, "second to be running");
          throw firstFailure;
        },
        (outputs, context) -> {
          secondStarted.countDown();
          try {
            Waits.blockUntilInterrupted(new CountDownLatch(1));
          } catch (InterruptedException e1) {
            throw secondFailure;
          }
          return "second";
        },
        (outputs, context) -> "sink"));

    assertThat(e.stepName()).isEqualTo("first");
    assertThat(e).hasCauseThat().isSameInstanceAs(firstFailure);
    assertThat(e.getSuppressed()).asList().containsExactly(secondFailure);
  }

  @Test
  void everyFailureWhileStoppingIsKept() {
    int others = 5;
    CountDownLatch othersStarted = new CountDownLatch(others);
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("first");
    int[] all = new int[others + 1];
    for (int i = 1; i <= others; i++) {
      plan.step("other" + i);
      all[i] = i;
    }
    plan.step("sink", all);
    plan.output(others + 1);
    StepBody[] bodies = new StepBody[others + 2];
    bodies[0] = (outputs, context) -> {
      Waits.await(othersStarted, "the other steps to be running");
      throw new IllegalStateException("first");
    };
    for (int i = 1; i <= others; i++) {
      bodies[i] = (outputs, context) -> {
        othersStarted.countDown();
        try {
          Waits.blockUntilInterrupted(new CountDownLatch(1));
        } catch (InterruptedException e) {
          throw new IllegalStateException(context.stepName() + " while stopping");
        }
        return "other";
      };
    }
    bodies[others + 1] = (outputs, context) -> "sink";
    PipelineEngine engine = PipelineEngine.create(plan.build());

    StepExecutionException e =
        assertThrows(StepExecutionException.class, () -> engine.execute(bodies));

    assertThat(e.stepName()).isEqualTo("first");
    assertThat(Arrays.stream(e.getSuppressed()).map(Throwable::getMessage).toList())
        .containsExactly(
            "other1 while stopping",
            "other2 while stopping",
            "other3 while stopping",
            "other4 while stopping",
            "other5 while stopping");
  }
}
