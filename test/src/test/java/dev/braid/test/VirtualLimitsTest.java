package dev.braid.test;

import static com.google.common.truth.Truth.assertThat;

import dev.braid.runtime.AttemptRecord;
import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.PriceTable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A step's concurrency cap and a call's own timeout on virtual time: a wait for a slot lets time
 * move while the holder sleeps on it, and a call's timeout passes at its virtual instant. The
 * JUnit timeout only guards against a hang.
 */
@Timeout(30)
class VirtualLimitsTest {
  private static final PriceTable PRICES =
      PriceTable.empty().withFree("draft-model").withFree("check-model");

  @Test
  void runsWaitingForTheCappedStepAreAdmittedAsEachDraftEnds() throws Exception {
    try (VirtualTime time = VirtualTime.seeded(3)) {
      ScriptedModel<String, String> drafts = ScriptedModel.<String, String>builder("draft-model")
          .time(time)
          .whenRequest(request -> true,
              ScriptedReply.<String>value("draft").after(Duration.ofSeconds(10)))
          .build();
      ScriptedModel<String, String> checks = ScriptedModel.<String, String>builder("check-model")
          .time(time)
          .whenRequest(request -> true, ScriptedReply.value("ok"))
          .build();
      var executor = new CappedDraftPipelineExecutor(new CappedDraftPipeline(drafts, checks),
          PipelineConfig.builder().timeSource(time).prices(PRICES).build());

      List<CompletableFuture<PipelineResult<String>>> runs = new ArrayList<>();
      time.busy(); // time stands still while the runs are launched
      try {
        for (int i = 0; i < 3; i++) {
          runs.add(executor.executeAsync("ticket " + i));
        }
      } finally {
        time.idle();
      }

      // Each run is admitted as the one before it ends, so the drafts end 10 s apart; when a run
      // asked for its slot depends on when its thread started, so its wait is not asserted.
      List<Duration> ends = new ArrayList<>();
      for (CompletableFuture<PipelineResult<String>> run : runs) {
        PipelineResult<String> result = run.get();
        BraidTruth.assertThat(result).hasOutput("ok");
        AttemptRecord draft = result.step("draft").attempts().getFirst();
        assertThat(draft.duration().minus(draft.waited())).isEqualTo(Duration.ofSeconds(10));
        ends.add(Duration.between(VirtualTime.DEFAULT_START, draft.finishedAt()));
      }
      assertThat(ends).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20),
          Duration.ofSeconds(30));
    }
  }

  @Test
  void aCallsOwnTimeoutPassesAtItsVirtualInstantAndItsRetryAnswers() throws Exception {
    try (VirtualTime time = VirtualTime.seeded(5)) {
      ScriptedModel<String, String> drafts = ScriptedModel.<String, String>builder("draft-model")
          .time(time)
          .whenRequest(request -> true, ScriptedReply.value("draft"))
          .build();
      ScriptedModel<String, String> checks = ScriptedModel.<String, String>builder("check-model")
          .time(time)
          .thenReply(ScriptedReply.hang())
          .thenReply(ScriptedReply.<String>value("ok").after(Duration.ofSeconds(2)))
          .build();
      var executor = new CappedDraftPipelineExecutor(new CappedDraftPipeline(drafts, checks),
          PipelineConfig.builder().timeSource(time).prices(PRICES).build());

      PipelineResult<String> result = executor.execute("ticket");

      BraidTruth.assertThat(result).hasOutput("ok");
      AttemptRecord check = result.step("check").attempts().getFirst();
      assertThat(result.step("check").attempts()).hasSize(1);
      assertThat(check.duration()).isAtLeast(Duration.ofSeconds(7));
      assertThat(check.duration()).isAtMost(Duration.ofSeconds(9));
      assertThat(checks.calls()).hasSize(2);
    }
  }
}
