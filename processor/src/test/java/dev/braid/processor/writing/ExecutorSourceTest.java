package dev.braid.processor.writing;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.assertNoWarnings;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.braid.processor.BraidProcessor;
import dev.braid.processor.testing.CompiledClasses;
import dev.braid.processor.testing.RecordingProcessor;
import dev.braid.processor.testing.RecordingProcessor.GeneratedSource;
import dev.braid.runtime.PipelineResult;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The one golden file, {@code golden/TicketPipelineExecutor.java.txt}: the shape of an executor for
 * a pipeline using most features. Other tests compile and run generated code instead.
 */
class ExecutorSourceTest {

  @Test
  void generatesTheDocumentedExecutorShape() throws IOException {
    RecordingProcessor processor = new RecordingProcessor(new BraidProcessor());

    Compilation compilation = compile(processor, source("TicketPipeline", """
        @Pipeline(timeout = "30s", retries = 1, deadline = "2m", costBudget = 50_000_000)
        public class TicketPipeline {
          record Entities(String text) {}

          @Step(retryOn = java.io.UncheckedIOException.class)
          Entities extract(@Input String ticket) { return new Entities(ticket); }
          @Step(dependsOn = "extract", retries = 2, retryDelay = "500ms", maxRetryDelay = "4s",
              abortOn = IllegalArgumentException.class, tokenBudget = 4_000)
          String classify(Entities extract, StepContext context) { return extract.text(); }
          @Step(dependsOn = "extract", interruptible = false)
          void audit(@Input String ticket, @Input("customerId") int id) {}
          @Step(optional = true) Integer priority(@Input("customerId") int id) { return id; }
          @Step(dependsOn = {"classify", "audit", "priority"}, timeout = "PT2M", retries = 0)
          ConversationState<String> check(@From("classify") String intent,
              Optional<Integer> priority) {
            return ConversationState.complete(intent);
          }
        }
        """));

    assertThat(compilation).succeeded();
    assertNoWarnings(compilation);
    assertThat(processor.sources()).containsExactly(
        new GeneratedSource("com.acme.TicketPipelineExecutor", List.of("com.acme.TicketPipeline")));
    assertThat(compilation).generatedSourceFile("com.acme.TicketPipelineExecutor")
        .contentsAsUtf8String().isEqualTo(golden("TicketPipelineExecutor.java.txt"));
  }

  private static String golden(String name) throws IOException {
    try (InputStream in = ExecutorSourceTest.class.getResourceAsStream("/golden/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  void keepsInputNamesAndStepNamesThatCollideWithGeneratedIdentifiersOrComments() {
    Compilation compilation = compile(source("OddPipeline", """
        @Pipeline(name = "odd */ pipeline")
        class OddPipeline {
          @Step(name = "a*/b {@code x} \\\\u002a/")
          String first(@Input String context, @Input String outputs, @Input String pipeline,
              @Input String options, @Input String previous) {
            return context + outputs + pipeline + options + previous;
          }
          @Step(dependsOn = "a*/b {@code x} \\\\u002a/")
          String second(@From("a*/b {@code x} \\\\u002a/") String text, @Input("class") int engine,
              @Input String inputs, @Input String config, @Input String toString,
              @Input String input) {
            return text + engine + inputs + config + toString + input;
          }
        }
        """), JavaFileObjects.forSourceString("com.acme.Run", """
        package com.acme;
        public final class Run implements java.util.function.Supplier<Object> {
          @Override
          public Object get() {
            OddPipelineExecutor executor = new OddPipelineExecutor(new OddPipeline());
            OddPipelineExecutor.Inputs inputs =
                new OddPipelineExecutor.Inputs("c", "o", "p", "O", "P", 7, "i", "f", "s", "n");
            return executor.execute(inputs.context(), inputs.outputs(), inputs.pipeline(),
                inputs.options(), inputs.previous(), inputs.class_(), inputs.inputs(),
                inputs.config(), inputs.toString_(), inputs.input(),
                dev.braid.runtime.RunOptions.defaults());
          }
        }
        """));

    assertThat(compilation).succeeded();
    assertNoWarnings(compilation);
    assertThat(compilation).generatedSourceFile("com.acme.OddPipelineExecutor")
        .contentsAsUtf8String()
        .contains("execute(String context, String outputs, String pipeline,\n"
            + "      String options, String previous, int class_, String inputs, String config, "
            + "String toString_,\n      String input, RunOptions options_)");
    PipelineResult<?> result = new CompiledClasses(compilation).run("com.acme.Run");
    assertThat(result.output()).isEqualTo("copOP7ifsn");
    assertThat(result.pipelineName()).isEqualTo("odd */ pipeline");
    assertThat(result.steps().getFirst().name()).isEqualTo("a*/b {@code x} \\u002a/");
  }
}
