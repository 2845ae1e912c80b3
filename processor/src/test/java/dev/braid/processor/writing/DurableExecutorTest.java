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
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * What the executor of a {@code @Pipeline(durable = true)} class adds, compiled and run on the real
 * runtime: {@code definition()} with the full declared types, which runs the pipeline as a worker
 * would, and {@code submit}, which hands a {@code RunQueue} the definition and the inputs.
 */
class DurableExecutorTest {

  private static final String TICKET_PIPELINE = """
      @Pipeline(durable = true)
      class TicketPipeline {
        record Ticket(String id, String text) {}
        record Article(String title) {}
        record Reply(String text) {}

        @Step String extract(@Input Ticket ticket) { return ticket.text(); }
        @Step(optional = true) Integer priority(@Input int level) { return level * 10; }
        @Step(dependsOn = "extract") List<Article> search(String extract) {
          return List.of(new Article("About " + extract));
        }
        @Step(dependsOn = "extract") void audit(String extract) {}
        @Step(dependsOn = {"search", "priority", "audit"})
        ConversationState<Reply> reply(List<Article> search, Optional<Integer> priority) {
          return ConversationState.complete(
              new Reply(search.getFirst().title() + " #" + priority.orElse(0)));
        }
      }
      """;

  private static JavaFileObject run(String body) {
    return JavaFileObjects.forSourceString("com.acme.Run", """
        package com.acme;

        import dev.braid.runtime.*;
        import dev.braid.runtime.codegen.StepFingerprints;
        import dev.braid.runtime.codegen.TypeLiteral;
        import java.lang.reflect.Type;
        import java.util.*;

        public final class Run implements java.util.function.Supplier<Object> {
          @Override
          public Object get() {
            %s
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
        .getCharContent(true).toString();
  }

  @Test
  void definesTheFullDeclaredTypeOfEveryInputAndStepOutput() {
    Compilation compilation = compile(source("TicketPipeline", TICKET_PIPELINE), run("""
        PipelineDefinition<TicketPipeline.Reply> definition =
            new TicketPipelineExecutor(new TicketPipeline()).definition();
        Map<String, Type> steps = new LinkedHashMap<>();
        steps.put("extract", String.class);
        steps.put("priority", Integer.class);
        steps.put("search", new TypeLiteral<List<TicketPipeline.Article>>() {}.type());
        steps.put("audit", Void.class);
        steps.put("reply", TicketPipeline.Reply.class);
        return List.of(
            definition.inputTypes(), List.of(TicketPipeline.Ticket.class, Integer.class),
            definition.stepTypes(), steps,
            definition.stepType("search").getTypeName(), definition.outputType());
        """));

    List<?> types = compileCleanly(compilation).run("com.acme.Run");

    assertThat(types.get(0)).isEqualTo(types.get(1));
    assertThat(types.get(2)).isEqualTo(types.get(3));
    assertThat(types.get(4)).isEqualTo("java.util.List<com.acme.TicketPipeline$Article>");
    assertThat(types.get(5).toString()).isEqualTo("class com.acme.TicketPipeline$Reply");
  }

  @Test
  void fingerprintsEachStepFromItsNameDependenciesParametersOutputAndInputs() {
    Compilation compilation = compile(source("TicketPipeline", TICKET_PIPELINE), run("""
        var definition = new TicketPipelineExecutor(new TicketPipeline()).definition();
        List<String> inputs = List.of(
            "ticket:com.acme.TicketPipeline$Ticket", "level:java.lang.Integer");
        Map<String, String> prints = definition.stepFingerprints();
        return List.of(
            prints.get("search"),
            StepFingerprints.hash(StepFingerprints.canonical("search", List.of("extract"),
                List.of("java.lang.String"), "java.util.List<com.acme.TicketPipeline$Article>",
                inputs)),
            prints.get("reply"),
            StepFingerprints.hash(StepFingerprints.canonical("reply",
                List.of("search", "priority", "audit"),
                List.of("java.util.List<com.acme.TicketPipeline$Article>",
                    "java.util.Optional<java.lang.Integer>"),
                "com.acme.TicketPipeline$Reply", inputs)),
            prints.get("priority"),
            StepFingerprints.hash(StepFingerprints.canonical("priority", List.of(),
                List.of("int"), "java.lang.Integer", inputs)),
            definition.version(),
            StepFingerprints.version("TicketPipeline", List.copyOf(prints.values())));
        """));

    List<?> prints = compileCleanly(compilation).run("com.acme.Run");

    assertThat(prints.get(0)).isEqualTo(prints.get(1));
    assertThat(prints.get(2)).isEqualTo(prints.get(3));
    assertThat(prints.get(4)).isEqualTo(prints.get(5));
    assertThat(prints.get(6)).isEqualTo(prints.get(7));
    assertThat((String) prints.get(0)).hasLength(16);
  }

  @Test
  void runsThePipelineThroughItsDefinitionFromEitherConstructor() {
    Compilation compilation = compile(source("TicketPipeline", TICKET_PIPELINE), run("""
        var ticket = new TicketPipeline.Ticket("t1", "refund");
        var plain = new TicketPipelineExecutor(new TicketPipeline());
        var configured = new TicketPipelineExecutor(
            new TicketPipeline(), PipelineConfig.builder().build());
        return List.of(
            plain.definition().execute(RunOptions.defaults(), ticket, 3).output(),
            configured.definition().execute(RunOptions.defaults(), ticket, 4).output(),
            plain.definition() == plain.definition());
        """));

    List<?> outcome = compileCleanly(compilation).run("com.acme.Run");

    assertThat(outcome.stream().map(String::valueOf).toList()).containsExactly(
        "Reply[text=About refund #30]", "Reply[text=About refund #40]", "true").inOrder();
  }

  @Test
  void submitsTheDefinitionAndTheInputsToTheQueue() {
    Compilation compilation = compile(source("TicketPipeline", TICKET_PIPELINE), run("""
        var executor = new TicketPipelineExecutor(new TicketPipeline());
        List<Object> handed = new ArrayList<>();
        RunQueue queue = (pipeline, inputs) -> {
          handed.add(pipeline);
          handed.add(Arrays.asList(inputs));
          return "run-1";
        };
        String id = executor.submit(queue, new TicketPipeline.Ticket("t1", "refund"), 3);
        return List.of(id, handed.get(0) == executor.definition(), handed.get(1));
        """));

    List<?> outcome = compileCleanly(compilation).run("com.acme.Run");

    assertThat(outcome.stream().map(String::valueOf).toList()).containsExactly(
        "run-1", "true", "[Ticket[id=t1, text=refund], 3]").inOrder();
  }

  @Test
  void castsGenericInputsAndKeepsItsOwnNamesApartFromTheInputs() throws IOException {
    Compilation compilation = compile(source("CountPipeline", """
        @Pipeline(durable = true)
        class CountPipeline {
          @Step int count(@Input List<String> queue,
              @Input("definition") java.util.Map<String, Integer> weights) {
            return queue.stream().mapToInt(word -> weights.getOrDefault(word, 1)).sum();
          }
        }
        """), run("""
        var executor = new CountPipelineExecutor(new CountPipeline());
        List<Object> handed = new ArrayList<>();
        String id = executor.submit((pipeline, inputs) -> {
          handed.addAll(Arrays.asList(inputs));
          return "run-2";
        }, List.of("a", "b"), Map.of("a", 5));
        return List.of(id, handed, executor.definition()
            .execute(RunOptions.defaults(), List.of("a", "b"), Map.of("a", 5)).output());
        """));

    List<?> outcome = compileCleanly(compilation).run("com.acme.Run");

    assertThat(outcome.stream().map(String::valueOf).toList())
        .containsExactly("run-2", "[[a, b], {a=5}]", "6").inOrder();
    String executor = executorOf(compilation, "CountPipelineExecutor");
    assertThat(executor).contains("  public String submit(RunQueue queue_, List<String> queue, "
        + "Map<String, Integer> definition) {\n"
        + "    return queue_.submit(this.definition, new Object[] {queue, definition});\n");
    assertThat(executor).contains("""
          @SuppressWarnings("unchecked")
          private Steps dispatcher(@Nullable Object[] inputs) {
            return new Steps(pipeline, (List<String>) inputs[0], (Map<String, Integer>) inputs[1]);
          }
        """);
  }

  @Test
  void writesTheTypesAsClassLiteralsWhereTheyCan() throws IOException {
    Compilation compilation = compile(source("TicketPipeline", TICKET_PIPELINE));

    assertThat(compilation).succeeded();
    String executor = executorOf(compilation, "TicketPipelineExecutor");
    assertThat(executor).contains("  private static final List<Type> INPUT_TYPES = "
        + "List.of(TicketPipeline.Ticket.class, Integer.class);\n");
    assertThat(executor).contains("""
          private static final List<Type> STEP_TYPES = List.of(
              String.class,
              Integer.class,
              new TypeLiteral<List<TicketPipeline.Article>>() {}.type(),
              Void.class,
              TicketPipeline.Reply.class);
        """);
    assertThat(executor).contains("""
          private Steps dispatcher(@Nullable Object[] inputs) {
            return new Steps(pipeline, (TicketPipeline.Ticket) inputs[0], (int) inputs[1]);
          }
        """);
    assertThat(executor).contains(" * <p>The pipeline is durable: {@code submit} stores a run on "
        + "a {@link RunQueue}\n * for a worker to run later, possibly in another process, and "
        + "{@code definition} is what\n * that worker runs.\n");
  }

  @Test
  void submitsNoInputsForAPipelineWithoutInputs() throws IOException {
    Compilation compilation = compile(source("ClockPipeline", """
        @Pipeline(durable = true)
        class ClockPipeline {
          @Step long now() { return 1L; }
        }
        """), run("""
        var executor = new ClockPipelineExecutor(new ClockPipeline());
        return List.of(executor.submit((pipeline, inputs) -> "run-" + inputs.length),
            executor.definition().execute(RunOptions.defaults()).output());
        """));

    List<?> outcome = compileCleanly(compilation).run("com.acme.Run");

    assertThat(outcome.stream().map(String::valueOf).toList())
        .containsExactly("run-0", "1").inOrder();
    assertThat(executorOf(compilation, "ClockPipelineExecutor"))
        .contains("private static final List<Type> INPUT_TYPES = List.of();\n");
  }

  @Test
  void addsNothingToAPipelineThatIsNotDurable() throws Exception {
    Compilation compilation = compile(source("TicketPipeline",
        TICKET_PIPELINE.replace("@Pipeline(durable = true)", "@Pipeline")));

    CompiledClasses classes = compileCleanly(compilation);

    List<String> methods = Arrays.stream(
            classes.loadClass("com.acme.TicketPipelineExecutor").getDeclaredMethods())
        .map(Method::getName)
        .toList();
    assertThat(methods).containsAtLeast("execute", "resume");
    assertThat(methods).containsNoneOf("definition", "submit", "dispatcher");
    String executor = executorOf(compilation, "TicketPipelineExecutor");
    assertThat(executor).doesNotContain("TypeLiteral");
    assertThat(executor).doesNotContain("RunQueue");
    assertThat(executor).doesNotContain("durable");
  }
}
