package dev.braid.durable.process;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static dev.braid.durable.process.DatabaseProbe.eventually;
import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;

import dev.braid.durable.DurableRuns;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three worker processes share one model's rate limit through PostgreSQL. Each would call the
 * model far faster alone (8 runs at once, a model that answers at once), so the limit is what
 * paces them: the calls the model received, in any window of the measurement, stay under one
 * second's burst plus the limit's rate over the window, plus one call and {@value #TOLERANCE} of
 * the whole to spare: a call reaches the model a little after it was admitted, later for the
 * first calls of a process that has just started.
 */
class SharedRateLimitTest {
  /** 4 calls a second; a bucket holds one second's worth. */
  private static final int REQUESTS_PER_MINUTE = 240;
  private static final double PER_SECOND = REQUESTS_PER_MINUTE / 60.0;
  private static final int BURST = 4;
  /** About ten seconds of calls at the limit. */
  private static final int CALLS = 44;
  private static final double TOLERANCE = 0.10;
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String[] CONFIG = {"pipeline=calling", "rpm=" + REQUESTS_PER_MINUTE,
      "slots=8", "lease=30000", "heartbeat=5000", "poll=20"};

  @RegisterExtension static final ProcessTestBed bed = new ProcessTestBed("ratelimit");

  @TempDir Path logs;

  @Test
  void threeWorkerProcessesStayUnderTheirSharedLimit() throws Exception {
    CallingPipeline.createTable(bed.database());
    DurableRuns runs = bed.runs();
    List<WorkerProcess> workers = List.of(bed.startWorker("first", logs, CONFIG),
        bed.startWorker("second", logs, CONFIG), bed.startWorker("third", logs, CONFIG));
    for (int i = 0; i < 200; i++) {
      runs.submit(CallingPipeline.NAME, "request-" + i);
    }
    for (WorkerProcess worker : workers) {
      worker.awaitLine("READY", WAIT);
    }
    for (WorkerProcess worker : workers) {
      worker.go();
    }

    eventually(CALLS + " calls of the model", WAIT,
        () -> CallingPipeline.calls(bed.database()).size() >= CALLS,
        SharedRateLimitTest::callsSoFar);
    for (WorkerProcess worker : workers) {
      assertThat(worker.stop(WAIT)).isEqualTo(0);
    }

    List<CallingPipeline.Call> calls = CallingPipeline.calls(bed.database());
    for (int first = 0; first < calls.size(); first++) {
      for (int last = first + BURST; last < calls.size(); last++) {
        double seconds = (calls.get(last).atMicros() - calls.get(first).atMicros()) / 1e6;
        int inWindow = last - first + 1;
        assertWithMessage("calls %s to %s, in %s s", first, last, seconds)
            .that((double) inWindow)
            .isAtMost((BURST + 1 + PER_SECOND * seconds) * (1 + TOLERANCE));
      }
    }
    double seconds = (calls.getLast().atMicros() - calls.getFirst().atMicros()) / 1e6;
    System.out.printf("%d calls in %.2f s: %.2f a second after the first second's %d, limit %.2f%n",
        calls.size(), seconds, (calls.size() - BURST) / seconds, BURST, PER_SECOND);
    assertWithMessage("the limit paced the calls rather than something slower")
        .that((calls.size() - BURST) / seconds).isAtLeast(PER_SECOND * 0.7);
    Map<String, Long> byWorker = calls.stream()
        .collect(groupingBy(CallingPipeline.Call::worker, counting()));
    assertThat(byWorker.keySet()).containsExactly("first", "second", "third");
  }

  private static String callsSoFar() {
    try {
      return "the model received " + CallingPipeline.calls(bed.database()).size() + " calls";
    } catch (java.sql.SQLException e) {
      return e.toString();
    }
  }
}
