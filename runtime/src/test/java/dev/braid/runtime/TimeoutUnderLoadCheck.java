package dev.braid.runtime;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepBody;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Measures how late step timeouts fire while CPU-bound steps keep every virtual-thread carrier
 * busy. Not a unit test — timing on a shared machine is not assertable — but a main that prints a
 * table, configured timeout against observed firing delay:
 *
 * <pre>
 * ./mvnw -q -pl annotations,runtime install -DskipTests
 * java --enable-preview -cp runtime/target/classes:runtime/target/test-classes \
 *     dev.braid.runtime.TimeoutUnderLoadCheck [runs]
 * </pre>
 *
 * <p>Each run has {@code busy} steps with the same timeout that spin on the CPU, polling their
 * interrupt flag and nothing else, so they never yield their carrier. The <em>firing delay</em> is
 * how long after its timeout each step saw its interrupt; <em>run end</em> is how long after the
 * timeout {@code execute} threw. A timer on a virtual thread would need a free carrier to fire, and
 * there is none until the busy steps end, so it would fire only when they happen to finish.
 */
public final class TimeoutUnderLoadCheck {
  private static final long GIVE_UP_NANOS = Duration.ofSeconds(30).toNanos();

  private TimeoutUnderLoadCheck() {}

  public static void main(String[] args) {
    int runs = args.length > 0 ? Integer.parseInt(args[0]) : 30;
    int cores = Runtime.getRuntime().availableProcessors();
    System.out.printf(Locale.ROOT, "%d cores, %d runs per row; delays in ms after the timeout%n",
        cores, runs);
    System.out.printf(Locale.ROOT, "%8s %6s | %9s %9s %9s | %9s %9s%n",
        "timeout", "busy", "fire p50", "fire p90", "fire max", "end p50", "end max");
    measure(Duration.ofMillis(100), 2, 5); // warm-up, not printed
    for (int busy : new int[] {2, 2 * cores}) {
      for (long millis : new long[] {50, 100, 250}) {
        Row row = measure(Duration.ofMillis(millis), busy, runs);
        System.out.printf(Locale.ROOT, "%6dms %6d | %9.2f %9.2f %9.2f | %9.2f %9.2f%n",
            millis, busy, row.fire(50), row.fire(90), row.fire(100), row.end(50), row.end(100));
      }
    }
  }

  /** Delays in nanoseconds: one per step for firing, one per run for the run's end. */
  private record Row(long[] fire, long[] end) {
    double fire(int percentile) {
      return millis(fire, percentile);
    }

    double end(int percentile) {
      return millis(end, percentile);
    }

    private static double millis(long[] sorted, int percentile) {
      int index = Math.min(sorted.length - 1, (int) Math.ceil(percentile / 100.0 * sorted.length) - 1);
      return sorted[Math.max(0, index)] / 1e6;
    }
  }

  private static Row measure(Duration timeout, int busy, int runs) {
    PipelinePlan.Builder plan = PipelinePlan.builder("Busy");
    for (int i = 0; i < busy; i++) {
      plan.step("busy" + i).timeout(timeout);
    }
    plan.output(0);
    PipelineEngine engine = PipelineEngine.create(plan.build());
    ConcurrentLinkedQueue<Long> fireDelays = new ConcurrentLinkedQueue<>();
    StepBody[] bodies = new StepBody[busy];
    Arrays.fill(bodies, (StepBody) (outputs, context) -> {
      long start = System.nanoTime();
      long firesAt = start + context.remaining().orElseThrow().toNanos();
      spinUntilInterrupted(start);
      fireDelays.add(System.nanoTime() - firesAt);
      throw new InterruptedException("timed out");
    });
    List<Long> endDelays = new ArrayList<>();
    for (int run = 0; run < runs; run++) {
      long started = System.nanoTime();
      try {
        engine.execute(bodies);
        throw new AssertionError("busy steps cannot succeed");
      } catch (StepExecutionException expected) {
        endDelays.add(System.nanoTime() - started - timeout.toNanos());
      }
    }
    return new Row(sorted(fireDelays), sorted(endDelays));
  }

  /** Burns CPU without blocking or yielding until interrupted; gives up after 30 s. */
  private static void spinUntilInterrupted(long start) {
    long sink = 0;
    while (!Thread.currentThread().isInterrupted()) {
      sink += Long.numberOfTrailingZeros(sink ^ start) + 1;
      if ((sink & 0xFFFF) == 0 && System.nanoTime() - start > GIVE_UP_NANOS) {
        throw new AssertionError("never interrupted");
      }
    }
  }

  private static long[] sorted(java.util.Collection<Long> values) {
    return values.stream().mapToLong(Long::longValue).sorted().toArray();
  }
}
