package dev.braid.benchmarks;

import dev.braid.benchmarks.workloads.InFlight;
import dev.braid.benchmarks.workloads.PlatformCallers;
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
 * Two sides of each workload taking turns in one JVM: every round runs each workload once on each
 * side, in a shuffled order, and the table gives the median of the rounds' ratios with their
 * quartiles. Both sides share the JVM's scheduler, JIT and noise, so their ratio holds when the
 * absolute figures move. {@link InterleavedRatios} puts Braid against hand-written code this way,
 * {@link SideBySide} one build of Braid's runtime against another. Not thread-safe; one run at a
 * time.
 */
final class Turns {
  /** The steps of the chain and wide workloads. */
  static final int STEPS = 1000;
  /** The runs in flight at once in the throughput workloads. */
  static final int IN_FLIGHT = 1000;
  private static final int WARM_UP_ROUNDS = 5;

  private Turns() {}

  /** How a workload's runs are called, and so what its figure is. */
  enum Kind {
    /** One run after another on the measuring thread; µs per step of a {@value #STEPS}-step run. */
    PER_STEP,
    /** {@value #IN_FLIGHT} runs started together on virtual threads, again and again; runs/s. */
    IN_FLIGHT,
    /**
     * {@value #IN_FLIGHT} platform threads each calling the pipeline in a loop, as the request
     * threads of a busy server on platform threads would; runs/s.
     */
    PLATFORM_CALLERS;

    boolean throughput() {
      return this != PER_STEP;
    }
  }

  /** A workload, measured as its {@link Kind} says; {@code side} is divided by {@code baseline}. */
  record Workload(String name, Kind kind, Callable<Integer> side, Callable<Integer> baseline) {}

  /**
   * How long to measure: {@code --full} or {@code --quick}, 5 warm-up rounds then 12 rounds of
   * 400 ms a workload and side, or {@code --smoke}, 2 rounds of 20 ms after the warm-up.
   */
  record Mode(boolean smoke, int rounds, long roundNanos) {
    static Mode parse(String argument) {
      return switch (argument) {
        case "--full", "--quick" -> new Mode(false, 12, 400_000_000L);
        case "--smoke" -> new Mode(true, 2, 20_000_000L);
        default -> throw new IllegalArgumentException(
            "Unknown argument '" + argument + "'; pass --full (the default), --quick or --smoke");
      };
    }
  }

  /** Each workload's figures by round, kept after the warm-up: its side's and its baseline's. */
  record Figures(Map<String, List<Double>> side, Map<String, List<Double>> baseline) {}

  /** Runs the rounds, reporting each on standard error as {@code [label] round n of m}. */
  static Figures measure(List<Workload> workloads, Mode mode, String label) {
    Figures figures = new Figures(new LinkedHashMap<>(), new LinkedHashMap<>());
    Random order = new Random(42);
    int rounds = WARM_UP_ROUNDS + mode.rounds();
    for (int round = 0; round < rounds; round++) {
      boolean kept = round >= WARM_UP_ROUNDS;
      List<Runnable> turns = new ArrayList<>();
      for (Workload workload : workloads) {
        turns.add(() -> keep(kept, figures.side(), workload,
            figure(workload.name(), workload.kind(), workload.side(), mode.roundNanos())));
        turns.add(() -> keep(kept, figures.baseline(), workload,
            figure(workload.name(), workload.kind(), workload.baseline(), mode.roundNanos())));
      }
      Collections.shuffle(turns, order);
      turns.forEach(Runnable::run);
      System.err.printf(Locale.ROOT, "[%s] round %d of %d%n", label, round + 1, rounds);
    }
    return figures;
  }

  /**
   * The table of {@code figures}: per workload, the median and quartiles of the rounds' ratios
   * headed {@code ratio}, then each side's median, headed {@code side} and {@code baseline}.
   */
  static String table(List<Workload> workloads, Figures figures, Mode mode, String ratio,
      String side, String baseline) {
    StringBuilder out = new StringBuilder()
        .append("| workload | metric | ").append(ratio).append(", median of rounds | quartiles | ")
        .append(side).append(" | ").append(baseline).append(" |\n")
        .append("| --- | --- | --- | --- | --- | --- |\n");
    for (Workload workload : workloads) {
      List<Double> ours = figures.side().get(workload.name());
      List<Double> theirs = figures.baseline().get(workload.name());
      List<Double> ratios = new ArrayList<>();
      for (int i = 0; i < ours.size(); i++) {
        ratios.add(ours.get(i) / theirs.get(i));
      }
      Score rounds = Score.of(ratios);
      String format = workload.kind().throughput() ? "%,.0f" : "%.3f";
      out.append(String.format(Locale.ROOT, "| %s | %s | %.2f× | %.2f–%.2f× | " + format
              + " | " + format + " |%n",
          workload.name(), workload.kind().throughput() ? "runs/s" : "µs per step", rounds.median(),
          rounds.lowerQuartile(), rounds.upperQuartile(), median(ours), median(theirs)));
    }
    out.append(String.format(Locale.ROOT, "%n- %d rounds of %d ms a workload after %d warm-up"
        + " rounds, each in a shuffled order. The ratio divides the first side's figure by the"
        + " second's in the same round; the last two columns give each side's median.%n",
        mode.rounds(), mode.roundNanos() / 1_000_000, WARM_UP_ROUNDS));
    return out.toString();
  }

  static double median(List<Double> values) {
    return Score.of(values).median();
  }

  private static void keep(boolean kept, Map<String, List<Double>> into, Workload workload,
      double value) {
    if (kept) {
      into.computeIfAbsent(workload.name(), name -> new ArrayList<>()).add(value);
    }
  }

  /**
   * The figure of {@code run}, called as {@code kind} says (one run after another on the calling
   * thread for {@link Kind#PER_STEP}), measured for {@code roundNanos}; {@code name} names the
   * workload if a run fails.
   */
  static double figure(String name, Kind kind, Callable<Integer> run, long roundNanos) {
    try {
      if (kind == Kind.PLATFORM_CALLERS) {
        return PlatformCallers.runsPerSecond(IN_FLIGHT, run, roundNanos);
      }
      long start = System.nanoTime();
      long operations = 0;
      while (System.nanoTime() - start < roundNanos) {
        if (kind == Kind.IN_FLIGHT) {
          InFlight.run(IN_FLIGHT, run);
        } else {
          Objects.requireNonNull(run.call());
        }
        operations++;
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      return kind == Kind.IN_FLIGHT
          ? operations * IN_FLIGHT / seconds
          : seconds * 1e6 / operations / STEPS;
    } catch (Exception e) {
      throw new IllegalStateException(name + " failed", e);
    }
  }
}
