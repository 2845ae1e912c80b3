package dev.braid.testing.model;

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
import dev.braid.testing.openai.FakeOpenAi;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An adapter's OpenAI models called from a pipeline's step through {@code StepContext.call}, over
 * HTTP to a local fake: Braid prices the calls, retries what the provider says may succeed, stops a
 * call at the step's timeout, and streams tokens to the run's listener. Each adapter runs it with a
 * subclass that builds its models as its README tells users to.
 */
@Timeout(60)
public abstract class PipelineCallContract {
  /** Far longer than anything here should take, so that only a hang fails a bound. */
  private static final Duration PROMPTLY = Duration.ofSeconds(5);

  private final FakeOpenAi server = FakeOpenAi.start();
  private final ModelClient<String, String> model = chat(server);

  /**
   * A text client over the adapter's chat model, pointed at {@code server}. Called while the test
   * instance is built, before the subclass's own fields are set.
   */
  protected abstract ModelClient<String, String> chat(FakeOpenAi server);

  /** A text client over the adapter's streaming chat model, pointed at {@code server}. */
  protected abstract ModelClient<String, String> streaming(FakeOpenAi server);

  /**
   * The streaming client to stall, with how soon the run must end and the client must give the
   * connection up; by default {@link #streaming} and {@link #PROMPTLY} for both.
   */
  protected StalledStream stalledStream(FakeOpenAi server) {
    return new StalledStream(streaming(server), PROMPTLY, PROMPTLY);
  }

  /**
   * A streaming client whose provider stops sending mid-stream.
   *
   * @param runEndsWithin how soon after it started the run must have failed at the step's timeout
   * @param connectionClosedWithin how long the client may take to give up the stalled connection
   */
  public record StalledStream(ModelClient<String, String> client, Duration runEndsWithin,
      Duration connectionClosedWithin) {}

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
    assertThat(counts(result.step("draft").usage())).isEqualTo(expected);
    assertThat(counts(result.usage())).isEqualTo(expected);
    assertThat(result.usage().model()).hasValue("gpt-4o-mini");
    assertThat(result.usage().byModel().get("gpt-4o-mini").calls()).isEqualTo(1);
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
    List<StreamChunk> chunks = new CopyOnWriteArrayList<>();

    PipelineResult<String> result = run(streaming(server), step -> {},
        RunOptions.builder().onChunk(chunks::add).build());

    assertThat(result.output()).isEqualTo("Hello world");
    assertThat(chunks).containsExactly(new StreamChunk("draft", 1, "Hel"),
        new StreamChunk("draft", 1, "lo"), new StreamChunk("draft", 1, " wor"),
        new StreamChunk("draft", 1, "ld")).inOrder();
    assertThat(counts(result.usage())).isEqualTo(new Usage(20, 0, 4, 1, 20 * 15 + 4 * 60));
  }

  @Test
  void stalledStreamEndsAtTheStepsTimeoutAndGivesUpItsConnection() throws Exception {
    server.enqueue(FakeOpenAi.streamThenHang(List.of("Hel")));
    StalledStream stalled = stalledStream(server);
    List<StreamChunk> chunks = new CopyOnWriteArrayList<>();
    long started = System.nanoTime();

    assertThrows(StepExecutionException.class, () -> run(stalled.client(),
        step -> step.timeout(Duration.ofMillis(300)), RunOptions.builder().onChunk(chunks::add).build()));

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(stalled.runEndsWithin());
    assertThat(chunks).containsExactly(new StreamChunk("draft", 1, "Hel"));
    assertThat(server.awaitClientClosed(stalled.connectionClosedWithin())).isTrue();
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

  /** {@code usage}'s token, call and cost counts, without the latencies and models it records. */
  private static Usage counts(Usage usage) {
    return new Usage(usage.inputTokens(), usage.cachedInputTokens(), usage.outputTokens(),
        usage.calls(), usage.costMicrocents());
  }
}
