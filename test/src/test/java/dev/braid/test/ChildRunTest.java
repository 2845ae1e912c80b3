package dev.braid.test;

import static com.google.common.truth.Truth.assertThat;
import static dev.braid.test.BraidTruth.assertThat;

import dev.braid.runtime.AttemptOutcome;
import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.PriceTable;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A child run shares its parent's virtual time: while the parent's step waits for the child, time
 * moves for the child's timeouts and latencies.
 */
@Timeout(30)
class ChildRunTest {
  @Test
  void aChildRunTimesOutAndRetriesOnItsParentsVirtualTime() {
    try (VirtualTime time = VirtualTime.seeded(5)) {
      ScriptedModel<String, String> model = ScriptedModel.<String, String>builder("refund-model")
          .time(time)
          .thenReply(ScriptedReply.hang())
          .thenReply(ScriptedReply.value("approve").after(Duration.ofSeconds(5)))
          .build();
      PriceTable prices = PriceTable.empty().withFree("refund-model");
      // The child's executor has no time source of its own, so its runs take the parent's.
      RefundPipelineExecutor refunds = new RefundPipelineExecutor(new RefundPipeline(model),
          PipelineConfig.builder().prices(prices).build());
      TriagePipelineExecutor triage = new TriagePipelineExecutor(new TriagePipeline(refunds),
          PipelineConfig.builder().timeSource(time).build());

      PipelineResult<String> result = triage.execute("refund please");

      assertThat(result).hasOutput("approve");
      PipelineResult<?> child = result.step("triage").childRuns().getFirst();
      assertThat(child).step("decide")
          .hadOutcomes(AttemptOutcome.TIMED_OUT, AttemptOutcome.SUCCEEDED);
      assertThat(child).step("decide").attempt(1).hasDuration(Duration.ofSeconds(30));
      assertThat(child.duration()).isEqualTo(Duration.ofSeconds(35));
      assertThat(result.duration()).isEqualTo(Duration.ofSeconds(35));
    }
  }
}
