package dev.braid.benchmarks;

import static dev.braid.benchmarks.Turns.Kind.PER_STEP;
import static dev.braid.benchmarks.Turns.Kind.PLATFORM_CALLERS;

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
import dev.braid.runtime.PipelineResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.DoubleSummaryStatistics;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Braid against hand-written {@code StructuredTaskScope} code the way a measurement from outside
 * the project takes it: each workload of each side in a JVM of its own, warmed up and then timed on
 * the JVM's main thread, a platform thread, from {@code execute} to {@code output()}; the median of
 * the rounds, with each JVM's peak resident memory.
 *
 * <p>{@link InterleavedRatios} runs both sides in one JVM because a JVM on a small machine can
 * settle in a slower state of the virtual-thread scheduler for its whole life; here each side has
 * JVMs of its own, so a round's figure moves with the state its JVM settled in, and the range of
 * the rounds shows by how much. Read the two together: this table is what an outside measurement
 * finds, the interleaved one what Braid costs against the same code in the same state.
 *
 * <p>Run with {@code --enable-preview}, which the baseline needs; each JVM this starts gets it, and
 * the {@code braid.scope} of this one. Arguments: {@code --full} (3 rounds of a 10 s warm-up and
 * 10 s measured in each JVM), {@code --quick} (3 rounds of 4 s and 4 s) or {@code --smoke} (1 round
 * of 100 ms and 100 ms), and optionally {@code --rounds=N}: as a JVM's figure moves with the state
 * it settled in, the median of 3 rounds can land on a slow JVM of one side and a fast one of the
 * other, and more rounds give a median that moves less from run to run. An empty {@code --rounds=}
 * keeps the mode's, so that a build can always pass it.
 */
public final class SeparateJvms {
  /** The argument that makes this JVM measure one workload of one side and print its figures. */
  private static final String MEASURE_ONE = "--measure-one";
  /** What the line with those figures starts with. */
  private static final String RESULT = "measured";

  private SeparateJvms() {}

  /** The workloads, each measured as its {@link Turns.Kind} says. */
  enum Shape {
    CHAIN("chain-1000", PER_STEP),
    WIDE("wide-1000", PER_STEP),
    DIAMOND("diamond, 1,000 platform-thread callers", PLATFORM_CALLERS);

    final String label;
    final Turns.Kind kind;

    Shape(String label, Turns.Kind kind) {
      this.label = label;
      this.kind = kind;
    }
  }

  /** Who runs the workload. */
  enum Side {
    HAND_WRITTEN("hand-written STS"),
    BRAID("Braid"),
    GUARDED("Braid, timeouts + retries + budgets");

    final String label;

    Side(String label) {
      this.label = label;
    }
  }

  /** How many rounds, and how long each JVM warms up and then measures. */
  record Mode(int rounds, long warmUpMillis, long measuredMillis) {
    private static final Mode FULL = new Mode(3, 10_000, 10_000);
    private static final String ROUNDS = "--rounds=";

    /** The mode {@code arguments} name ({@code --full} if none), with the rounds they give. */
    static Mode parse(List<String> arguments) {
      Mode mode = FULL;
      String rounds = "";
      for (String argument : arguments) {
        if (argument.startsWith(ROUNDS)) {
          rounds = argument.substring(ROUNDS.length());
          continue;
        }
        mode = switch (argument) {
          case "--full" -> FULL;
          case "--quick" -> new Mode(3, 4_000, 4_000);
          case "--smoke" -> new Mode(1, 100, 100);
          default -> throw new IllegalArgumentException("Unknown argument '" + argument
              + "'; pass --full (the default), --quick or --smoke, and optionally --rounds=N");
        };
      }
      return mode.withRounds(rounds);
    }

    /** This mode with {@code rounds} rounds, or as it is if {@code rounds} is empty. */
    private Mode withRounds(String rounds) {
      if (rounds.isEmpty()) {
        return this;
      }
      if (!rounds.matches("[1-9][0-9]{0,3}")) {
        throw new IllegalArgumentException("--rounds=" + rounds + " is not a number of rounds;"
            + " pass a whole number from 1 to 9999, such as --rounds=10, or leave it empty for the"
            + " mode's");
      }
      return new Mode(Integer.parseInt(rounds), warmUpMillis, measuredMillis);
    }
  }

