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
        @Pipeline(timeout = "30s", retries = 1)
        public class TicketPipeline {
          record Entities(String text) {}

          @Step Entities extract(@Input String ticket) { return new Entities(ticket); }
          @Step(dependsOn = "extract", retries = 2, retryDelay = "500ms")
          String classify(Entities extract, StepContext context) { return extract.text(); }
          @Step(dependsOn = "extract") void audit(@Input String ticket, @Input("customerId") int id) {}
          @Step(dependsOn = {"classify", "audit"}, timeout = "PT2M", retries = 0)
          ConversationState<String> check(@From("classify") String intent) {
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
          String first(@Input String context, @Input String outputs, @Input String pipeline) {
            return context + outputs + pipeline;
          }
          @Step(dependsOn = "a*/b {@code x} \\\\u002a/")
          String second(@From("a*/b {@code x} \\\\u002a/") String text, @Input("class") int engine) {
            return text + engine;
          }
        }
        """), JavaFileObjects.forSourceString("com.acme.Run", """
        package com.acme;
        public final class Run implements java.util.function.Supplier<Object> {
          @Override
          public Object get() {
            return new OddPipelineExecutor(new OddPipeline()).execute("c", "o", "p", 7);
          }
        }
        """));

    assertThat(compilation).succeeded();
    assertNoWarnings(compilation);
    assertThat(compilation).generatedSourceFile("com.acme.OddPipelineExecutor")
        .contentsAsUtf8String()
        .contains("execute(String context, String outputs, String pipeline,\n      int class_)");
    PipelineResult<?> result = new CompiledClasses(compilation).run("com.acme.Run");
    assertThat(result.output()).isEqualTo("cop7");
    assertThat(result.pipelineName()).isEqualTo("odd */ pipeline");
    assertThat(result.steps().getFirst().name()).isEqualTo("a*/b {@code x} \\u002a/");
  }
}
