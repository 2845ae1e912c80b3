package dev.braid.processor.writing;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.assertNoWarnings;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import dev.braid.processor.testing.CompiledClasses;
import dev.braid.runtime.codegen.PipelinePlan;
import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

/** The concurrency caps the processor writes into the plan, read back from a loaded executor. */
class GeneratedConcurrencyCapTest {

  @Test
  void plansTheCapOfEachStepThatWritesOne() throws Exception {
    Compilation compilation = compile(source("CappedPipeline", """
        @Pipeline
        class CappedPipeline {
          @Step(maxConcurrent = 5) String draft(@Input String ticket) { return "re: " + ticket; }
          @Step(dependsOn = "draft") String polish(String draft) { return draft + "!"; }
        }
        """));
    assertThat(compilation).succeeded();
    assertNoWarnings(compilation);
    CompiledClasses classes = new CompiledClasses(compilation);

    Field field = classes.loadClass("com.acme.CappedPipelineExecutor").getDeclaredField("PLAN");
    field.setAccessible(true);
    PipelinePlan plan = (PipelinePlan) field.get(null);

    assertThat(compilation.generatedSourceFile("com.acme.CappedPipelineExecutor").orElseThrow()
        .getCharContent(true).toString())
        .contains("plan.step(\"draft\").maxConcurrent(5).readsInputs(0);");
    assertThat(plan.steps().get(0).maxConcurrent()).isEqualTo(5);
    assertThat(plan.steps().get(1).maxConcurrent()).isEqualTo(0);
  }
}
