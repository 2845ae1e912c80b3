package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepBody;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Resuming a run that stopped early: steps that succeeded and saw no changed input, directly or
 * through their dependencies, are reused without a new attempt; the rest run again.
 */
@Timeout(30)
class ResumeTest {
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  /**
   * greet (reads nothing) -> extract (reads ticket) -> classify -> ask (conversational, reads
   * answer) -> draft. greet is declared last but runs first, so it has always finished when ask
   * stops the run.
   */
  private static PipelineEngine engine() {
    PipelinePlan.Builder plan = PipelinePlan.builder("TicketPipeline").inputs("ticket", "answer");
    plan.step("extract", 4).readsInputs(0);
    plan.step("classify", 0);
    plan.step("ask", 1).readsInputs(1).conversational();
    plan.step("draft", 2);
    plan.step("greet");
    plan.output(3);
    return PipelineEngine.create(plan.build());
  }

  private StepBody counted(String step, StepBody body) {
    return (outputs, context) -> {
      calls.computeIfAbsent(step, key -> new AtomicInteger()).incrementAndGet();
      return body.run(outputs, context);
    };
  }

  private StepBody[] bodies(Object[] inputs) {
    return new StepBody[] {
      counted("extract", (outputs, context) -> "entities of " + inputs[0]),
      counted("classify", (outputs, context) -> "class of " + outputs.<String>get(0)),
      counted("ask", (outputs, context) -> inputs[1] == null
          ? ConversationState.incomplete("partial", "What is your order number?")
          : ConversationState.complete(outputs.<String>get(1) + ", order " + inputs[1])),
      counted("draft", (outputs, context) -> "reply: " + outputs.<String>get(2)),
      counted("greet", (outputs, context) -> "hello"),
    };
  }

  private int calls(String step) {
    AtomicInteger count = calls.get(step);
    return count == null ? 0 : count.get();
  }

  @Test
  void reusesStepsWhoseInputsDidNotChangeAndRunsTheRest() {
    PipelineEngine engine = engine();
    Object[] first = {"t-1", null};
    PipelineResult<String> stopped = engine.execute(RunOptions.defaults(), first, bodies(first));
    assertThat(stopped.stoppedEarly()).isTrue();
    calls.clear();

    Object[] second = {"t-1", "42"};
    PipelineResult<String> resumed =
        engine.resume(stopped, RunOptions.defaults(), second, bodies(second));

    assertThat(resumed.output()).isEqualTo("reply: class of entities of t-1, order 42");
    assertThat(resumed.steps().stream().map(StepRecord::status).toList()).containsExactly(
        StepStatus.REUSED, StepStatus.REUSED, StepStatus.SUCCEEDED, StepStatus.SUCCEEDED,
        StepStatus.REUSED).inOrder();
    assertThat(calls("extract") + calls("classify") + calls("greet")).isEqualTo(0);
    assertThat(calls("ask")).isEqualTo(1);
    StepRecord extract = resumed.step("extract");
    assertThat(extract.attempts()).isEmpty();
    assertThat(extract.startedAt()).isNull();
    assertThat(resumed.stepOutput("extract")).hasValue("entities of t-1");
    assertThat(resumed.inputs()).containsExactly("t-1", "42").inOrder();
  }

  @Test
  void aChangedInputRerunsEveryStepThatReadsItDirectlyOrThroughADependency() {
    PipelineEngine engine = engine();
    Object[] first = {"t-1", null};
    PipelineResult<String> stopped = engine.execute(RunOptions.defaults(), first, bodies(first));
    calls.clear();

    Object[] second = {"t-2", "42"};
    PipelineResult<String> resumed =
        engine.resume(stopped, RunOptions.defaults(), second, bodies(second));

    assertThat(resumed.output()).isEqualTo("reply: class of entities of t-2, order 42");
    assertThat(calls("extract")).isEqualTo(1);
    assertThat(calls("classify")).isEqualTo(1);
    assertThat(calls("greet")).isEqualTo(0);
    assertThat(resumed.step("classify").status()).isEqualTo(StepStatus.SUCCEEDED);
  }

