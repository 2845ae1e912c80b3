package dev.braid.test;

import static com.google.common.truth.Truth.assertThat;
import static dev.braid.test.BraidTruth.assertThat;

import dev.braid.durable.RunFilter;
import dev.braid.durable.StoredStep;
import dev.braid.runtime.AttemptOutcome;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.PriceTable;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The extension hands each test its kit, time, cassette and durable testbed. */
@BraidTest(seed = 11)
@Timeout(60)
class BraidExtensionTest {
  private static final PriceTable PRICES = PriceTable.empty().withFree("draft-model");

  @Test
  void aKitRunsAPipelineOnItsVirtualTimeWithAScriptedModel(BraidKit kit, VirtualTime time) {
    assertThat(time).isSameInstanceAs(kit.time());
    assertThat(time.seed()).isEqualTo(11);
    ScriptedModel<String, String> model = kit.<String, String>model("draft-model", String.class)
        .thenReply(ScriptedReply.hang())
        .thenReply(ScriptedReply.value("Dear Sam").after(Duration.ofSeconds(5)))
        .build();
    SlowDraftPipelineExecutor executor = new SlowDraftPipelineExecutor(
        new SlowDraftPipeline(model), kit.config().prices(PRICES).build());

    PipelineResult<String> result = executor.execute("refund");

    assertThat(result).hasOutput("Dear Sam");
    assertThat(result).step("draft")
        .hadOutcomes(AttemptOutcome.TIMED_OUT, AttemptOutcome.SUCCEEDED);
    assertThat(result).step("draft").attempt(1).hasDuration(Duration.ofSeconds(30));
  }

  @Test
  void aDurablePipelineRunsOnAWorkerAgainstAnInMemoryDatabase(BraidKit kit,
      DurableTestbed durable) throws Exception {
    assertThat(durable).isSameInstanceAs(kit.durable());
    ScriptedModel<String, String> model = kit.<String, String>model("draft-model", String.class)
        .thenReply(ScriptedReply.retryable(503))
        .thenAnswer("Dear Sam")
        .build();
    DurableDraftPipelineExecutor executor = new DurableDraftPipelineExecutor(
        new DurableDraftPipeline(model), kit.config().prices(PRICES).build());
    durable.startWorker(executor.definition());

    PipelineResult<String> result = durable.runToEnd(executor.definition(), "refund");

    assertThat(result).hasOutput("Dear Sam\n-- Support");
    assertThat(result).step("sign").succeeded();
    assertThat(model.calls()).hasSize(2);
    String id = durable.runs().list(RunFilter.all()).getFirst().id();
    assertThat(durable.runs().steps(id).stream().map(StoredStep::step).toList())
        .containsExactly("draft", "sign").inOrder();
  }
}
