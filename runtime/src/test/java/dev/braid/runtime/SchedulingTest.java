package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.MILLISECONDS;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepBody;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * When steps start: each one the moment its own last dependency finishes, never level by level,
 * and every ready step at once.
 */
@Timeout(30)
class SchedulingTest {

  @Test
  void stepStartsWhenItsOwnDependencyFinishesWithoutWaitingForItsLevel() {
    // root -> slow, root -> fast -> releaser. A level-by-level engine runs releaser only after
    // slow has finished, but slow waits for releaser: it deadlocks until the guard fails slow.
    CountDownLatch released = new CountDownLatch(1);
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("root");
    plan.step("slow", 0);
    plan.step("fast", 0);
    plan.step("releaser", 2);
    plan.step("sink", 1, 3);
    plan.output(4);

    PipelineResult<String> result = PipelineEngine.create(plan.build()).execute(
        (outputs, context) -> "root",
        (outputs, context) -> {
          Waits.await(released, "releaser to run while slow is still running");
          return "slow";
        },
        (outputs, context) -> "fast",
        (outputs, context) -> {
          released.countDown();
          return outputs.<String>get(2) + " released";
        },
        (outputs, context) -> outputs.<String>get(1) + ", " + outputs.<String>get(3));

    assertThat(result.output()).isEqualTo("slow, fast released");
    // releaser ran while slow was still inside its body.
    assertThat(result.step("releaser").startedAt()).isAtMost(result.step("slow").finishedAt());
  }

  @Test
  void stepWithSeveralDependenciesWaitsForTheLastOfThem() {
    // quick finishes at once; slow is held until afterQuick lets it go. afterQuick first gives
    // join a short window to start, so an engine that starts join after its first dependency
    // is caught every time; a correct engine simply spends the window waiting.
    CountDownLatch joinStarted = new CountDownLatch(1);
    CountDownLatch slowReleased = new CountDownLatch(1);
    AtomicBoolean slowReturned = new AtomicBoolean();
    AtomicBoolean joinSawSlowUnfinished = new AtomicBoolean();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("quick");
    plan.step("slow");
    plan.step("afterQuick", 0);
    plan.step("join", 0, 1);
    plan.output(3);

    PipelineResult<String> result = PipelineEngine.create(plan.build()).execute(
        (outputs, context) -> "quick",
        (outputs, context) -> {
          Waits.await(slowReleased, "afterQuick to release slow");
          slowReturned.set(true);
          return "slow";
        },
        (outputs, context) -> {
          boolean joinStartedEarly = joinStarted.await(200, MILLISECONDS);
          slowReleased.countDown();
          return joinStartedEarly;
        },
        (outputs, context) -> {
          joinSawSlowUnfinished.set(!slowReturned.get());
          joinStarted.countDown();
          return outputs.<String>get(0) + "+" + outputs.<String>get(1);
        });

    assertThat(joinSawSlowUnfinished.get()).isFalse();
    assertThat(result.output()).isEqualTo("quick+slow");
    assertThat(result.step("join").startedAt()).isAtLeast(result.step("slow").finishedAt());
    assertThat(result.step("join").startedAt()).isAtLeast(result.step("quick").finishedAt());
  }

  @Test
  void independentStepsRunAtTheSameTime() {
    // Each side waits inside its body until the other is inside its own: run one after the
    // other, the barrier never fills and the guard fails the run.
    CyclicBarrier bothInside = new CyclicBarrier(2);
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("left");
    plan.step("right");
    plan.step("sink", 0, 1);
    plan.output(2);

    PipelineResult<String> result = PipelineEngine.create(plan.build()).execute(
        (outputs, context) -> {
          Waits.await(bothInside, "right to be running alongside left");
          return "l";
        },
        (outputs, context) -> {
          Waits.await(bothInside, "left to be running alongside right");
          return "r";
        },
        (outputs, context) -> outputs.<String>get(0) + outputs.<String>get(1));

    assertThat(result.output()).isEqualTo("lr");
  }

  @Test
  void everyReadyStepRunsAtOnceBeyondTheNumberOfProcessors() {
    int width = Math.max(32, 4 * Runtime.getRuntime().availableProcessors());
    CyclicBarrier allInside = new CyclicBarrier(width);
    PipelinePlan.Builder plan = PipelinePlan.builder("Wide");
    plan.step("root");
    int[] middle = new int[width];
    for (int i = 0; i < width; i++) {
      plan.step("m" + i, 0);
      middle[i] = i + 1;
    }
    plan.step("sink", middle);
    plan.output(width + 1);
    StepBody[] bodies = new StepBody[width + 2];
    bodies[0] = (outputs, context) -> 0;
    for (int i = 0; i < width; i++) {
      bodies[i + 1] = (outputs, context) -> {
        Waits.await(allInside, "every middle step to be running at once");
        return 1;
      };
    }
    bodies[width + 1] = (outputs, context) -> {
      int sum = 0;
      for (int index : middle) {
        sum += outputs.<Integer>get(index);
      }
      return sum;
    };

    PipelineResult<Integer> result = PipelineEngine.create(plan.build()).execute(bodies);

    assertThat(result.output()).isEqualTo(width);
  }
}
