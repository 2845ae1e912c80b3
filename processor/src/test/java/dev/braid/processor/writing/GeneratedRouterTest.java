package dev.braid.processor.writing;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.assertNoWarnings;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.braid.processor.testing.CompiledClasses;
import dev.braid.runtime.ConversationState;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.StepExecutionException;
import dev.braid.runtime.StepRecord;
import dev.braid.runtime.StepStatus;
import dev.braid.runtime.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Compiles routers over real pipelines with the processor, checks that the generated code compiles
 * without warnings, then runs it on the real runtime through {@code com.acme.Run}: routing by
 * input, usage rolled up from the route method and the chosen pipeline, fallback, failure and
 * early stop.
 */
class GeneratedRouterTest {
  /** One token costs 100 microcents at $1 per million tokens. */
  private static final long MICROCENTS_PER_TOKEN = 100;

  private static final List<JavaFileObject> MODELS = List.of(
      source("Document", "record Document(String text) {}\n"),
      source("Summary", "record Summary(String text) {}\n"),
      source("Classifier", """
          import dev.braid.runtime.ModelCall;
          import dev.braid.runtime.ModelClient;
          import dev.braid.runtime.ModelResponse;

          /** Says "complex" for long texts; 10 input and 1 output tokens a call. */
          final class Classifier implements ModelClient<String, String> {
            @Override public String model() { return "classifier"; }
            @Override public ModelResponse<String> call(String text, ModelCall call) {
              if (text.contains("boom")) {
                throw new IllegalStateException("classifier is down");
              }
              return ModelResponse.of(text.length() > 20 ? "complex" : "simple", 10, 1);
            }
          }
          """),
      source("Writer", """
          import dev.braid.runtime.ModelCall;
          import dev.braid.runtime.ModelClient;
          import dev.braid.runtime.ModelResponse;

          /** Echoes its prompt; 100 input and 50 output tokens a call. */
          final class Writer implements ModelClient<String, String> {
            @Override public String model() { return "writer"; }
            @Override public ModelResponse<String> call(String prompt, ModelCall call) {
              return ModelResponse.of(prompt, 100, 50);
            }
          }
          """),
      source("Models", """
          import dev.braid.runtime.ModelPrice;
          import dev.braid.runtime.PipelineConfig;
          import dev.braid.runtime.PriceTable;

          /** Prices both models at $1 per million tokens. */
          final class Models {
            static final PipelineConfig CONFIG = PipelineConfig.builder()
                .prices(PriceTable.empty()
                    .with("classifier", ModelPrice.dollarsPerMillion("1", "1", "1"))
                    .with("writer", ModelPrice.dollarsPerMillion("1", "1", "1")))
                .build();

            private Models() {}
          }
          """));

  private static final JavaFileObject SIMPLE = source("SimpleDocPipeline", """
      @Pipeline
      class SimpleDocPipeline {
        private final Writer writer = new Writer();

        @Step Summary summarize(@Input Document document, StepContext context)
            throws InterruptedException {
          return new Summary(context.call(writer, "simple: " + document.text()).value());
        }
      }
      """);

  /** Two steps; the first fails on a crash, the second stops early on a question. */
  private static final JavaFileObject COMPLEX = source("ComplexDocPipeline", """
      @Pipeline
      class ComplexDocPipeline {
        @Step String outline(@Input Document document) {
          if (document.text().contains("crash")) {
            throw new IllegalStateException("no outline");
          }
          return "outline of " + document.text();
        }

        @Step(dependsOn = "outline")
        ConversationState<Summary> summarize(String outline, @Input Document document) {
          Summary summary = new Summary("complex: " + outline);
          return document.text().endsWith("?")
              ? ConversationState.incomplete(summary, "Which section matters most?")
              : ConversationState.complete(summary);
        }
      }
      """);

