package dev.braid.benchmarks;

import dev.braid.benchmarks.baseline.StructuredGraphs;
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
import dev.braid.benchmarks.workloads.InFlight;
import dev.braid.benchmarks.workloads.InFlightHeap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
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
 *
 * <p>Run with {@code --enable-preview}, which the baseline needs; {@code -Dbraid.scope=threads}
 * puts Braid on its own scope. Arguments: {@code --full} or {@code --quick} (5 warm-up rounds, then
 * 12 rounds of 400 ms a workload), or {@code --smoke} (2 rounds of 20 ms after the warm-up).
 */
public final class InterleavedRatios {
  private static final int STEPS = 1000;
  private static final int IN_FLIGHT = 1000;
  private static final int WARM_UP_ROUNDS = 5;

  private InterleavedRatios() {}

  /** One row: a Braid workload and its baseline, measured as time per step or runs per second. */
  private record Shape(String name, boolean throughput, Callable<Integer> braid,
      Callable<Integer> baseline) {}

  public static void main(String[] args) throws Exception {
    String mode = args.length == 0 ? "--full" : args[0];
    boolean smoke = mode.equals("--smoke");
    if (!smoke && !mode.equals("--full") && !mode.equals("--quick")) {
      throw new IllegalArgumentException(
          "Unknown argument '" + mode + "'; pass --full (the default), --quick or --smoke");
    }
    int rounds = (smoke ? 2 : 12) + WARM_UP_ROUNDS;
    long roundNanos = (smoke ? 20 : 400) * 1_000_000L;
    String scope = System.getProperty("braid.scope", "structured");

    List<Shape> shapes = shapes();
    Map<String, List<Double>> braid = new LinkedHashMap<>();
    Map<String, List<Double>> baseline = new LinkedHashMap<>();
    Random order = new Random(42);
    for (int round = 0; round < rounds; round++) {
      List<Runnable> turns = new ArrayList<>();
      for (Shape shape : shapes) {
        boolean kept = round >= WARM_UP_ROUNDS;
        turns.add(() -> record(kept, braid, shape, measure(shape, shape.braid(), roundNanos)));
        turns.add(() -> record(kept, baseline, shape,
            measure(shape, shape.baseline(), roundNanos)));
      }
      Collections.shuffle(turns, order);
      turns.forEach(Runnable::run);
      System.err.printf(Locale.ROOT, "[interleaved, Braid on %s] round %d of %d%n", scope,
          round + 1, rounds);
    }
    System.out.print(table(scope, shapes, braid, baseline, rounds - WARM_UP_ROUNDS, roundNanos));
    System.out.print(heapTable(smoke));
  }

