package dev.braid.springai;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.ModelClient;
import dev.braid.runtime.ModelException;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.RunOptions;
import dev.braid.runtime.StepExecutionException;
import dev.braid.runtime.StreamChunk;
import dev.braid.runtime.Usage;
import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Spring AI's OpenAI model called from a pipeline's step through {@code StepContext.call}, over
 * HTTP to a local fake: Braid prices the calls, retries what the provider says may succeed, stops a
 * call at the step's timeout, and streams tokens to the run's listener.
 */
@Timeout(60)
class PipelineCallTest {
  /** Far longer than anything here should take, so that only a hang fails a bound. */
  private static final Duration PROMPTLY = Duration.ofSeconds(5);

  private final FakeOpenAi server = newServer();
  private final ModelClient<String, String> model =
      SpringAiModels.text(SpringAiModels.chat(OpenAiModels.openAi(server)));

  @AfterEach
  void stopServer() throws Exception {
    server.close();
  }

  @Test
  void recordsTheCallsTokensAndPricesThemAsTheModel() {
    server.enqueue(FakeOpenAi.completion("Hi there", 1_000, 200, 500));

    PipelineResult<String> result = run(model, step -> {});

    assertThat(result.output()).isEqualTo("Hi there");
    // gpt-4o-mini: 800 fresh input tokens at $0.15, 200 cached at $0.075, 500 output at $0.60 a million.
    Usage expected = new Usage(1_000, 200, 500, 1, 800 * 15 + 200 * 15 / 2 + 500 * 60);
    assertThat(result.step("draft").usage()).isEqualTo(expected);
    assertThat(result.usage()).isEqualTo(expected);
  }

  @Test
  void rateLimitIsRetriedByBraidAndBothTriesAreCounted() {
    server.enqueue(FakeOpenAi.error(429, "rate_limit_exceeded", "Slow down"),
        FakeOpenAi.completion("Hi there", 10, 0, 5));

    PipelineResult<String> result = run(model, step -> step.retries(2).retryDelay(Duration.ofMillis(10)));

    assertThat(result.output()).isEqualTo("Hi there");
    assertThat(server.requests()).hasSize(2);
    assertThat(result.step("draft").attemptCount()).isEqualTo(1);
    assertThat(result.step("draft").usage().calls()).isEqualTo(2);
    assertThat(result.step("draft").usage().inputTokens()).isEqualTo(10);
    assertThat(result.step("draft").usage().outputTokens()).isEqualTo(5);
  }

  @Test
  void hangingCallEndsAtTheStepsTimeoutAndGivesUpItsConnection() throws Exception {
    server.enqueue(FakeOpenAi.hang());
    long started = System.nanoTime();

    StepExecutionException failure = assertThrows(StepExecutionException.class,
        () -> run(model, step -> step.timeout(Duration.ofMillis(300))));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(PROMPTLY);
    assertThat(failure.stepName()).isEqualTo("draft");
    assertThat(server.awaitClientClosed(PROMPTLY)).isTrue();
    assertThat(server.requests()).hasSize(1);
    assertThat(failure.partialResult().orElseThrow().usage().calls()).isEqualTo(1);
  }

  @Test
  void malformedResponseFailsTheStepWithoutARetry() {
    server.enqueue(FakeOpenAi.json(200, "<html>Bad gateway</html>"),
        FakeOpenAi.completion("never sent", 1, 0, 1));

    StepExecutionException failure = assertThrows(StepExecutionException.class,
        () -> run(model, step -> step.retries(2)));

    assertThat(failure).hasCauseThat().isInstanceOf(ModelException.class);
    assertThat(failure).hasCauseThat().hasMessageThat().startsWith("Model 'gpt-4o-mini' failed for"
        + " step 'draft' of pipeline 'Support' (attempt 1, call 1): the response could not be parsed");
    assertThat(server.requests()).hasSize(1);
    assertThat(failure.partialResult().orElseThrow().usage().calls()).isEqualTo(1);
  }

  @Test
  void badRequestFailsTheStepWithoutARetry() {
    server.enqueue(FakeOpenAi.error(400, "invalid_request_error", "Unknown parameter"),
        FakeOpenAi.completion("never sent", 1, 0, 1));

    StepExecutionException failure = assertThrows(StepExecutionException.class,
        () -> run(model, step -> step.retries(2)));

    assertThat(failure).hasCauseThat().hasMessageThat().contains("HTTP 400, the request was rejected");
    assertThat(server.requests()).hasSize(1);
  }

  @Test
  void streamedTokensReachTheRunsListenerInOrderAndTheUsageIsRecorded() {
    server.enqueue(FakeOpenAi.stream(List.of("Hel", "lo", " wor", "ld"), 20, 4));
    ModelClient<String, String> streaming =
        SpringAiModels.text(SpringAiModels.streaming(OpenAiModels.openAi(server)));
    List<StreamChunk> chunks = new CopyOnWriteArrayList<>();

    PipelineResult<String> result = run(streaming, step -> {},
        RunOptions.builder().onChunk(chunks::add).build());

    assertThat(result.output()).isEqualTo("Hello world");
    assertThat(chunks).containsExactly(new StreamChunk("draft", 1, "Hel"),
        new StreamChunk("draft", 1, "lo"), new StreamChunk("draft", 1, " wor"),
        new StreamChunk("draft", 1, "ld")).inOrder();
    assertThat(result.usage()).isEqualTo(new Usage(20, 0, 4, 1, 20 * 15 + 4 * 60));
  }

  @Test
  void stalledStreamEndsAtTheStepsTimeoutAndGivesUpItsConnection() throws Exception {
    server.enqueue(FakeOpenAi.streamThenHang(List.of("Hel")));
    ModelClient<String, String> streaming =
        SpringAiModels.text(SpringAiModels.streaming(
            OpenAiModels.openAi(server, OpenAiModels.SHORT_TIMEOUT)));
    List<StreamChunk> chunks = new CopyOnWriteArrayList<>();
    long started = System.nanoTime();

    assertThrows(StepExecutionException.class, () -> run(streaming,
        step -> step.timeout(Duration.ofMillis(300)), RunOptions.builder().onChunk(chunks::add).build()));

    // The run does not wait for the model's own timeout, at which the stream would end by itself.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(OpenAiModels.SHORT_TIMEOUT);
    assertThat(chunks).containsExactly(new StreamChunk("draft", 1, "Hel"));
    // The OpenAI SDK gives an abandoned stream's connection up by the model's own timeout.
    assertThat(server.awaitClientClosed(OpenAiModels.SHORT_TIMEOUT.plusSeconds(15))).isTrue();
  }

  private static PipelineResult<String> run(
      ModelClient<String, String> model, Consumer<StepPlan.Builder> settings) {
    return run(model, settings, RunOptions.defaults());
  }

  /** Runs a one-step pipeline, Support, whose step draft calls {@code model} once. */
  private static PipelineResult<String> run(ModelClient<String, String> model,
      Consumer<StepPlan.Builder> settings, RunOptions options) {
    PipelinePlan.Builder plan = PipelinePlan.builder("Support");
    settings.accept(plan.step("draft"));
    plan.output(0);
    return PipelineEngine.create(plan.build()).execute(options, new Object[0],
        (outputs, context) -> context.call(model, "Draft a reply").value());
  }

  private static FakeOpenAi newServer() {
    try {
      return new FakeOpenAi();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