  private static final JavaFileObject DOCUMENT_ROUTER = source("DocumentRouter", """
      @Router(routes = {SimpleDocPipeline.class, ComplexDocPipeline.class},
          fallback = SimpleDocPipeline.class)
      class DocumentRouter {
        private final Classifier classifier = new Classifier();

        @Route
        Class<?> route(@Input Document document, StepContext context)
            throws InterruptedException {
          if (document.text().startsWith("odd")) {
            return Document.class;
          }
          return context.call(classifier, document.text()).value().equals("complex")
              ? ComplexDocPipeline.class
              : SimpleDocPipeline.class;
        }
      }
      """);

  private static final JavaFileObject STRICT_ROUTER = source("StrictRouter", """
      @Router(name = "Strict", routes = {ComplexDocPipeline.class, SimpleDocPipeline.class})
      class StrictRouter {
        private final Classifier classifier = new Classifier();

        @Route
        Class<? extends Object> pick(StepContext context, @Input Document document)
            throws InterruptedException {
          context.call(classifier, document.text());
          return SimpleDocPipeline.class;
        }
      }
      """);

  /** Takes no input, so a router hands it none of its own. */
  private static final JavaFileObject CANNED = source("CannedPipeline", """
      @Pipeline
      class CannedPipeline {
        @Step Summary canned() { return new Summary("canned"); }
      }
      """);

  /** Routes on an input no route takes, named like identifiers the executor uses itself. */
  private static final JavaFileObject TIER_ROUTER = source("TierRouter", """
      @Router(routes = {CannedPipeline.class, SimpleDocPipeline.class})
      class TierRouter {
        @Route
        Class<?> route(@Input("context") String tier, @Input Document document) {
          return tier.equals("free") ? CannedPipeline.class : SimpleDocPipeline.class;
        }
      }
      """);

  private static JavaFileObject run(String body) {
    return JavaFileObjects.forSourceString("com.acme.Run", """
        package com.acme;

        import dev.braid.runtime.*;

        public final class Run implements java.util.function.Supplier<Object> {
          private static final SimpleDocPipelineExecutor SIMPLE =
              new SimpleDocPipelineExecutor(new SimpleDocPipeline(), Models.CONFIG);
          private static final ComplexDocPipelineExecutor COMPLEX =
              new ComplexDocPipelineExecutor(new ComplexDocPipeline(), Models.CONFIG);
          private static final DocumentRouterExecutor ROUTER =
              new DocumentRouterExecutor(new DocumentRouter(), SIMPLE, COMPLEX, Models.CONFIG);
          private static final StrictRouterExecutor STRICT =
              new StrictRouterExecutor(new StrictRouter(), COMPLEX, SIMPLE, Models.CONFIG);
          private static final TierRouterExecutor TIER = new TierRouterExecutor(new TierRouter(),
              new CannedPipelineExecutor(new CannedPipeline()), SIMPLE);

          @Override
          public Object get() {
            try {
              %s
            } catch (Exception e) {
              return e;
            }
          }
        }
        """.formatted(body));
  }

  private static Compilation compileRouters(String body) {
    List<JavaFileObject> sources = new ArrayList<>(MODELS);
    sources.addAll(
        List.of(SIMPLE, COMPLEX, CANNED, DOCUMENT_ROUTER, STRICT_ROUTER, TIER_ROUTER, run(body)));
    return compile(sources.toArray(JavaFileObject[]::new));
  }

  private static <T> T runCleanly(Compilation compilation) {
    assertThat(compilation).succeeded();
    assertNoWarnings(compilation);
    return new CompiledClasses(compilation).run("com.acme.Run");
  }

  private static PipelineResult<?> route(String text) {
    return runCleanly(compileRouters(
        "return ROUTER.execute(new Document(\"" + text + "\"));"));
  }

  private static PipelineResult<?> child(PipelineResult<?> result) {
    List<PipelineResult<?>> children = result.step("run").childRuns();
    assertThat(children).hasSize(1);
    return children.getFirst();
  }

  private static String text(Object summary) {
    return summary.toString().replaceAll("^Summary\\[text=(.*)]$", "$1");
  }

