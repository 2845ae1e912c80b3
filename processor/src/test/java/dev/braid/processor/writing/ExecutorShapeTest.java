package dev.braid.processor.writing;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.assertNoWarnings;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/**
 * What the processor writes for the run-time settings and entry points, checked on the generated
 * source without running it: each setting lands in {@code plan()} only where it differs from the
 * runtime's default, and the batch entry points take the shape the inputs call for.
 */
class ExecutorShapeTest {

  private static String executorOf(Compilation compilation, String executor) throws IOException {
    assertThat(compilation).succeeded();
    assertNoWarnings(compilation);
    return compilation.generatedSourceFile("com.acme." + executor).orElseThrow()
        .getCharContent(true).toString();
  }

  /** The source with each run of whitespace as one space, so that line wrapping does not matter. */
  private static String flat(String source) {
    return source.replaceAll("\\s+", " ");
  }

  @Test
  void writesEverySettingIntoThePlan() throws IOException {
    String executor = executorOf(compile(source("FetchPipeline", """
        @Pipeline(retries = 1, retryDelay = "100ms", maxRetryDelay = "2s", deadline = "1m")
        class FetchPipeline {
          @Step(retryOn = {java.io.IOException.class, java.util.concurrent.TimeoutException.class},
              abortOn = java.io.FileNotFoundException.class, maxRetryDelay = "PT5S")
          String fetch(@Input String url, @Input int attempt) { return url + attempt; }
          @Step(optional = true, interruptible = false) String charge(@Input int attempt) {
            return "" + attempt;
          }
          @Step(dependsOn = {"fetch", "charge"})
          String reply(String fetch, Optional<String> charge,
              @From("charge") StepOutcome<CharSequence> outcome) {
            return fetch + charge + outcome;
          }
        }
        """)), "FetchPipelineExecutor");

    assertThat(executor).contains("""
            plan.inputs("url", "attempt");
            plan.deadline(Duration.ofMillis(60000));
            plan.stepDefaults(StepConfig.builder().retries(1).retryDelay(Duration.ofMillis(100))\
        .maxRetryDelay(Duration.ofMillis(2000)).build());
            plan.step("fetch").maxRetryDelay(Duration.ofMillis(5000))\
        .retryOn(IOException.class, TimeoutException.class)\
        .abortOn(FileNotFoundException.class).readsInputs(0, 1);
            plan.step("charge").optional().uninterruptible().readsInputs(1);
            plan.step("reply", 0, 1);
        """);
    assertThat(flat(executor)).contains("pipeline.reply(outputs.<String>get(0), "
        + "outputs.<String>optional(1), outputs.<CharSequence>outcome(1))");
  }

  @Test
  void leavesUnsetSettingsToTheRuntimesDefaults() throws IOException {
    String executor = executorOf(compile(source("PlainPipeline", """
        @Pipeline
        class PlainPipeline {
          @Step String hello(@Input String name) { return "Hello, " + name; }
        }
        """)), "PlainPipelineExecutor");

    assertThat(executor).contains("plan.step(\"hello\").readsInputs(0);\n");
    assertThat(executor).doesNotContain("plan.deadline(");
    assertThat(executor).doesNotContain(".maxRetryDelay(");
  }

  @Test
  void takesTheBoxedTypeOfASingleInputForBatches() throws IOException {
    String executor = executorOf(compile(source("CountPipeline", """
        @Pipeline
        class CountPipeline {
          @Step String count(@Input int limit) { return "" + limit; }
        }
        """)), "CountPipelineExecutor");

    assertThat(flat(executor)).contains("public BatchRun<Integer, String> executeAll("
        + "Iterable<? extends Integer> inputs, int maxInFlight, boolean stopOnFailure) { "
        + "return engine.executeAll(inputs, maxInFlight, stopOnFailure, input -> execute(input));");
    assertThat(executor).doesNotContain("record Inputs");
  }

  @Test
  void generatesNoBatchesForAPipelineWithoutInputsAndSaysSo() throws IOException {
    String executor = executorOf(compile(source("ClockPipeline", """
        @Pipeline
        class ClockPipeline {
          @Step long now() { return 1L; }
        }
        """)), "ClockPipelineExecutor");

    assertThat(executor).doesNotContain("executeAll(");
    assertThat(flat(executor)).contains("The pipeline has no inputs, so there is no "
        + "{@code executeAll}: call * {@code execute} once per run.");
    assertThat(flat(executor)).contains("public PipelineResult<Long> execute(RunOptions options) { "
        + "return engine.execute(options, new Object[] {}, new Steps(pipeline));");
    assertThat(flat(executor))
        .contains("public PipelineResult<Long> resume(PipelineResult<Long> previous)");
  }

  @Test
  void qualifiesAPipelineClassNamedLikeTheInputsRecord() throws IOException {
    String executor = executorOf(compile(source("Inputs", """
        @Pipeline
        class Inputs {
          @Step String join(@Input String left, @Input String right) { return left + right; }
        }
        """)), "InputsExecutor");

    assertThat(executor).contains("private final com.acme.Inputs pipeline;");
    assertThat(executor).contains("public record Inputs(String left, String right)");
    assertThat(flat(executor)).contains("public BatchRun<Inputs, String> executeAll("
        + "Iterable<? extends Inputs> inputs,");
  }
}
