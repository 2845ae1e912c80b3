package dev.braid.processor.writing;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.assertNoWarnings;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.braid.processor.testing.CompiledClasses;
import dev.braid.runtime.PipelineResult;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Executors of pipelines that declare null allowed: a nullable input's parameters and a nullable
 * output step's result carry JSpecify's {@code @Nullable}, placed where each form of type needs
 * it, and null passes through at run time. Declarations use JSpecify's annotations or, as kapt's
 * stubs of Kotlin classes do, JetBrains'.
 */
class NullableSignaturesTest {

  private static final String GREET_PIPELINE = """
      import org.jspecify.annotations.Nullable;

      @Pipeline
      class GreetPipeline {
        record Profile(String name) {}

        @Step @Nullable Profile lookup(@Input @Nullable String email) {
          return email == null ? null : new Profile(email.substring(0, email.indexOf('@')));
        }
        @Step(dependsOn = "lookup") @Nullable String greet(@Nullable Profile lookup) {
          return lookup == null ? null : "Hi " + lookup.name();
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

  private static String executorOf(Compilation compilation, String executor) throws IOException {
    return compilation.generatedSourceFile("com.acme." + executor).orElseThrow()
        .getCharContent(true).toString().replaceAll("\\s+", " ");
  }

  @Test
  void declaresANullableInputAndOutputInEveryEntryPoint() throws IOException {
    Compilation compilation = compile(source("GreetPipeline", GREET_PIPELINE));

    assertThat(compilation).succeeded();
    assertNoWarnings(compilation);
    String executor = executorOf(compilation, "GreetPipelineExecutor");
    assertThat(executor).contains(
        "public PipelineResult<@Nullable String> execute(@Nullable String email) {");
    assertThat(executor).contains("public PipelineResult<@Nullable String> execute("
        + "@Nullable String email, RunOptions options) {");
    assertThat(executor).contains("public CompletableFuture<PipelineResult<@Nullable String>> "
        + "executeAsync(@Nullable String email) {");
    assertThat(executor).contains("public PipelineResult<@Nullable String> resume("
        + "PipelineResult<@Nullable String> previous, @Nullable String email) {");
    assertThat(executor).contains(
        "public RunStream<@Nullable String> stream(@Nullable String email) {");
    // BatchResult holds each run's input, which is never null.
    assertThat(executor).contains("public BatchRun<String, @Nullable String> executeAll("
        + "Iterable<? extends String> inputs, int maxInFlight) {");
    assertThat(executor).contains("@param email the input <code>email</code>, read by "
        + "<code>lookup</code>; may be null");
  }

  @Test
  void passesANullInputToItsStepAndReturnsANullOutput() {
    Compilation compilation = compile(source("GreetPipeline", GREET_PIPELINE), run("""
        GreetPipelineExecutor executor = new GreetPipelineExecutor(new GreetPipeline());
        PipelineResult<String> none = executor.execute(null);
        PipelineResult<String> ann = executor.execute("ann@example.com");
        String streamed;
        try (RunStream<String> stream = executor.stream(null)) {
          streamed = stream.result().output();
        }
        return Arrays.asList(none.output(), none.stepOutputs().get("lookup"), ann.output(),
            streamed, executor.resume(none, "bo@example.com").output());
        """));

    List<?> outputs = compileCleanly(compilation).run("com.acme.Run");

    assertThat(outputs).containsExactly(null, null, "Hi ann", null, "Hi bo").inOrder();
  }

  @Test
  void placesNullableOnNestedArrayAndQualifiedTypesOfTheInputsRecord() throws IOException {
    Compilation compilation = compile(source("TagPipeline", """
        import org.jspecify.annotations.Nullable;

        @Pipeline
        class TagPipeline {
          record Profile(String name) {}

          @Step String tag(@Input @Nullable Profile profile, @Input String @Nullable [] tags,
              @Input java.util.@Nullable Date since, @Input java.sql.@Nullable Date until,
              @Input String name) {
            return name + (profile == null) + (tags == null) + (since == null) + (until == null);
          }
        }
        """), run("""
        TagPipelineExecutor executor = new TagPipelineExecutor(new TagPipeline());
        List<Object> outputs = new ArrayList<>();
        try (BatchRun<TagPipelineExecutor.Inputs, String> batch = executor.executeAll(
            List.of(new TagPipelineExecutor.Inputs(null, null, null, null, "a")), 1)) {
          batch.forEach(done -> outputs.add(done.resultOrThrow().output()));
        }
        outputs.add(executor.execute(new TagPipeline.Profile("p"), new String[0], new Date(),
            new java.sql.Date(0), "b").output());
        return outputs;
        """));

    List<?> outputs = compileCleanly(compilation).run("com.acme.Run");

    assertThat(outputs).containsExactly("atruetruetruetrue", "bfalsefalsefalsefalse").inOrder();
    // JavaPoet writes a space after the dot, which Java allows.
    assertThat(executorOf(compilation, "TagPipelineExecutor")).contains("public record Inputs("
        + "TagPipeline. @Nullable Profile profile, String @Nullable [] tags, "
        + "@Nullable Date since, java.sql. @Nullable Date until, String name)");
  }

  /** kapt's stub of {@code fun greet(@Input name: String?): String?} and its neighbours. */
  @Test
  void readsTheJetBrainsAnnotationsOfKotlinStubs() throws IOException {
    Compilation compilation = compile(source("GreetPipeline", """
        import org.jetbrains.annotations.NotNull;
        import org.jetbrains.annotations.Nullable;

        @Pipeline
        public final class GreetPipeline {
          @Step @Nullable public final String greet(@Input @Nullable String name,
              @Input @NotNull String greeting, @Input @Nullable String sign) {
            return name == null ? null : greeting + ", " + name + sign;
          }
          @Step public final void log(@Input @NotNull String sign) {}
        }
        """), run("""
        GreetPipelineExecutor executor = new GreetPipelineExecutor(new GreetPipeline());
        return Arrays.asList(executor.execute(null, "Hi", "!").output(),
            executor.execute("Ann", "Hi", "!").output());
        """));

    List<?> outputs = compileCleanly(compilation).run("com.acme.Run");

    assertThat(outputs).containsExactly(null, "Hi, Ann!").inOrder();
    assertThat(executorOf(compilation, "GreetPipelineExecutor")).contains("public "
        + "PipelineResult<@Nullable String> execute(@Nullable String name, String greeting, "
        + "String sign) {");
  }

  @Test
  void leavesUnannotatedJavaAsItWas() throws IOException {
    Compilation compilation = compile(source("GreetPipeline", """
        @Pipeline
        class GreetPipeline {
          @Step String greet(@Input String name) { return name; }
        }
        """));

    assertThat(compilation).succeeded();
    String executor = executorOf(compilation, "GreetPipelineExecutor");
    assertThat(executor).contains("public PipelineResult<String> execute(String name) {");
    assertThat(executor).contains("public RunStream<String> stream(String name) {");
  }
}