  @Test
  void aStepWhoseDependencyRunsAgainRunsAgainToo() {
    // enrich, optional, failed the first time; draft read its failure. enrich runs again, so
    // draft, though it reads no changed input, may now see a value and must run again too.
    PipelinePlan.Builder plan = PipelinePlan.builder("TicketPipeline").inputs("ticket", "answer");
    plan.step("enrich").optional();
    plan.step("draft", 0);
    plan.step("ask", 1).readsInputs(1).conversational();
    plan.output(2);
    PipelineEngine engine = PipelineEngine.create(plan.build());
    AtomicInteger enrichCalls = new AtomicInteger();
    StepBody enrich = (outputs, context) -> {
      if (enrichCalls.incrementAndGet() == 1) {
        throw new IllegalStateException("down");
      }
      return "profile";
    };
    StepBody draft = (outputs, context) -> outputs.<String>optional(0).orElse("generic");
    StepBody ask = (outputs, context) -> outputs.<String>get(1).equals("generic")
        ? ConversationState.incomplete("generic", "Who are you?")
        : ConversationState.complete(outputs.<String>get(1));

    PipelineResult<String> stopped = engine.execute(RunOptions.defaults(),
        new Object[] {"t-1", null}, enrich, draft, ask);
    PipelineResult<String> resumed = engine.resume(stopped, RunOptions.defaults(),
        new Object[] {"t-1", null}, enrich, draft, ask);

    assertThat(stopped.stoppedEarly()).isTrue();
    assertThat(resumed.output()).isEqualTo("profile");
    assertThat(resumed.step("draft").status()).isEqualTo(StepStatus.SUCCEEDED);
  }

  @Test
  void resumingFromAFailuresPartialResultReusesWhatFinished() {
    PipelineEngine engine = engine();
    Object[] inputs = {"t-1", "42"};
    StepBody[] failing = bodies(inputs);
    failing[3] = (outputs, context) -> {
      throw new IllegalStateException("model overloaded");
    };
    StepExecutionException e = assertThrows(StepExecutionException.class,
        () -> engine.execute(RunOptions.defaults(), inputs, failing));
    @SuppressWarnings("unchecked") // the partial result of this pipeline, whose output is a String
    PipelineResult<String> partial = (PipelineResult<String>) e.partialResult().orElseThrow();
    calls.clear();

    PipelineResult<String> resumed = engine.resume(partial, RunOptions.defaults(), inputs,
        bodies(inputs));

    assertThat(resumed.output()).isEqualTo("reply: class of entities of t-1, order 42");
    assertThat(calls.keySet()).containsExactly("draft");
  }

  @Test
  void rejectsAResultOfAnotherPipeline() {
    PipelineResult<String> other = new PipelineResult<>("OrderFlow", "out", null, null,
        List.of(StepRecord.notStarted("a")), Instant.EPOCH, Instant.EPOCH);
    Object[] inputs = {"t-1", "42"};

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> engine().resume(other, RunOptions.defaults(), inputs, bodies(inputs)));

    assertThat(e).hasMessageThat().isEqualTo(
        "Cannot resume pipeline 'TicketPipeline' from a result of pipeline 'OrderFlow'");
  }

  @Test
  void rejectsAResultOfTheSamePipelineWithOtherSteps() {
    PipelineResult<String> stale = new PipelineResult<>("TicketPipeline", "out", null, null,
        List.of(StepRecord.notStarted("extract")), Instant.EPOCH, Instant.EPOCH);
    Object[] inputs = {"t-1", "42"};

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> engine().resume(stale, RunOptions.defaults(), inputs, bodies(inputs)));

    assertThat(e).hasMessageThat().isEqualTo("Cannot resume pipeline 'TicketPipeline' from a "
        + "result whose steps [extract] are not its steps [extract, classify, ask, draft, greet]; "
        + "run it again instead");
  }
}
