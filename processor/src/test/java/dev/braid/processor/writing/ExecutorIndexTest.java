package dev.braid.processor.writing;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import dev.braid.processor.BraidProcessor;
import dev.braid.processor.testing.RecordingProcessor;
import dev.braid.processor.testing.RecordingProcessor.GeneratedResource;
import dev.braid.processor.testing.RouterSources;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import java.util.Properties;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;

/**
 * The index entry of each executor, which lets a dependency-injection container find executors
 * without scanning classes: one resource per executor, from its class alone.
 */
class ExecutorIndexTest {

  @Test
  void writesOneEntryPerPipelineWithItsNameAndSteps() throws IOException {
    RecordingProcessor processor = new RecordingProcessor(new BraidProcessor());

    Compilation compilation = compile(processor, source("TicketPipeline", """
        @Pipeline(name = "Tickets")
        class TicketPipeline {
          @Step String extract(@Input String ticket) { return ticket; }
          @Step(dependsOn = "extract") String draft(String extract) { return extract; }
        }
        """));

    assertThat(compilation).succeeded();
    assertThat(processor.resources()).contains(new GeneratedResource("CLASS_OUTPUT",
        "META-INF/braid/executors/com.acme.TicketPipelineExecutor",
        List.of("com.acme.TicketPipeline")));
    Properties entry = entry(compilation, "com.acme.TicketPipelineExecutor");
    assertThat(entry).containsExactly(
        "executor", "com.acme.TicketPipelineExecutor",
        "type", "com.acme.TicketPipeline",
        "kind", "pipeline",
        "name", "Tickets",
        "steps", "extract,draft",
        "durable", "false");
  }

  @Test
  void marksADurablePipeline() throws IOException {
    Compilation compilation = compile(source("LedgerPipeline", """
        @Pipeline(durable = true)
        class LedgerPipeline {
          @Step String record(@Input String entry) { return entry; }
        }
        """));

    assertThat(compilation).succeeded();
    assertThat(entry(compilation, "com.acme.LedgerPipelineExecutor").getProperty("durable"))
        .isEqualTo("true");
  }

  @Test
  void writesARoutersEntryWithItsTwoSteps() throws IOException {
    Compilation compilation = compile(RouterSources.SIMPLE, RouterSources.COMPLEX,
        source("DocumentRouter", """
            @Router(routes = {SimpleDocPipeline.class, ComplexDocPipeline.class})
            class DocumentRouter {
              @Route Class<?> route(@Input String text) { return SimpleDocPipeline.class; }
            }
            """));

    assertThat(compilation).succeeded();
    Properties entry = entry(compilation, "com.acme.DocumentRouterExecutor");
    assertThat(entry).containsExactly(
        "executor", "com.acme.DocumentRouterExecutor",
        "type", "com.acme.DocumentRouter",
        "kind", "router",
        "name", "DocumentRouter",
        "steps", "route,run",
        "durable", "false");
    assertThat(entry(compilation, "com.acme.SimpleDocPipelineExecutor").getProperty("kind"))
        .isEqualTo("pipeline");
  }

  @Test
  void writesNoEntryForAPipelineWithErrors() {
    RecordingProcessor processor = new RecordingProcessor(new BraidProcessor());

    Compilation compilation = compile(processor, source("BrokenPipeline", """
        @Pipeline
        class BrokenPipeline {
          @Step(timeout = "soon") String extract(@Input String ticket) { return ticket; }
        }
        """));

    assertThat(compilation).failed();
    assertThat(processor.resources()).isEmpty();
  }

  private static Properties entry(Compilation compilation, String executor) throws IOException {
    String text = compilation.generatedFile(StandardLocation.CLASS_OUTPUT,
            ExecutorIndexGenerator.DIRECTORY + executor)
        .orElseThrow(() -> new AssertionError("no index entry for " + executor))
        .getCharContent(true).toString();
    Properties properties = new Properties();
    properties.load(new StringReader(text));
    return properties;
  }
}
