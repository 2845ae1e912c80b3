package dev.braid.benchmarks;

import static dev.braid.benchmarks.Turns.Kind.IN_FLIGHT;
import static dev.braid.benchmarks.Turns.Kind.PER_STEP;
import static dev.braid.benchmarks.Turns.Kind.PLATFORM_CALLERS;

import dev.braid.benchmarks.baseline.StructuredGraphs;
import dev.braid.benchmarks.baseline.ThreadGraphs;
import dev.braid.benchmarks.pipelines.Chain1000Pipeline;
import dev.braid.benchmarks.pipelines.Chain1000PipelineExecutor;
import dev.braid.benchmarks.pipelines.DiamondPipeline;
import dev.braid.benchmarks.pipelines.DiamondPipelineExecutor;
import dev.braid.benchmarks.pipelines.GuardedChain1000Pipeline;
import dev.braid.benchmarks.pipelines.GuardedChain1000PipelineExecutor;
import dev.braid.benchmarks.pipelines.GuardedDiamondPipeline;
import dev.braid.benchmarks.pipelines.GuardedDiamondPipelineExecutor;
import dev.braid.benchmarks.pipelines.GuardedWide1000Pipeline;
import dev.braid.benchmarks.pipelines.GuardedWide1000PipelineExecutor;
import dev.braid.benchmarks.pipelines.Wide1000Pipeline;
import dev.braid.benchmarks.pipelines.Wide1000PipelineExecutor;
import dev.braid.benchmarks.workloads.Implementation;
import dev.braid.benchmarks.workloads.InFlightHeap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * Braid against hand-written {@code StructuredTaskScope} code in one JVM, taking turns: every
 * round runs each workload once, Braid's and the baseline's, in a shuffled order. The table gives
 * the median ratio of the two in a round, with its quartiles, and the median of each side's
 * figures.
 *
 * <p>The JMH suite runs each benchmark in a fork of its own, and on a small machine a fork can
 * settle in a slower state of the virtual-thread scheduler for its whole life: on two cores the
 * hand-written diamond ran at about 370,000 runs/s in some forks and 850,000 in others, and
 * Braid's likewise, so one fork per row can put a ratio anywhere between. Here both sides share
 * one JVM, its scheduler and its noise, so their ratio holds even when the absolute figures move.
 * That holds most for the diamond called by 1,000 platform threads, which the suite's forks have
 * measured at 0.52× and at 0.78× the hand-written runs per second for the same code.
 *
 * <p>Run with {@code --enable-preview}, which the baseline needs; Braid runs on its own scope, or
 * on {@code StructuredTaskScope} with {@code -Dbraid.scope=structured}. Arguments: {@code --full}
 * or {@code --quick} (5 warm-up rounds, then 12 rounds of 400 ms a workload), or {@code --smoke} (2
 * rounds of 20 ms after the warm-up).
 */
public final class InterleavedRatios {
  private InterleavedRatios() {}

  public static void main(String[] args) throws Exception {
    Turns.Mode mode = Turns.Mode.parse(args.length == 0 ? "--full" : args[0]);
    String scope = System.getProperty("braid.scope", "threads");
    List<Turns.Workload> workloads = workloads();
    List<Turns.Workload> floor = floorWorkloads();
    List<Turns.Workload> all = new ArrayList<>(workloads);
    all.addAll(floor);
    Turns.Figures figures = Turns.measure(all, mode, "interleaved, Braid on " + scope);
    System.out.print("\n## Braid on "
        + (scope.equals("threads") ? "its own scope" : "StructuredTaskScope")
        + " against hand-written StructuredTaskScope, interleaved in one JVM\n\n");
    System.out.print(
        Turns.table(workloads, figures, mode, "Braid ÷ hand-written", "Braid", "hand-written"));
    System.out.print("\nThe same rounds, against the least a run of 1,000 independent steps can cost:"
        + " 1,000 plain virtual threads started, counted and joined, with no scope and no record of"
        + " a step. The first two rows show what Braid's bookkeeping of a step costs (its start and"
        + " end times, its end under the run's lock, its thread's name), net of the thread starts"
        + " its own scope saves when a thread done with its steps takes steps still waiting for a"
        + " thread; the third what the two clock reads of those times cost alone, the last what"
        + " StructuredTaskScope's own bookkeeping costs:\n\n");
    System.out.print(Turns.table(floor, figures, mode, "÷ plain threads", "side", "plain threads"));
    System.out.print(heapTable(mode.smoke()));
  }