  /**
   * The live heap per in-flight run of the diamond held in its first step, Braid's plain and
   * guarded runs on this JVM's scope against the hand-written code's, each the median of three
   * measurements after two warm-ups (one measurement in a smoke run). Braid's own scope starts a
   * step's thread only when its dependencies have ended, so its runs hold fewer parked threads than
   * the baseline's, which forks every step at once.
   */
  private static String heapTable(boolean smoke) throws InterruptedException {
    int warmUps = smoke ? 0 : 2;
    int repetitions = smoke ? 1 : 3;
    List<Double> plain = new ArrayList<>();
    List<Double> guarded = new ArrayList<>();
    List<Double> handWritten = new ArrayList<>();
    for (int i = 0; i < warmUps + repetitions; i++) {
      boolean kept = i >= warmUps;
      double plainBytes = InFlightHeap.bytesPerRun(Implementation.BRAID);
      double guardedBytes = InFlightHeap.bytesPerGuardedRun();
      double handWrittenBytes = InFlightHeap.bytesPerRun(Implementation.STRUCTURED);
      if (kept) {
        plain.add(plainBytes / 1024);
        guarded.add(guardedBytes / 1024);
        handWritten.add(handWrittenBytes / 1024);
      }
    }
    double ours = median(plain);
    double oursGuarded = median(guarded);
    double theirs = median(handWritten);
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

  private static List<Shape> shapes() {
    var chain = new Chain1000PipelineExecutor(new Chain1000Pipeline());
    var guardedChain = new GuardedChain1000PipelineExecutor(new GuardedChain1000Pipeline());
    var wide = new Wide1000PipelineExecutor(new Wide1000Pipeline());
    var guardedWide = new GuardedWide1000PipelineExecutor(new GuardedWide1000Pipeline());
    var diamond = new DiamondPipelineExecutor(new DiamondPipeline());
    var guardedDiamond = new GuardedDiamondPipelineExecutor(new GuardedDiamondPipeline());
    return List.of(
        new Shape("chain-1000", false, () -> chain.execute().output(),
            () -> StructuredGraphs.chain(STEPS)),
        new Shape("chain-1000, timeouts + retries + budgets", false,
            () -> guardedChain.execute().output(), () -> StructuredGraphs.chain(STEPS)),
        new Shape("wide-1000", false, () -> wide.execute().output(),
            () -> StructuredGraphs.wide(STEPS)),
        new Shape("wide-1000, timeouts + retries + budgets", false,
            () -> guardedWide.execute().output(), () -> StructuredGraphs.wide(STEPS)),
        new Shape("diamond, 1,000 in flight", true, () -> diamond.execute().output(),
            StructuredGraphs::diamond),
        new Shape("diamond, 1,000 in flight, timeouts + retries + budgets", true,
            () -> guardedDiamond.execute().output(), StructuredGraphs::diamond));
  }

  private static void record(boolean kept, Map<String, List<Double>> into, Shape shape,
      double value) {
    if (kept) {
      into.computeIfAbsent(shape.name(), name -> new ArrayList<>()).add(value);
    }
  }

  /** µs per step of a 1,000-step run, or runs/s with {@value #IN_FLIGHT} runs in flight. */
  private static double measure(Shape shape, Callable<Integer> run, long roundNanos) {
    try {
      long start = System.nanoTime();
      long operations = 0;
      while (System.nanoTime() - start < roundNanos) {
        if (shape.throughput()) {
          InFlight.run(IN_FLIGHT, run);
        } else {
          Objects.requireNonNull(run.call());
        }
        operations++;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return shape.throughput()
          ? operations * IN_FLIGHT / seconds
          : seconds * 1e6 / operations / STEPS;
    } catch (Exception e) {
      throw new IllegalStateException(shape.name() + " failed", e);
    }
  }

  private static String table(String scope, List<Shape> shapes, Map<String, List<Double>> braid,
      Map<String, List<Double>> baseline, int rounds, long roundNanos) {
    StringBuilder out = new StringBuilder();
    out.append("\n## Braid on ").append(scope.equals("threads") ? "its own scope" : "StructuredTaskScope")
        .append(" against hand-written StructuredTaskScope, interleaved in one JVM\n\n")
        .append("| workload | metric | Braid ÷ hand-written, median of rounds | quartiles |"
            + " Braid | hand-written |\n")
        .append("| --- | --- | --- | --- | --- | --- |\n");
    for (Shape shape : shapes) {
      List<Double> ours = braid.get(shape.name());
      List<Double> theirs = baseline.get(shape.name());
      List<Double> ratios = new ArrayList<>();
      for (int i = 0; i < ours.size(); i++) {
        ratios.add(ours.get(i) / theirs.get(i));
      }
      String format = shape.throughput() ? "%,.0f" : "%.3f";
      out.append(String.format(Locale.ROOT, "| %s | %s | %.2f× | %.2f–%.2f× | " + format
              + " | " + format + " |%n",
          shape.name(), shape.throughput() ? "runs/s" : "µs per step", median(ratios),
          quantile(ratios, 0.25), quantile(ratios, 0.75), median(ours), median(theirs)));
    }
    out.append(String.format(Locale.ROOT, "%n- %d rounds of %d ms a workload after %d warm-up"
        + " rounds, each in a shuffled order. The ratio divides Braid's figure by the baseline's"
        + " of the same round; Braid and hand-written give each side's median.%n", rounds,
        roundNanos / 1_000_000, WARM_UP_ROUNDS));
    return out.toString();
  }

  private static double median(List<Double> values) {
    return quantile(values, 0.5);
  }

  private static double quantile(List<Double> values, double q) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get((int) Math.round(q * (sorted.size() - 1)));
  }
}