  /** One JVM's figures: the workload's, and the JVM's peak resident memory in KiB, or -1. */
  record Measured(double figure, long peakKib) {}

  public static void main(String[] args) throws Exception {
    if (args.length > 0 && args[0].equals(MEASURE_ONE)) {
      Shape shape = Shape.valueOf(args[1]);
      Measured measured = measureHere(shape, Side.valueOf(args[2]), Long.parseLong(args[3]),
          Long.parseLong(args[4]));
      System.out.printf(Locale.ROOT, "%s %.6f %d%n", RESULT, measured.figure(), measured.peakKib());
      return;
    }
    Mode mode = Mode.parse(List.of(args));
    String scope = System.getProperty("braid.scope", "threads");
    Map<Shape, Map<Side, List<Measured>>> figures = measureAll(mode, scope);
    System.out.print("\n## Braid on "
        + (scope.equals("threads") ? "its own scope" : "StructuredTaskScope")
        + " against hand-written StructuredTaskScope, each in a JVM of its own\n\n");
    System.out.print(table(figures, mode));
  }

  /** Runs every shape of every side in a JVM of its own, each round in a shuffled order. */
  private static Map<Shape, Map<Side, List<Measured>>> measureAll(Mode mode, String scope)
      throws IOException, InterruptedException {
    Map<Shape, Map<Side, List<Measured>>> figures = new EnumMap<>(Shape.class);
    Random order = new Random(42);
    for (int round = 1; round <= mode.rounds(); round++) {
      List<Map.Entry<Shape, Side>> jvms = new ArrayList<>();
      for (Shape shape : Shape.values()) {
        for (Side side : Side.values()) {
          jvms.add(Map.entry(shape, side));
        }
      }
      Collections.shuffle(jvms, order);
      for (Map.Entry<Shape, Side> jvm : jvms) {
        Measured measured = inNewJvm(jvm.getKey(), jvm.getValue(), mode, scope);
        figures.computeIfAbsent(jvm.getKey(), shape -> new EnumMap<>(Side.class))
            .computeIfAbsent(jvm.getValue(), side -> new ArrayList<>())
            .add(measured);
      }
      System.err.printf(Locale.ROOT, "[separate JVMs, Braid on %s] round %d of %d%n", scope, round,
          mode.rounds());
    }
    return figures;
  }

