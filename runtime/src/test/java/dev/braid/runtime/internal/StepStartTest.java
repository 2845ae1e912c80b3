package dev.braid.runtime.internal;

import static com.google.common.truth.Truth.assertThat;

import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.RunOptions;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepBody;
import dev.braid.runtime.time.TimeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Which thread runs a step. In either scope, the thread of the dependency that ended last runs the
 * first step it let go itself once it is done with its own. Another step gets a thread of its own:
 * on Braid's own scope, started once its dependencies have ended (unless it is one the run starts
 * with and a thread done with its steps takes it first); on {@code StructuredTaskScope}, started
 * with the run. A thread's id is drawn from one counter as the thread is made, so a step's
 * thread made after a marker thread that its dependency made has the larger id.
 */
@Timeout(30)
class StepStartTest {

  @Test
  void theGatesCallOnlyTheRootsReady() {
    Schedule chain = Schedule.of(chain(3));
    RunScope.Readiness readiness = gates(chain).readiness(null);
    assertThat(readiness.ready(0)).isTrue();
    assertThat(readiness.ready(1)).isFalse();
    assertThat(readiness.ready(2)).isFalse();
  }

  @Test
  void aGateThatOpensOffersItsTaskToTheEndingThreadFirstInTaskIndexesThatSkipTheReusedSteps() {
    DependencyGates gates = gates(Schedule.of(chain(4)), false);
    // Tasks 0, 1 and 2 run steps 1, 2 and 3, as when a resumed run reuses step 0.
    RunScope.Readiness readiness = gates.readiness(new int[] {1, 2, 3});
    List<String> handed = new ArrayList<>();
    readiness.whenReady(new RunScope.Start() {
      @Override
      public void ready(int task) {
        handed.add("start " + task);
      }

      @Override
      public boolean take(int task, int endingTask) {
        handed.add("take " + task + " after " + endingTask);
        return task == 2; // the scope refuses task 1, as when its thread is not the ending task's
      }
    });

    gates.release(2, 1); // step 1, task 0, ended
    gates.release(3, 2);

    assertThat(handed).containsExactly("take 1 after 0", "start 1", "take 2 after 1").inOrder();
    assertThat(gates.takeNext(1)).isEqualTo(DependencyGates.NONE);
    assertThat(gates.takeNext(2)).isEqualTo(3);
  }

  @Test
  void onAScopeThatForksEveryStepTheEndingThreadTakesOneDependentAndTheOtherRunsOnItsOwn() {
    DependencyGates gates = gates(Schedule.of(fork()), true);

    gates.release(1, 0);
    gates.release(2, 0);

    assertThat(gates.takeNext(0)).isEqualTo(1);
    assertThat(gates.await(1)).isEqualTo(DependencyGates.Passage.TAKEN);
    assertThat(gates.await(2)).isEqualTo(DependencyGates.Passage.OPEN);
  }

  @Test
  void onAScopeThatForksEveryStepAStepsOwnThreadThatClaimedItFirstKeepsIt() {
    DependencyGates gates = gates(Schedule.of(chain(2)), true);
    Thread.currentThread().interrupt(); // the run stopped before step 1's gate opened

    assertThat(gates.await(1)).isEqualTo(DependencyGates.Passage.INTERRUPTED);
    gates.release(1, 0);

    assertThat(gates.takeNext(0)).isEqualTo(DependencyGates.NONE);
  }

  @Test
  @Timeout(60)
  void onAScopeThatForksEveryStepTheLastDependencyClaimsTheStepBeforeItsGateOpens()
      throws InterruptedException {
    // The step's own thread arrives at its gate just as its dependency ends, again and again: it
    // must never claim the step the ending thread takes, as it could if the gate opened first.
    Schedule chain = Schedule.of(chain(2));
    int rounds = 20_000;
    DependencyGates[] gates = new DependencyGates[rounds];
    DependencyGates.Passage[] passages = new DependencyGates.Passage[rounds];
    AtomicInteger started = new AtomicInteger(-1);
    AtomicInteger arrived = new AtomicInteger(-1);
    Thread own = Thread.ofPlatform().start(() -> {
      for (int round = 0; round < rounds; round++) {
        while (started.get() < round) {
          Thread.onSpinWait();
        }
        passages[round] = gates[round].await(1);
        arrived.set(round);
      }
    });
    List<String> wrong = new ArrayList<>();
    for (int round = 0; round < rounds; round++) {
      gates[round] = gates(chain, true);
      started.set(round);
      gates[round].release(1, 0);
      while (arrived.get() < round) {
        Thread.onSpinWait();
      }
      if (gates[round].takeNext(0) != 1 || passages[round] != DependencyGates.Passage.TAKEN) {
        wrong.add("round " + round + ": took " + gates[round].takeNext(0) + ", own thread "
            + passages[round]);
      }
    }
    own.join();

    assertThat(wrong).isEmpty();
  }

