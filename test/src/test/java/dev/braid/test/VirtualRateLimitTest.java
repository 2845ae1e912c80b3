package dev.braid.test;

import static com.google.common.truth.Truth.assertThat;

import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.PriceTable;
import dev.braid.runtime.RateLimit;
import dev.braid.runtime.RateLimiter;
import dev.braid.runtime.RunOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A rate limiter on virtual time: its waits pass at once in real time and take the virtual
 * minutes the limit stands for. The JUnit timeout only guards against a hang, such as a waiting
 * call that kept time still.
 */
@Timeout(30)
class VirtualRateLimitTest {
  @Test
  void fiveCallsUnderTwoRequestsAMinuteTakeTwoVirtualMinutes() throws Exception {
    try (VirtualTime time = VirtualTime.seeded(7)) {
      ScriptedModel<String, String> drafts = ScriptedModel.<String, String>builder("draft-model")
          .time(time)
          .whenRequest(request -> true, ScriptedReply.value("draft"))
          .build();
      RateLimiter limiter = RateLimiter.inMemory(time,
          RateLimit.model("draft-model").requestsPerMinute(2));
      var executor = new LimitedDraftPipelineExecutor(new LimitedDraftPipeline(drafts),
          PipelineConfig.builder().timeSource(time)
              .prices(PriceTable.empty().withFree("draft-model")).build());

      List<CompletableFuture<PipelineResult<String>>> runs = new ArrayList<>();
      time.busy(); // time stands still while the runs are launched
      try {
        for (int i = 0; i < 5; i++) {
          runs.add(executor.executeAsync("ticket " + i,
              RunOptions.builder().callGate(limiter.gate(0)).build()));
        }
      } finally {
        time.idle();
      }
      for (CompletableFuture<PipelineResult<String>> run : runs) {
        BraidTruth.assertThat(run.get()).hasOutput("draft");
      }

      // The first second's room holds one call; each next one waits 30 s for its room.
      assertThat(drafts.calls().stream()
              .map(call -> Duration.between(VirtualTime.DEFAULT_START, call.at())))
          .containsExactly(Duration.ZERO, Duration.ofSeconds(30), Duration.ofSeconds(60),
              Duration.ofSeconds(90), Duration.ofSeconds(120))
          .inOrder();
    }
  }
}