  @Test
  void runsThePipelineTheRouteMethodChoseForEachInput() {
    PipelineResult<?> simple = route("short");
    PipelineResult<?> complex = route("a long document about routers");

    assertThat(simple.pipelineName()).isEqualTo("DocumentRouter");
    assertThat(text(simple.output())).isEqualTo("simple: short");
    assertThat(simple.stepOutput("route").orElseThrow().toString())
        .isEqualTo("class com.acme.SimpleDocPipeline");
    assertThat(child(simple).pipelineName()).isEqualTo("SimpleDocPipeline");
    assertThat(text(complex.output()))
        .isEqualTo("complex: outline of a long document about routers");
    assertThat(child(complex).pipelineName()).isEqualTo("ComplexDocPipeline");
    assertThat(child(complex).steps().stream().map(StepRecord::name).toList())
        .containsExactly("outline", "summarize").inOrder();
  }

  @Test
  void rollsUpTheRouteMethodsUsageAndTheChosenPipelinesIntoTheResult() {
    PipelineResult<?> result = route("short");

    Usage routeUsage = result.step("route").usage();
    Usage runUsage = result.step("run").usage();
    assertThat(routeUsage.calls()).isEqualTo(1);
    assertThat(routeUsage.totalTokens()).isEqualTo(11);
    assertThat(runUsage).isEqualTo(child(result).usage());
    assertThat(runUsage.totalTokens()).isEqualTo(150);
    assertThat(result.usage().calls()).isEqualTo(2);
    assertThat(result.usage().totalTokens()).isEqualTo(161);
    assertThat(result.usage().costMicrocents()).isEqualTo(161 * MICROCENTS_PER_TOKEN);
  }

