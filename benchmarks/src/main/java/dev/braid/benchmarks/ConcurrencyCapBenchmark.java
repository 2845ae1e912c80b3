package dev.braid.benchmarks;

import dev.braid.benchmarks.pipelines.CappedDraftPipeline;
import dev.braid.benchmarks.pipelines.CappedDraftPipelineExecutor;
import dev.braid.runtime.BatchResult;
import dev.braid.runtime.BatchRun;
import dev.braid.runtime.BraidException;
import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.RunEvent;
import dev.braid.runtime.RunListener;
import dev.braid.runtime.StepConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.jspecify.annotations.Nullable;

/**
 * Shows what a step's concurrency cap does under load: {@link CappedDraftPipeline}'s {@code draft}
 * ({@code @Step(maxConcurrent = 5)}) sleeps a fixed latency, and {@code executeAll} keeps 100 runs
 * in flight. It measures the most drafts that ever ran at once, which must be the cap, and the
 * runs per second, against the rate the cap allows: the cap divided by the step's latency, as
 * measured in the same batch (a sleep overshoots its nominal time a little). A second batch raises
 * the cap to the number of runs in flight, where it never binds, to show the cap is what set the
 * pace. Prints a Markdown table; exits with status 1 if a cap was ever exceeded.
 *
 * <p>{@code --full} (the default) runs 2,000 runs at a 20 ms step after a warm-up batch; {@code
 * --smoke} runs 200, without the warm-up.
 */
public final class ConcurrencyCapBenchmark {
  private static final int IN_FLIGHT = 100;
  private static final Duration LATENCY = Duration.ofMillis(20);

  private ConcurrencyCapBenchmark() {}

  public static void main(String[] args) throws Exception {
    boolean smoke = SuiteMode.parse(args) == SuiteMode.SMOKE;
    int runs = smoke ? 200 : 2_000;
    if (!smoke) {
      batch(CappedDraftPipeline.CAP, runs / 4);
    }
    Figures capped = batch(CappedDraftPipeline.CAP, runs);
    Figures uncapped = batch(IN_FLIGHT, runs);
    System.out.print(report(smoke, List.of(capped, uncapped)));
    if (capped.peakRunning > capped.cap || uncapped.peakRunning > uncapped.cap) {
      System.err.println("A cap was exceeded");
      System.exit(1);
    }
  }

  /** What one batch measured. */
  private record Figures(int cap, int runs, int peakInFlight, int peakRunning, double seconds,
      double meanStepMillis, double meanWaitMillis) {

    double runsPerSecond() {
      return runs / seconds;
    }

    /** The most runs per second the cap allows at the step's measured latency. */
    double capRate() {
      return cap * 1000.0 / meanStepMillis;
    }
  }

  /** Runs {@code runs} runs, {@value #IN_FLIGHT} at a time, {@code draft} capped at {@code cap}. */
  private static Figures batch(int cap, int runs) throws Exception {
    AtomicInteger running = new AtomicInteger();
    AtomicInteger peakRunning = new AtomicInteger();
    AtomicLong stepNanos = new AtomicLong();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger peakInFlight = new AtomicInteger();
    CappedDraftPipeline pipeline = new CappedDraftPipeline(() -> {
      long start = System.nanoTime();
      peakRunning.accumulateAndGet(running.incrementAndGet(), Math::max);
      try {
        Thread.sleep(LATENCY);
      } finally {
        running.decrementAndGet();
        stepNanos.addAndGet(System.nanoTime() - start);
      }
      return "drafted";
    });
    PipelineConfig config = PipelineConfig.builder()
        .step("draft", StepConfig.builder().maxConcurrent(cap).build())
        .listener(new RunListener() {
          @Override
          public void runStarted(RunEvent run) {
            peakInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
          }

          @Override
          public void runEnded(RunEvent run, PipelineResult<?> result,
              @Nullable BraidException failure) {
            inFlight.decrementAndGet();
          }
        })
        .build();
    CappedDraftPipelineExecutor executor = new CappedDraftPipelineExecutor(pipeline, config);
    List<String> tickets = IntStream.range(0, runs).mapToObj(i -> "ticket " + i).toList();
    long waitedNanos = 0;
    long start = System.nanoTime();
    try (BatchRun<String, String> batch = executor.executeAll(tickets, IN_FLIGHT)) {
      for (BatchResult<String, String> result : batch) {
        waitedNanos += result.resultOrThrow().step("draft").waited().toNanos();
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Figures figures = new Figures(cap, runs, peakInFlight.get(), peakRunning.get(), seconds,
        stepNanos.get() / 1e6 / runs, waitedNanos / 1e6 / runs);
    System.err.printf(Locale.ROOT, "cap %d: %d runs in %.2f s, at most %d drafts at once%n",
        cap, runs, seconds, figures.peakRunning);
    return figures;
  }

  private static String report(boolean smoke, List<Figures> batches) {
    List<List<String>> rows = new ArrayList<>();
    for (Figures figures : batches) {
      rows.add(List.of(
          String.valueOf(figures.cap),
          String.valueOf(figures.runs),
          String.valueOf(figures.peakInFlight),
          String.valueOf(figures.peakRunning),
          String.format(Locale.ROOT, "%.1f ms", figures.meanStepMillis),
          String.format(Locale.ROOT, "%.1f ms", figures.meanWaitMillis),
          String.format(Locale.ROOT, "%.0f", figures.runsPerSecond()),
          String.format(Locale.ROOT, "%.0f", figures.capRate()),
          String.format(Locale.ROOT, "%.3f", figures.runsPerSecond() / figures.capRate())));
    }
    return "\n## Concurrency cap (" + (smoke ? "smoke" : "full") + ")\n\n"
        + TableFormatter.format(List.of("cap on draft", "runs", "peak runs in flight",
            "peak drafts at once", "step latency", "mean wait for a slot", "runs/s",
            "cap ÷ latency (runs/s)", "runs/s ÷ cap rate"), rows)
        + "\n- One step of " + LATENCY.toMillis() + " ms (a sleep), " + IN_FLIGHT + " runs kept in"
        + " flight by executeAll; step latency is the mean measured in the same batch, and the"
        + " cap rate is the cap divided by it. The second row raises the cap to the runs in"
        + " flight, where it never binds.\n";
  }
}