  @Test
  void aChainRunsOnOneThreadNamedAfterEachStepInTurn() {
    int length = 40;

    Seen seen = run(chain(length), "s" + (length - 1));

    for (int i = 1; i < length; i++) {
      assertThat(seen.ids().get("s" + i)).isEqualTo(seen.ids().get("s0"));
      assertThat(seen.names().get("s" + i)).startsWith("braid Chain/s" + i + " run ");
    }
  }

  @Test
  void oneDependentGoesOnOnTheEndingStepsThreadAndTheOtherGetsItsOwn() {
    Seen seen = run(fork(), "s1");

    long s1 = seen.ids().get("s1");
    long s2 = seen.ids().get("s2");
    long first = seen.ids().get("s0");
    // One of the two runs on s0's thread. On Braid's own scope the other's thread is made only
    // after s0 began; on StructuredTaskScope the owner forks it with the run, which may be before
    // or after s0's code makes the marker, so its id says nothing there.
    assertThat(s1 == first ^ s2 == first).isTrue();
    long other = s1 == first ? s2 : s1;
    if (RunScope.scope().startsWhenReady()) {
      assertThat(other).isGreaterThan(seen.ids().get("marker"));
    }
    for (String step : List.of("s0", "s1", "s2")) {
      assertThat(seen.names().get(step)).startsWith("braid Fork/" + step + " run ");
    }
  }

  @Test
  void everyStepOfAWideRunRunsOnceOnAThreadNamedAfterIt() {
    // Threads done with their steps take steps the caller has not started a thread for yet; each
    // still runs once, under its own name. Many short runs, so that such takes happen.
    int width = 200;
    for (int run = 0; run < 20; run++) {
      Seen seen = run(wide(width), "s0");

      assertThat(seen.names()).hasSize(width);
      for (int i = 0; i < width; i++) {
        assertThat(seen.names().get("s" + i)).startsWith("braid Wide/s" + i + " run ");
      }
      assertThat(seen.runs().values().stream().distinct().toList()).containsExactly(1);
    }
  }

  @Test
  void aLongChainRunsToItsEnd() {
    int length = 500;

    Seen seen = run(chain(length), "s" + (length - 1));

    assertThat(seen.ids()).hasSize(length + 1);
  }

  private static DependencyGates gates(Schedule schedule) {
    return DependencyGates.of(schedule, RunClock.start(TimeSource.system()), null);
  }

  private static DependencyGates gates(Schedule schedule, boolean forksAll) {
    return DependencyGates.of(schedule, RunClock.start(TimeSource.system()), null, forksAll);
  }

  /** Steps s1 and s2, each depending on s0; s1 gives the output. */
  private static PipelinePlan fork() {
    PipelinePlan.Builder plan = PipelinePlan.builder("Fork");
    plan.step("s0");
    plan.step("s1", 0);
    plan.step("s2", 0);
    plan.output(1);
    return plan.build();
  }

  /** {@code width} steps that depend on none; s0 gives the output. */
  private static PipelinePlan wide(int width) {
    PipelinePlan.Builder plan = PipelinePlan.builder("Wide");
    for (int i = 0; i < width; i++) {
      plan.step("s" + i);
    }
    plan.output(0);
    return plan.build();
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
   * The id of the marker's and of each step's thread, the name each step's thread had, and how
   * many times each step's code ran.
   */
  private record Seen(Map<String, Long> ids, Map<String, String> names,
      Map<String, Integer> runs) {}

  /**
   * Runs {@code plan}, whose step i is named si and whose first step makes a marker thread, and
   * checks that it gave {@code output}'s output.
   */
  private static Seen run(PipelinePlan plan, String output) {
    Seen seen =
        new Seen(new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    StepBody[] bodies = new StepBody[plan.steps().size()];
    for (int i = 0; i < bodies.length; i++) {
      String name = "s" + i;
      boolean first = i == 0;
      bodies[i] = (outputs, context) -> {
        seen.ids().put(name, Thread.currentThread().threadId());
        seen.names().put(name, Thread.currentThread().getName());
        seen.runs().merge(name, 1, Integer::sum);
        if (first) {
          seen.ids().put("marker", Thread.ofVirtual().unstarted(() -> {}).threadId());
        }
        return name;
      };
    }
    RunSettings settings =
        RunSettings.resolve(plan, PipelineConfig.empty(), RunOptions.defaults());
    Object result = new PipelineRun<>(Schedule.of(plan), settings, bodies, null, null,
        RetryPolicy.of(settings.time())).execute().output();

    assertThat(result).isEqualTo(output);
    return seen;
  }
}