  @Test
  void fallsBackWhenTheRouteMethodFails() {
    PipelineResult<?> result = route("a long boom of a document");

    StepRecord route = result.step("route");
    assertThat(route.status()).isEqualTo(StepStatus.FAILED);
    assertThat(route.failure()).hasMessageThat().isEqualTo("classifier is down");
    assertThat(result.step("run").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(child(result).pipelineName()).isEqualTo("SimpleDocPipeline");
    assertThat(text(result.output())).isEqualTo("simple: a long boom of a document");
  }

  @Test
  void fallsBackWhenTheRouteMethodReturnsAClassThatIsNoRoute() {
    PipelineResult<?> result = route("odd one");

    assertThat(result.step("route").failure()).hasMessageThat().isEqualTo(
        "Route method route() of router 'DocumentRouter' returned com.acme.Document, which is "
            + "not one of its routes (com.acme.SimpleDocPipeline, com.acme.ComplexDocPipeline); "
            + "return one of them");
    assertThat(text(result.output())).isEqualTo("simple: odd one");
  }

  @Test
  void failsTheRunWhenTheRouteMethodFailsAndThereIsNoFallback() {
    Object thrown = runCleanly(compileRouters(
        "return STRICT.execute(new Document(\"boom\"));"));

    assertThat(thrown).isInstanceOf(StepExecutionException.class);
    StepExecutionException failure = (StepExecutionException) thrown;
    assertThat(failure).hasMessageThat().startsWith("Step 'route' of pipeline 'Strict' failed");
    assertThat(failure).hasCauseThat().hasMessageThat().isEqualTo("classifier is down");
    PipelineResult<?> partial = failure.partialResult().orElseThrow();
    assertThat(partial.step("run").status()).isEqualTo(StepStatus.NOT_STARTED);
  }

  @Test
  void failsTheRunWhenTheChosenPipelineFails() {
    Object thrown = runCleanly(compileRouters(
        "return ROUTER.execute(new Document(\"a long document that will crash\"));"));

    assertThat(thrown).isInstanceOf(StepExecutionException.class);
    StepExecutionException failure = (StepExecutionException) thrown;
    assertThat(failure).hasMessageThat()
        .startsWith("Step 'run' of pipeline 'DocumentRouter' failed");
    assertThat(failure).hasCauseThat().hasMessageThat()
        .startsWith("Step 'outline' of pipeline 'ComplexDocPipeline' failed");
    PipelineResult<?> partial = failure.partialResult().orElseThrow();
    assertThat(child(partial).step("outline").status()).isEqualTo(StepStatus.FAILED);
  }

  @Test
  void runsTheRouteARouterWithoutFallbackChose() {
    PipelineResult<?> result = runCleanly(compileRouters(
        "return STRICT.execute(new Document(\"a long document about routers\"));"));

    assertThat(result.pipelineName()).isEqualTo("Strict");
    assertThat(text(result.output())).isEqualTo("simple: a long document about routers");
  }

  @Test
  void stopsEarlyWhenTheChosenPipelineStopsEarly() {
    PipelineResult<?> result = route("a long document that asks?");

    assertThat(result.stoppedEarly()).isTrue();
    assertThat(result.stoppedAt()).hasValue("run");
    assertThat(result.conversationState().map(ConversationState::context))
        .hasValue("Which section matters most?");
    assertThat(child(result).stoppedAt()).hasValue("summarize");
    assertThat(result.step("run").status()).isEqualTo(StepStatus.STOPPED_EARLY);
  }

  @Test
  void handsEachRouteTheRouterInputsItTakes() {
    List<?> outputs = runCleanly(compileRouters("""
        return java.util.List.of(
            TIER.execute("free", new Document("short")).output(),
            TIER.execute("paid", new Document("short")).output());
        """));

    assertThat(outputs.stream().map(GeneratedRouterTest::text).toList())
        .containsExactly("canned", "simple: short").inOrder();
  }

  @Test
  void runsAsynchronously() {
    PipelineResult<?> result = runCleanly(compileRouters(
        "return ROUTER.executeAsync(new Document(\"short\")).join();"));

    assertThat(text(result.output())).isEqualTo("simple: short");
  }

  @Test
  void generatesAnExecutorShapedLikeAPipelines() throws IOException {
    Compilation compilation = compileRouters("return null;");
    runCleanly(compilation);

    String executor = compilation.generatedSourceFile("com.acme.DocumentRouterExecutor")
        .orElseThrow().getCharContent(true).toString().replaceAll("\\s+", " ");

    assertThat(executor).contains("@Singleton @NullMarked public final class DocumentRouterExecutor {");
    assertThat(executor).contains("@Inject public DocumentRouterExecutor(DocumentRouter router, "
        + "SimpleDocPipelineExecutor simpleDocPipelineExecutor, "
        + "ComplexDocPipelineExecutor complexDocPipelineExecutor) {");
    assertThat(executor).contains("public DocumentRouterExecutor(DocumentRouter router, "
        + "SimpleDocPipelineExecutor simpleDocPipelineExecutor, "
        + "ComplexDocPipelineExecutor complexDocPipelineExecutor, PipelineConfig config) {");
    assertThat(executor).contains("public PipelineResult<Summary> execute(Document document) {");
    assertThat(executor).contains(
        "public PipelineResult<Summary> execute(Document document, RunOptions options) {");
    assertThat(executor).contains("public CompletableFuture<PipelineResult<Summary>> "
        + "executeAsync(Document document) {");
    assertThat(executor).contains("plan.inputs(\"document\"); plan.step(\"route\").optional(); "
        + "plan.step(\"run\", 0).conversational(); plan.output(1);");
    assertThat(compilation.generatedFile(javax.tools.StandardLocation.CLASS_OUTPUT,
        "com.acme", "DocumentRouterExecutor.mmd")).isPresent();
  }

  @Test
  void keepsInputsNamedLikeTheExecutorsOwnIdentifiers() throws IOException {
    Compilation compilation = compileRouters("return null;");
    runCleanly(compilation);

    String executor = compilation.generatedSourceFile("com.acme.TierRouterExecutor")
        .orElseThrow().getCharContent(true).toString().replaceAll("\\s+", " ");

    assertThat(executor).contains(
        "public PipelineResult<Summary> execute(String context, Document document) {");
    assertThat(executor).contains("case 0 -> Routing.check(\"TierRouter\", \"route\", "
        + "router.route(context, document), CannedPipeline.class, SimpleDocPipeline.class);");
    assertThat(executor).contains("return Routing.state(cannedPipelineExecutor.execute("
        + "RunOptions.childOf(context_)));");
  }
}
