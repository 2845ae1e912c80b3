package dev.braid.test;

import static com.google.common.truth.Truth.assertWithMessage;

import dev.braid.runtime.BatchResult;
import dev.braid.runtime.BatchRun;
import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.RunStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A run launched on a thread of its own — by {@code executeAsync}, {@code stream} or a batch —
 * counts as busy on its virtual time source from the launch on, so that time cannot move on to a
 * pending alarm between the launch and the run's first step. The window is short, so each test
 * launches many runs; before the launch was counted, some of them started a minute late.
 */
@Timeout(60)
class VirtualTimeLaunchTest {
  private static final int LAUNCHES = 300;

  @Test
  void aRunLaunchedAsynchronouslyStartsBeforeTimeMovesOn() throws Exception {
    for (int i = 0; i < LAUNCHES; i++) {
      try (VirtualTime time = VirtualTime.seeded(i)) {
        time.busy(); // time stands still until the launch
        ClockPipelineExecutor executor = executor(time);
        Instant launched = time.instant();
        CompletableFuture<PipelineResult<Instant>> run;
        try {
          run = executor.executeAsync("launch " + i);
        } finally {
          time.idle(); // from here only the run keeps time still
        }
        assertWithMessage("launch %s", i).that(run.get().output()).isEqualTo(launched);
      }
    }
  }

  @Test
  void aStreamedRunStartsBeforeTimeMovesOn() throws Exception {
    for (int i = 0; i < LAUNCHES; i++) {
      try (VirtualTime time = VirtualTime.seeded(i)) {
        time.busy();
        ClockPipelineExecutor executor = executor(time);
        Instant launched = time.instant();
        RunStream<Instant> stream;
        try {
          stream = executor.stream("launch " + i);
        } finally {
          time.idle();
        }
        try (stream) {
          assertWithMessage("launch %s", i).that(stream.result().output()).isEqualTo(launched);
        }
      }
    }
  }

  @Test
  void theRunsABatchLaunchesStartBeforeTimeMovesOn() {
    for (int i = 0; i < LAUNCHES; i++) {
      try (VirtualTime time = VirtualTime.seeded(i)) {
        time.busy();
        ClockPipelineExecutor executor = executor(time);
        Instant launched = time.instant();
        BatchRun<String, Instant> batch;
        try {
          batch = executor.executeAll(List.of("a " + i, "b " + i, "c " + i), 3);
        } finally {
          time.idle();
        }
        try (batch) {
          for (BatchResult<String, Instant> done : batch) {
            assertWithMessage("launch %s, run %s", i, done.input())
                .that(done.result().orElseThrow().output()).isEqualTo(launched);
          }
        }
      }
    }
  }

  /** An executor on {@code time}, with an alarm a minute ahead that time could move on to. */
  private static ClockPipelineExecutor executor(VirtualTime time) {
    time.schedule(() -> {}, Duration.ofMinutes(1).toNanos());
    return new ClockPipelineExecutor(new ClockPipeline(time),
        PipelineConfig.builder().timeSource(time).build());
  }
}
