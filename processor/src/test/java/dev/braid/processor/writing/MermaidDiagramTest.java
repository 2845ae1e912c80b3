package dev.braid.processor.writing;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.assertNoWarnings;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import dev.braid.processor.BraidProcessor;
import dev.braid.processor.testing.RecordingProcessor;
import dev.braid.processor.testing.RecordingProcessor.GeneratedResource;
import dev.braid.processor.testing.RouterSources;
import java.util.List;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * The pipeline's graph in Mermaid: the resource next to the executor, and the copy in the
 * executor's Javadoc.
 */
class MermaidDiagramTest {

  @Test
  void writesTheGraphNextToTheExecutorAndIntoItsJavadoc() {
    RecordingProcessor processor = new RecordingProcessor(new BraidProcessor());

    Compilation compilation = compile(processor, source("DiamondPipeline", """
        @Pipeline
        class DiamondPipeline {
          @Step String extract(@Input String ticket) { return ticket; }
          @Step(dependsOn = "extract") String lookupCustomer(String extract) { return extract; }
          @Step(dependsOn = "extract", optional = true) void searchKnowledgeBase() {}
          @Step(dependsOn = {"lookupCustomer", "searchKnowledgeBase"})
          ConversationState<String> draft(String lookupCustomer) {
            return ConversationState.complete(lookupCustomer);
          }
        }
        """));

    assertThat(compilation).succeeded();
    assertNoWarnings(compilation);
    assertThat(processor.resources()).containsExactly(
        new GeneratedResource("CLASS_OUTPUT",
            "com/acme/DiamondPipelineExecutor.mmd", List.of("com.acme.DiamondPipeline")),
        new GeneratedResource("CLASS_OUTPUT",
            "META-INF/braid/executors/com.acme.DiamondPipelineExecutor",
            List.of("com.acme.DiamondPipeline")));
    assertThat(compilation)
        .generatedFile(StandardLocation.CLASS_OUTPUT, "com/acme/DiamondPipelineExecutor.mmd")
        .contentsAsUtf8String().isEqualTo("""
            flowchart LR
            %% critical path (by steps): extract \u2192 lookupCustomer \u2192 draft
            %% widest level: 2 steps (lookupCustomer, searchKnowledgeBase)
              s0["extract"]
              s1["lookupCustomer"]
              s2["searchKnowledgeBase (optional)"]
              s3["draft (conversational)"]
              s0 --> s1
              s0 -.-> s2
              s1 --> s3
              s2 -.-> s3
              classDef output stroke-width:3px
              class s3 output
              linkStyle 0,2 stroke:#d62728,stroke-width:3px
            """);
    assertThat(compilation).generatedSourceFile("com.acme.DiamondPipelineExecutor")
        .contentsAsUtf8String().contains("""
             * <p>Its critical path (by steps), the longest chain of steps that wait for one \
            another, has
             * 3 steps: <code>extract</code> &rarr; <code>lookupCustomer</code> &rarr; \
            <code>draft</code>.
             * Its widest level, the steps at the same depth from the start, which can run at \
            once, has
             * 2 steps: <code>lookupCustomer</code>, <code>searchKnowledgeBase</code>.
             *
             * <p>Its graph in Mermaid, also the resource {@code DiamondPipelineExecutor.mmd} \
            next to this
             * class:
             * <pre>
             * flowchart LR
             * %% critical path (by steps): extract &rarr; lookupCustomer &rarr; draft
             * %% widest level: 2 steps (lookupCustomer, searchKnowledgeBase)
             *   s0["extract"]
             *   s1["lookupCustomer"]
             *   s2["searchKnowledgeBase (optional)"]
             *   s3["draft (conversational)"]
             *   s0 --&gt; s1
             *   s0 -.-&gt; s2
             *   s1 --&gt; s3
             *   s2 -.-&gt; s3
             *   classDef output stroke-width:3px
             *   class s3 output
             *   linkStyle 0,2 stroke:#d62728,stroke-width:3px
             * </pre>
            """);
  }

  @Test
  void escapesStepNamesForMermaidAndForJavadoc() {
    Compilation compilation = compile(source("OddPipeline", """
        @Pipeline
        class OddPipeline {
          @Step(name = "say \\"hi\\" */ @x <b> & #1")
          String first(@Input String text) { return text; }
        }
        """));

    assertThat(compilation).succeeded();
    assertThat(compilation)
        .generatedFile(StandardLocation.CLASS_OUTPUT, "com.acme", "OddPipelineExecutor.mmd")
        .contentsAsUtf8String()
        .contains("  s0[\"say #quot;hi#quot; */ @x #lt;b#gt; & #35;1\"]\n");
    assertThat(compilation).generatedSourceFile("com.acme.OddPipelineExecutor")
        .contentsAsUtf8String()
        .contains(" *   s0[\"say #quot;hi#quot; *&#47; &#64;x #lt;b#gt; &amp; #35;1\"]\n");
  }

  @Test
  void writesNoGraphForAPipelineWithErrorsButDoesForAValidOne() {
    RecordingProcessor processor = new RecordingProcessor(new BraidProcessor());

    Compilation compilation = compile(processor,
        source("BrokenPipeline", """
            @Pipeline
            class BrokenPipeline {
              @Step String extract(@Input String ticket) { return ticket; }
              @Step(dependsOn = "extract", timeout = "soon") String classify(String extract) {
                return extract;
              }
            }
            """),
        source("ValidPipeline", """
            @Pipeline
            class ValidPipeline {
              @Step String extract(@Input String ticket) { return ticket; }
            }
            """));

    assertThat(compilation).failed();
    assertThat(processor.resources()).containsExactly(
        new GeneratedResource("CLASS_OUTPUT",
            "com/acme/ValidPipelineExecutor.mmd", List.of("com.acme.ValidPipeline")),
        new GeneratedResource("CLASS_OUTPUT",
            "META-INF/braid/executors/com.acme.ValidPipelineExecutor",
            List.of("com.acme.ValidPipeline")));
  }

  @Test
  void writesARoutersGraphWithItsFallbackDashed() {
    RecordingProcessor processor = new RecordingProcessor(new BraidProcessor());

    Compilation compilation = compile(processor, RouterSources.SIMPLE, RouterSources.COMPLEX,
        source("DocumentRouter", """
            @Router(name = "Documents",
                routes = {SimpleDocPipeline.class, ComplexDocPipeline.class},
                fallback = ComplexDocPipeline.class)
            class DocumentRouter {
              @Route Class<?> route(@Input String text) { return SimpleDocPipeline.class; }
            }
            """));

    assertThat(compilation).succeeded();
    assertThat(processor.resources()).contains(new GeneratedResource("CLASS_OUTPUT",
        "com/acme/DocumentRouterExecutor.mmd", List.of("com.acme.DocumentRouter")));
    assertThat(compilation)
        .generatedFile(StandardLocation.CLASS_OUTPUT, "com/acme/DocumentRouterExecutor.mmd")
        .contentsAsUtf8String().isEqualTo("""
            flowchart LR
              r["Documents (router, route())"]
              p0["SimpleDocPipeline"]
              p1["ComplexDocPipeline (fallback)"]
              r --> p0
              r --> p1
              classDef fallback stroke-dasharray:5 5
              class p1 fallback
            """);
  }
}