  /** Starts a JVM with this one's class path that measures {@code shape} on {@code side}. */
  private static Measured inNewJvm(Shape shape, Side side, Mode mode, String scope)
      throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process process = new ProcessBuilder(java.toString(), "--enable-preview",
        "-Dbraid.scope=" + scope, "-classpath", System.getProperty("java.class.path"),
        SeparateJvms.class.getName(), MEASURE_ONE, shape.name(), side.name(),
        Long.toString(mode.warmUpMillis()), Long.toString(mode.measuredMillis()))
        .redirectErrorStream(true)
        .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = process.waitFor();
    if (exit == 0) {
      for (String line : output.lines().toList().reversed()) {
        String[] fields = line.split(" ");
        if (fields.length == 3 && fields[0].equals(RESULT)) {
          return new Measured(Double.parseDouble(fields[1]), Long.parseLong(fields[2]));
        }
      }
    }
    throw new IllegalStateException("The JVM measuring " + shape.label + " on " + side.label
        + " exited with " + exit + " and printed no figure:\n" + output);
  }

  /** Warms {@code shape} on {@code side} up in this JVM, then measures it. */
  private static Measured measureHere(Shape shape, Side side, long warmUpMillis,
      long measuredMillis) {
    Callable<Integer> run = run(shape, side);
    String name = shape.label + " on " + side.label;
    Turns.figure(name, shape.kind, run, warmUpMillis * 1_000_000);
    double figure = Turns.figure(name, shape.kind, run, measuredMillis * 1_000_000);
    return new Measured(figure, peakResidentKib());
  }

  private static Callable<Integer> run(Shape shape, Side side) {
    boolean guarded = side == Side.GUARDED;
    return switch (shape) {
      case CHAIN -> side == Side.HAND_WRITTEN
          ? () -> StructuredGraphs.chain(Turns.STEPS)
          : guarded
              ? braid(new GuardedChain1000PipelineExecutor(new GuardedChain1000Pipeline())::execute)
              : braid(new Chain1000PipelineExecutor(new Chain1000Pipeline())::execute);
      case WIDE -> side == Side.HAND_WRITTEN
          ? () -> StructuredGraphs.wide(Turns.STEPS)
          : guarded
              ? braid(new GuardedWide1000PipelineExecutor(new GuardedWide1000Pipeline())::execute)
              : braid(new Wide1000PipelineExecutor(new Wide1000Pipeline())::execute);
      case DIAMOND -> side == Side.HAND_WRITTEN
          ? StructuredGraphs::diamond
          : guarded
              ? braid(new GuardedDiamondPipelineExecutor(new GuardedDiamondPipeline())::execute)
              : braid(new DiamondPipelineExecutor(new DiamondPipeline())::execute);
    };
  }

  /** A run of a Braid executor, from {@code execute} to {@code output()}. */
  private static Callable<Integer> braid(Supplier<PipelineResult<Integer>> execute) {
    return () -> execute.get().output();
  }

  /** This process's peak resident memory in KiB, from Linux's {@code /proc}; -1 elsewhere. */
  private static long peakResidentKib() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmHWM:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | RuntimeException e) {
      return -1;
    }
    return -1;
  }

  /**
   * One row per shape: each side's median with the range of its rounds, and Braid's medians
   * divided by the hand-written code's; then each JVM's peak resident memory.
   */
  private static String table(Map<Shape, Map<Side, List<Measured>>> figures, Mode mode) {
    List<List<String>> times = new ArrayList<>();
    List<List<String>> memory = new ArrayList<>();
    for (Shape shape : Shape.values()) {
      boolean throughput = shape.kind.throughput();
      List<String> time =
          new ArrayList<>(List.of(shape.label, throughput ? "runs/s" : "µs per step"));
      time.addAll(sideCells(figures.get(shape), Measured::figure, throughput ? "%,.0f" : "%.3f"));
      times.add(time);
      List<String> peak = new ArrayList<>(List.of(shape.label));
      peak.addAll(sideCells(figures.get(shape), measured -> measured.peakKib() / 1024.0, "%,.0f"));
      memory.add(peak);
    }
    return TableFormatter.format(headings("workload", "metric"), times)
        + "\nPeak resident memory of each JVM, MiB, median of the rounds (range):\n\n"
        + TableFormatter.format(headings("workload"), memory)
        + String.format(Locale.ROOT, "%n- %d round(s); in each, every workload of every side ran"
                + " in a JVM of its own, in a shuffled order, %,d ms warming up and then %,d ms"
                + " measured. Each cell gives the median of the rounds and their range; the ratio"
                + " divides Braid's median by the hand-written code's.%n",
            mode.rounds(), mode.warmUpMillis(), mode.measuredMillis());
  }

  /** The headings {@code first}, then each side's and, for Braid's, its ratio's. */
  private static List<String> headings(String... first) {
    List<String> headings = new ArrayList<>(List.of(first));
    for (Side side : Side.values()) {
      headings.add(side.label);
      if (side != Side.HAND_WRITTEN) {
        headings.add("÷ hand-written");
      }
    }
    return headings;
  }

  /** Each side's cells of one row: its median and range, and for Braid's the ratio. */
  private static List<String> sideCells(Map<Side, List<Measured>> sides,
      ToDoubleFunction<Measured> value, String format) {
    double handWritten = median(sides.get(Side.HAND_WRITTEN), value);
    List<String> cells = new ArrayList<>();
    for (Side side : Side.values()) {
      List<Measured> rounds = sides.get(side);
      DoubleSummaryStatistics range = rounds.stream().mapToDouble(value).summaryStatistics();
      boolean ratio = side != Side.HAND_WRITTEN;
      if (range.getMin() < 0) { // no peak resident memory off Linux
        cells.add("—");
        if (ratio) {
          cells.add("—");
        }
        continue;
      }
      double median = median(rounds, value);
      cells.add(String.format(Locale.ROOT, format + " (" + format + "–" + format + ")", median,
          range.getMin(), range.getMax()));
      if (ratio) {
        cells.add(String.format(Locale.ROOT, "%.2f×", median / handWritten));
      }
    }
    return cells;
  }

  private static double median(List<Measured> rounds,
      ToDoubleFunction<Measured> value) {
    return Turns.median(rounds.stream().map(value::applyAsDouble).toList());
  }
}