  /**
   * {@code wide-1000} against {@link ThreadGraphs#wide}, the floor under any scope on virtual
   * threads: Braid's plain and guarded runs, and the hand-written {@code StructuredTaskScope}.
   */
  private static List<Turns.Workload> floorWorkloads() {
    var wide = new Wide1000PipelineExecutor(new Wide1000Pipeline());
    var guardedWide = new GuardedWide1000PipelineExecutor(new GuardedWide1000Pipeline());
    Callable<Integer> threads = () -> ThreadGraphs.wide(Turns.STEPS);
    return List.of(
        new Turns.Workload("wide-1000, Braid", PER_STEP, () -> wide.execute().output(), threads),
        new Turns.Workload("wide-1000, Braid with timeouts + retries + budgets", PER_STEP,
            () -> guardedWide.execute().output(), threads),
        new Turns.Workload("wide-1000, plain threads that read the clock twice a step", PER_STEP,
            () -> ThreadGraphs.timedWide(Turns.STEPS), threads),
        new Turns.Workload("wide-1000, hand-written StructuredTaskScope", PER_STEP,
            () -> StructuredGraphs.wide(Turns.STEPS), threads));
  }

  /**
   * The live heap per in-flight run of the diamond held in its first step, Braid's plain and
   * guarded runs on this JVM's scope against the hand-written code's, each the median of three
   * measurements after two warm-ups (one measurement in a smoke run). Braid's own scope starts a
   * step's thread only when its dependencies have ended, so its runs hold fewer parked threads than
   * the baseline's, which forks every step at once.
   */
  private static String heapTable(boolean smoke) throws Exception {
    int warmUps = smoke ? 0 : 2;
    int repetitions = smoke ? 1 : 3;
    double[] kib = BenchmarkSuite.heapKib(List.of(
            () -> InFlightHeap.bytesPerRun(Implementation.BRAID),
            InFlightHeap::bytesPerGuardedRun,
            () -> InFlightHeap.bytesPerRun(Implementation.STRUCTURED)),
        warmUps, repetitions);
    double ours = kib[0];
    double oursGuarded = kib[1];
    double theirs = kib[2];
    return String.format(Locale.ROOT, "%nHeap per in-flight run of the diamond, %,d runs held in"
            + " their first step, median of %d after %d warm-up(s):%n%n"
            + "| run | KiB | ÷ hand-written | ÷ plain Braid |%n"
            + "| --- | --- | --- | --- |%n"
            + "| Braid | %.1f | %.2f× | — |%n"
            + "| Braid, timeouts + retries + budgets | %.1f | %.2f× | %.2f× |%n"
            + "| hand-written STS | %.1f | — | — |%n",
        InFlightHeap.RUNS, repetitions, warmUps, ours, ours / theirs, oursGuarded,
        oursGuarded / theirs, oursGuarded / ours, theirs);
  }

  private static List<Turns.Workload> workloads() {
    var chain = new Chain1000PipelineExecutor(new Chain1000Pipeline());
    var guardedChain = new GuardedChain1000PipelineExecutor(new GuardedChain1000Pipeline());
    var wide = new Wide1000PipelineExecutor(new Wide1000Pipeline());
    var guardedWide = new GuardedWide1000PipelineExecutor(new GuardedWide1000Pipeline());
    var diamond = new DiamondPipelineExecutor(new DiamondPipeline());
    var guardedDiamond = new GuardedDiamondPipelineExecutor(new GuardedDiamondPipeline());
    return List.of(
        new Turns.Workload("chain-1000", PER_STEP, () -> chain.execute().output(),
            () -> StructuredGraphs.chain(Turns.STEPS)),
        new Turns.Workload("chain-1000, timeouts + retries + budgets", PER_STEP,
            () -> guardedChain.execute().output(), () -> StructuredGraphs.chain(Turns.STEPS)),
        new Turns.Workload("wide-1000", PER_STEP, () -> wide.execute().output(),
            () -> StructuredGraphs.wide(Turns.STEPS)),
        new Turns.Workload("wide-1000, timeouts + retries + budgets", PER_STEP,
            () -> guardedWide.execute().output(), () -> StructuredGraphs.wide(Turns.STEPS)),
        new Turns.Workload("diamond, 1,000 in flight", IN_FLIGHT, () -> diamond.execute().output(),
            StructuredGraphs::diamond),
        new Turns.Workload("diamond, 1,000 in flight, timeouts + retries + budgets", IN_FLIGHT,
            () -> guardedDiamond.execute().output(), StructuredGraphs::diamond),
        new Turns.Workload("diamond, 1,000 platform-thread callers", PLATFORM_CALLERS,
            () -> diamond.execute().output(), StructuredGraphs::diamond),
        new Turns.Workload("diamond, 1,000 platform-thread callers, timeouts + retries + budgets",
            PLATFORM_CALLERS, () -> guardedDiamond.execute().output(), StructuredGraphs::diamond));
  }
}
