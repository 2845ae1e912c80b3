package dev.braid.test;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.AttemptOutcome;
import dev.braid.runtime.CostBudgetExceededException;
import dev.braid.runtime.ModelException;
import dev.braid.runtime.ModelPrice;
import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.PriceTable;
import dev.braid.runtime.RunOptions;
import dev.braid.runtime.StepExecutionException;
import dev.braid.runtime.StreamChunk;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A scripted model answers in sequence or by request, fails, streams, and records its calls. */
@Timeout(30)
class ScriptedModelTest {
  private static final PriceTable PRICES = PriceTable.empty()
      .with("draft-model", ModelPrice.dollarsPerMillion("1.00", "0.50", "2.00"));

  @Test
  void aRateLimitIsRetriedWithinTheAttemptAndEveryTryIsRecorded() {
    try (VirtualTime time = VirtualTime.seeded(3)) {
      ScriptedModel<String, String> model = ScriptedModel.<String, String>builder("draft-model")
          .time(time)
          .thenReply(ScriptedReply.retryable(429))
          .thenReply(ScriptedReply.value("Dear Sam", 1_000, 500))
          .build();

      PipelineResult<String> result = executor(time, model).execute("refund");

      BraidTruth.assertThat(result).hasOutput("Dear Sam");
      BraidTruth.assertThat(result).step("draft").hadAttempts(1);
      BraidTruth.assertThat(result).usage().calls(2);
      // 1,000 input tokens at $1 and 500 output tokens at $2 per million: $0.002.
      BraidTruth.assertThat(result).costMicrocents(200_000);
      assertThat(model.calls()).hasSize(2);
      assertThat(model.calls().get(0).callAttempt()).isEqualTo(1);
      assertThat(model.calls().get(1).callAttempt()).isEqualTo(2);
      assertThat(model.requests()).containsExactly(
          "Draft a reply to: refund", "Draft a reply to: refund");
      assertThat(model.repliesLeft()).isEqualTo(0);
    }
  }

  @Test
  void aFatalFailureIsNotRetriedAndFailsTheStep() {
    try (VirtualTime time = VirtualTime.seeded(3)) {
      ScriptedModel<String, String> model = ScriptedModel.<String, String>builder("draft-model")
          .time(time)
          .thenReply(ScriptedReply.fatal(400, "prompt too long"))
          .thenAnswer("never used")
          .build();

      StepExecutionException e = assertThrows(StepExecutionException.class,
          () -> executor(time, model).execute("refund"));

      assertThat(e).hasCauseThat().hasMessageThat().contains("prompt too long");
      assertThat(model.calls()).hasSize(1);
      BraidTruth.assertThatPartialResultOf(e).step("draft").hadOutcomes(AttemptOutcome.FAILED);
    }
  }

  @Test
  void requestsMatchingARuleTakeItsRepliesTheLastOneRepeating() throws Exception {
    ScriptedModel<String, String> model = ScriptedModel.<String, String>builder("m")
        .whenRequest(request -> request.contains("refund"),
            ScriptedReply.value("first refund"), ScriptedReply.value("later refunds"))
        .thenAnswer("in sequence")
        .build();

    assertThat(model.call("refund 1", new TestCall()).value()).isEqualTo("first refund");
    assertThat(model.call("hello", new TestCall()).value()).isEqualTo("in sequence");
    assertThat(model.call("refund 2", new TestCall()).value()).isEqualTo("later refunds");
    assertThat(model.call("refund 3", new TestCall()).value()).isEqualTo("later refunds");
  }

  @Test
  void aCallWithNoReplyLeftFailsNamingTheCall() throws Exception {
    ScriptedModel<String, String> model = ScriptedModel.<String, String>builder("m")
        .thenAnswer("only one")
        .build();
    model.call("first", new TestCall());

    AssertionError e =
        assertThrows(AssertionError.class, () -> model.call("second", new TestCall()));

    assertThat(e).hasMessageThat().isEqualTo("ScriptedModel 'm' has no reply left for call 2"
        + " (step 'draft' of pipeline 'Test', attempt 1, try 1) with request second;"
        + " add one with thenReply or whenRequest");
  }

  @Test
  void aStreamingReplyEmitsItsChunksBeforeItAnswers() {
    try (VirtualTime time = VirtualTime.seeded(3)) {
      ScriptedModel<String, String> model = ScriptedModel.<String, String>builder("draft-model")
          .time(time)
          .thenReply(ScriptedReply.value("Dear Sam").streaming("Dear ", "Sam"))
          .build();
      List<String> chunks = new CopyOnWriteArrayList<>();

      executor(time, model).execute("refund", RunOptions.builder()
          .onChunk((StreamChunk chunk) -> chunks.add(chunk.text())).build());

      assertThat(chunks).containsExactly("Dear ", "Sam").inOrder();
    }
  }

  @Test
  void aSlowReplyTimesTheAttemptOutAtItsTimeout() {
    try (VirtualTime time = VirtualTime.seeded(3)) {
      ScriptedModel<String, String> model = ScriptedModel.<String, String>builder("draft-model")
          .time(time)
          .thenReply(ScriptedReply.<String>value("late").after(Duration.ofMinutes(1)))
          .thenReply(ScriptedReply.<String>value("in time").after(Duration.ofSeconds(29)))
          .build();

      PipelineResult<String> result = executor(time, model).execute("refund");

      BraidTruth.assertThat(result).hasOutput("in time");
      BraidTruth.assertThat(result).step("draft").attempt(1).hasDuration(Duration.ofSeconds(30));
      BraidTruth.assertThat(result).step("draft").attempt(2).hasDuration(Duration.ofSeconds(29));
      assertThat(model.calls().get(1).stepAttempt()).isEqualTo(2);
    }
  }

  @Test
  void aCostBudgetStopsTheRun() {
    try (VirtualTime time = VirtualTime.seeded(3)) {
      ScriptedModel<String, String> model = ScriptedModel.<String, String>builder("draft-model")
          .time(time)
          // An overloaded provider that still bills the prompt: $10, over the cent of budget, so
          // the retry is refused.
          .thenReply(ScriptedReply.failing(() -> new ModelException("overloaded", true, 503, null)
              .withTokens(10_000_000, 0, 0)))
          .thenAnswer("never made")
          .build();
      SlowDraftPipelineExecutor executor = new SlowDraftPipelineExecutor(
          new SlowDraftPipeline(model),
          PipelineConfig.builder().timeSource(time).prices(PRICES).costBudget(1_000_000).build());

      CostBudgetExceededException e = assertThrows(CostBudgetExceededException.class,
          () -> executor.execute("refund"));

      BraidTruth.assertThatPartialResultOf(e).step("draft").failed();
      BraidTruth.assertThatPartialResultOf(e).costMicrocents(1_000_000_000L);
      assertThat(model.calls()).hasSize(1);
    }
  }

  private static SlowDraftPipelineExecutor executor(VirtualTime time,
      ScriptedModel<String, String> model) {
    return new SlowDraftPipelineExecutor(new SlowDraftPipeline(model),
        PipelineConfig.builder().timeSource(time).prices(PRICES).build());
  }
}
