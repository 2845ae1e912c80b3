package dev.braid.processor.writing;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.assertNoWarnings;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.braid.processor.testing.CompiledClasses;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A step returning {@code ModelRequest<R>}: the generated executor makes the call through the
 * step's context, under the step's timeout, retries and budgets, records its usage, and hands the
 * model's {@code R} to dependents. Run on the real runtime with a scripted model.
 */
@Timeout(60)
class GeneratedModelRequestTest {

  /** A pipeline whose draft step only builds a prompt; {@code %s} is the draft's @Step. */
  private static JavaFileObject pipeline(String draftStep) {
    return source("AnswerPipeline", """
        import dev.braid.runtime.ModelClient;
        import dev.braid.runtime.ModelRequest;

        @Pipeline
        class AnswerPipeline {
          private final ModelClient<String, String> model;
          AnswerPipeline(ModelClient<String, String> model) { this.model = model; }

          %s
          ModelRequest<String> draft(@Input String question) {
            return ModelRequest.of(model, "Answer: " + question);
          }

          @Step(dependsOn = "draft") Integer length(String draft) { return draft.length(); }
        }
        """.formatted(draftStep));
  }

  /**
   * Runs the pipeline with a model {@code m} priced at $1 a million tokens that plays {@code
   * script} (one line each call: an answer, {@code fail:<status>}, or {@code hang}), and returns
   * what happened: the output and usage, or the exception.
   */
  private static JavaFileObject run(String... script) {
    return JavaFileObjects.forSourceString("com.acme.Run", """
        package com.acme;

        import dev.braid.runtime.*;
        import java.util.*;
        import java.util.concurrent.atomic.AtomicInteger;

        public final class Run implements java.util.function.Supplier<Object> {
          private static final List<String> SCRIPT = List.of(%s);

          @Override
          public Object get() {
            AtomicInteger calls = new AtomicInteger();
            List<String> prompts = Collections.synchronizedList(new ArrayList<>());
            ModelClient<String, String> model = new ModelClient<>() {
              @Override public String model() { return "m"; }
              @Override public ModelResponse<String> call(String prompt, ModelCall call)
                  throws Exception {
                prompts.add(prompt);
                String line = SCRIPT.get(Math.min(calls.getAndIncrement(), SCRIPT.size() - 1));
                if (line.startsWith("fail:")) {
                  throw ModelException.ofStatus(Integer.parseInt(line.substring(5)), "down", null);
                }
                if (line.equals("hang")) {
                  Thread.sleep(60_000);
                }
                return ModelResponse.of(line, 100, 10);
              }
            };
            RunOptions options = RunOptions.builder().prices(PriceTable.empty()
                .with("m", ModelPrice.dollarsPerMillion("1", "1", "1"))).build();
            try {
              PipelineResult<Integer> result =
                  new AnswerPipelineExecutor(new AnswerPipeline(model)).execute("why?", options);
              Usage usage = result.step("draft").usage();
              return List.of(result.output(), prompts, usage.calls(), usage.model().orElse("-"),
                  usage.costMicrocents());
            } catch (BraidException e) {
              return List.of(e.getClass().getSimpleName(), prompts, e.getMessage(),
                  e.partialResult().map(partial -> partial.step("draft").attempts().stream()
                      .map(attempt -> attempt.outcome().toString()).toList()).orElse(List.of()));
            }
          }
        }
        """.formatted(String.join(", ", java.util.Arrays.stream(script)
            .map(line -> '"' + line + '"').toList())));
  }

  private static List<?> execute(String draftStep, String... script) {
    Compilation compilation = compile(pipeline(draftStep), run(script));
    assertThat(compilation).succeeded();
    assertNoWarnings(compilation);
    return new CompiledClasses(compilation).run("com.acme.Run");
  }

  @Test
  void theExecutorMakesTheCallAndDependentsReceiveTheModelsAnswer() throws Exception {
    Compilation compilation = compile(pipeline("@Step"), run("forty-two"));

    List<?> seen = new CompiledClasses(compilation).run("com.acme.Run");

    // 110 tokens at $1 a million: 11,000 microcents.
    assertThat(seen).containsExactly(9, List.of("Answer: why?"), 1L, "m", 11_000L).inOrder();
    assertThat(compilation.generatedSourceFile("com.acme.AnswerPipelineExecutor").orElseThrow()
        .getCharContent(true).toString())
        .contains("case 0 -> pipeline.draft(question).callWith(context);");
    assertThat(compilation)
        .generatedFile(StandardLocation.CLASS_OUTPUT, "com/acme/AnswerPipelineExecutor.mmd")
        .contentsAsUtf8String().contains("s0[\"draft (model call)\"]");
  }

  @Test
  void aRetryableFailureIsRetriedWithTheStepsRetriesAndEveryTryIsRecorded() {
    List<?> seen = execute("@Step(retries = 1)", "fail:503", "forty-two");

    assertThat(seen).containsExactly(9, List.of("Answer: why?", "Answer: why?"), 2L, "m", 11_000L)
        .inOrder();
  }

  @Test
  void aFailureBeyondTheStepsRetriesFailsTheRun() {
    List<?> seen = execute("@Step(retries = 1)", "fail:503", "fail:503", "forty-two");

    assertThat(seen.get(0)).isEqualTo("StepExecutionException");
    assertThat(seen.get(1)).isEqualTo(List.of("Answer: why?", "Answer: why?"));
  }

  @Test
  void theCallRunsWithinTheStepsTimeout() {
    List<?> seen = execute("@Step(timeout = \"200ms\")", "hang");

    assertThat(seen.get(0)).isEqualTo("StepExecutionException");
    assertThat(seen.get(3)).isEqualTo(List.of("TIMED_OUT"));
  }

  @Test
  void theCallCountsAgainstTheStepsBudgetInDollars() {
    List<?> seen = execute("@Step(costBudgetDollars = \"0\")", "forty-two");

    assertThat(seen.get(0)).isEqualTo("CostBudgetExceededException");
    assertThat(seen.get(1)).isEqualTo(List.of());
    assertThat((String) seen.get(2)).startsWith("Step 'draft' of pipeline 'AnswerPipeline'");
  }
}
