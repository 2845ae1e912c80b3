package dev.braid.processor.writing;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.assertNoWarnings;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.braid.processor.testing.CompiledClasses;
import java.io.IOException;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * Inputs declared {@code Optional<T>}: every method of the executor that takes the inputs has an
 * overload without them, which runs the steps with {@code Optional.empty()}, and {@code Inputs}
 * has a constructor without them; passing them still works.
 */
class OptionalInputsTest {
  private static final String REPORT_PIPELINE = """
      @Pipeline(durable = true)
      class ReportPipeline {
        @Step String render(@Input String text, @Input Optional<String> format) {
          return format.orElse("json") + ":" + text;
        }

        @Step(dependsOn = "render")
        String sign(String render, @Input Optional<Integer> copies) {
          return render + " x" + copies.orElse(1);
        }
      }
      """;

  private static JavaFileObject run(String body) {
    return JavaFileObjects.forSourceString("com.acme.Run", """
        package com.acme;

        import dev.braid.runtime.*;
        import java.util.*;

        public final class Run implements java.util.function.Supplier<Object> {
          @Override
          public Object get() {
            try {
              %s
            } catch (RuntimeException e) {
              throw e;
            } catch (Exception e) {
              throw new IllegalStateException(e);
            }
          }
        }
        """.formatted(body));
  }

  private static CompiledClasses compileCleanly(Compilation compilation) {
    assertThat(compilation).succeeded();
    assertNoWarnings(compilation);
    return new CompiledClasses(compilation);
  }

  @Test
  void callersMayLeaveOptionalInputsOutOrPassThem() {
    Compilation compilation = compile(source("ReportPipeline", REPORT_PIPELINE), run("""
        var executor = new ReportPipelineExecutor(new ReportPipeline());
        return List.of(
            executor.execute("a").output(),
            executor.execute("b", Optional.of("xml"), Optional.of(3)).output(),
            executor.execute("c", Optional.empty(), Optional.of(2)).output(),
            executor.execute("d", RunOptions.defaults()).output(),
            executor.executeAsync("e").get().output(),
            executor.executeAsync("f", RunOptions.defaults()).get().output(),
            executor.definition().execute(RunOptions.defaults(), "g", Optional.of("csv"),
                Optional.empty()).output());
        """));

    List<?> outcome = compileCleanly(compilation).run("com.acme.Run");

    assertThat(outcome).containsExactly("json:a x1", "xml:b x3", "json:c x2", "json:d x1",
        "json:e x1", "json:f x1", "csv:g x1").inOrder();
  }

  @Test
  void resumeAndStreamLeaveThemOutToo() {
    Compilation compilation = compile(source("ReportPipeline", REPORT_PIPELINE), run("""
        var executor = new ReportPipelineExecutor(new ReportPipeline());
        PipelineResult<String> first = executor.execute("a", Optional.of("xml"), Optional.of(2));
        var stream = executor.stream("s");
        stream.forEach(chunk -> {});
        return List.of(
            executor.resume(first, "a").output(),
            executor.resume(first, "a", RunOptions.defaults()).output(),
            stream.result().output());
        """));

    List<?> outcome = compileCleanly(compilation).run("com.acme.Run");

    assertThat(outcome).containsExactly("json:a x1", "json:a x1", "json:s x1").inOrder();
  }

  @Test
  void executeAllTakesInputsBuiltWithoutThem() {
    Compilation compilation = compile(source("ReportPipeline", REPORT_PIPELINE), run("""
        var executor = new ReportPipelineExecutor(new ReportPipeline());
        List<String> outputs = new ArrayList<>();
        executor.executeAll(List.of(new ReportPipelineExecutor.Inputs("a"),
                new ReportPipelineExecutor.Inputs("b", Optional.of("xml"), Optional.empty())), 1)
            .forEach(result -> outputs.add(result.result().orElseThrow().output()));
        Collections.sort(outputs);
        return outputs;
        """));

    List<?> outcome = compileCleanly(compilation).run("com.acme.Run");

    assertThat(outcome).containsExactly("json:a x1", "xml:b x1").inOrder();
  }

  @Test
  void submitLeavesThemOutAsEmptyOptionals() {
    Compilation compilation = compile(source("ReportPipeline", REPORT_PIPELINE), run("""
        var executor = new ReportPipelineExecutor(new ReportPipeline());
        List<Object> handed = new ArrayList<>();
        String id = executor.submit((pipeline, inputs) -> {
          handed.add(Arrays.asList(inputs));
          return "run-" + handed.size();
        }, "a");
        executor.submit((pipeline, inputs) -> {
          handed.add(Arrays.asList(inputs));
          return "run-" + handed.size();
        }, "b", Optional.of("xml"), Optional.of(2));
        return List.of(id, handed);
        """));

    List<?> outcome = compileCleanly(compilation).run("com.acme.Run");

    assertThat(outcome.stream().map(String::valueOf).toList()).containsExactly("run-1",
        "[[a, Optional.empty, Optional.empty], [b, Optional[xml], Optional[2]]]").inOrder();
  }

  @Test
  void aPipelineOfOnlyOptionalInputsRunsWithNone() {
    Compilation compilation = compile(source("GreetPipeline", """
        @Pipeline
        class GreetPipeline {
          @Step String greet(@Input Optional<String> name) { return "Hi " + name.orElse("there"); }
        }
        """), run("""
        var executor = new GreetPipelineExecutor(new GreetPipeline());
        return List.of(executor.execute().output(), executor.execute(Optional.of("Ann")).output(),
            executor.execute(RunOptions.defaults()).output());
        """));

    List<?> outcome = compileCleanly(compilation).run("com.acme.Run");

    assertThat(outcome).containsExactly("Hi there", "Hi Ann", "Hi there").inOrder();
  }

  @Test
  void aPipelineWithoutOptionalInputsGetsNoOverloads() throws IOException {
    Compilation compilation = compile(source("GreetPipeline", """
        @Pipeline
        class GreetPipeline {
          @Step String greet(@Input String name) { return "Hi " + name; }
        }
        """));

    assertThat(compilation).succeeded();
    String executor = compilation.generatedFile(StandardLocation.SOURCE_OUTPUT,
        "com/acme/GreetPipelineExecutor.java").orElseThrow().getCharContent(true).toString();
    assertThat(executor).doesNotContain("Optional.empty()");
    assertThat(executor).doesNotContain("leaving out the optional");
  }

  @Test
  void theOverloadSaysWhatItLeavesOut() throws IOException {
    Compilation compilation = compile(source("ReportPipeline", REPORT_PIPELINE));

    assertThat(compilation).succeeded();
    String executor = compilation.generatedFile(StandardLocation.SOURCE_OUTPUT,
        "com/acme/ReportPipelineExecutor.java").orElseThrow().getCharContent(true).toString();
    assertThat(executor).contains("""
           * Like the {@code execute} that takes every input, leaving out the optional inputs \
        {@code format}, {@code copies}: the steps that
           * read them get {@code Optional.empty()}.
           *
           * @param text the input <code>text</code>, read by <code>render</code>
           */
          public PipelineResult<String> execute(String text) {
            return execute(text, Optional.empty(), Optional.empty());
          }
        """);
  }
}
