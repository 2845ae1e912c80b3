package dev.braid.runtime.internal;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.RunOptions;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepBody;
import dev.braid.runtime.time.TimeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * When a step's thread starts: on Braid's own scope, once its dependencies have ended, unless the
 * plan is deeper than {@link Schedule#EAGER_DEPTH}; on {@code StructuredTaskScope}, always with the
 * run. A thread's id is drawn from one counter as the thread is made, so a step's thread made after
 * a marker thread that its dependency made has the larger id.
 */
@Timeout(30)
class StepStartTest {

  @Test
  void onlyAPlanDeeperThanTheEagerDepthStartsEveryStepWithTheRun() {
    assertThat(Schedule.of(chain(Schedule.EAGER_DEPTH + 1)).startsEveryStepWithRun()).isFalse();
    assertThat(Schedule.of(chain(Schedule.EAGER_DEPTH + 2)).startsEveryStepWithRun()).isTrue();
  }

  @Test
  void depthIsTheLongestChainOfDependenciesNotTheNumberOfSteps() {
    PipelinePlan.Builder wide = PipelinePlan.builder("Wide");
    int[] roots = new int[100];
    for (int i = 0; i < roots.length; i++) {
      wide.step("root" + i);
      roots[i] = i;
    }
    wide.step("sink", roots);
    wide.output(roots.length);
    assertThat(Schedule.of(wide.build()).startsEveryStepWithRun()).isFalse();

    // A long chain declared after the step that ends it still counts in full.
    PipelinePlan.Builder late = PipelinePlan.builder("Late");
    int length = Schedule.EAGER_DEPTH + 2;
    late.step("sink", 1);
    for (int i = 1; i < length; i++) {
      if (i + 1 < length) {
        late.step("s" + i, i + 1);
      } else {
        late.step("s" + i);
      }
    }
    late.output(0);
    assertThat(Schedule.of(late.build()).startsEveryStepWithRun()).isTrue();
  }

  @Test
  void theGatesCallOnlyTheRootsReadyInAShallowPlanAndEveryStepInADeepOne() {
    Schedule shallow = Schedule.of(chain(3));
    RunScope.Readiness early = gates(shallow).readiness(shallow, null);
    assertThat(early.ready(0)).isTrue();
    assertThat(early.ready(1)).isFalse();
    assertThat(early.ready(2)).isFalse();

    Schedule deep = Schedule.of(chain(Schedule.EAGER_DEPTH + 2));
    RunScope.Readiness all = gates(deep).readiness(deep, null);
    for (int task = 0; task < deep.size(); task++) {
      assertThat(all.ready(task)).isTrue();
    }
  }

  @Test
  void aGateThatOpensReportsItsTaskWhoseIndexSkipsTheReusedSteps() {
    Schedule shallow = Schedule.of(chain(3));
    DependencyGates gates = gates(shallow);
    // Tasks 0 and 1 run steps 1 and 2, as when a resumed run reuses step 0.
    RunScope.Readiness readiness = gates.readiness(shallow, new int[] {1, 2});
    List<Integer> reported = new ArrayList<>();
    readiness.whenReady(reported::add);

    gates.release(1); // step 0 ended
    gates.release(2); // step 1 ended

    assertThat(reported).containsExactly(0, 1).inOrder();
  }

  @Test
  void onBraidsOwnScopeAShallowPlansStepThreadIsMadeOnlyOnceItsDependencyHasEnded() {
    assumeTrue(RunScope.scope().startsWhenReady(), "StructuredTaskScope forks every step at once");

    Map<String, Long> ids = run(chain(2));

    assertThat(ids.get("s1")).isGreaterThan(ids.get("marker"));
  }

  @Test
  void aDeepPlanRunsToItsEnd() {
    int length = Schedule.EAGER_DEPTH + 2;

    Map<String, Long> ids = run(chain(length));

    assertThat(ids).hasSize(length + 1);
  }

  private static DependencyGates gates(Schedule schedule) {
    return DependencyGates.of(schedule, RunClock.start(TimeSource.system()), null);
  }

  /** A chain of {@code length} steps, s0 to its last, each depending on the one before. */
  private static PipelinePlan chain(int length) {
    PipelinePlan.Builder plan = PipelinePlan.builder("Chain");
    plan.step("s0");
    for (int i = 1; i < length; i++) {
      plan.step("s" + i, i - 1);
    }
    plan.output(length - 1);
    return plan.build();
  }

  /**
   * Runs {@code plan}, whose first step makes a marker thread; returns the ids of the marker's and
   * of each step's thread.
   */
  private static Map<String, Long> run(PipelinePlan plan) {
    Map<String, Long> ids = new ConcurrentHashMap<>();
    StepBody[] bodies = new StepBody[plan.steps().size()];
    for (int i = 0; i < bodies.length; i++) {
      String name = "s" + i;
      boolean first = i == 0;
      bodies[i] = (outputs, context) -> {
        ids.put(name, Thread.currentThread().threadId());
        if (first) {
          ids.put("marker", Thread.ofVirtual().unstarted(() -> {}).threadId());
        }
        return name;
      };
    }
    RunSettings settings =
        RunSettings.resolve(plan, PipelineConfig.empty(), RunOptions.defaults());
    Object output = new PipelineRun<>(Schedule.of(plan), settings, bodies, null, null,
        RetryPolicy.of(settings.time())).execute().output();

    assertThat(output).isEqualTo("s" + (bodies.length - 1));
    return ids;
  }
}
