package dev.braid.processor.validation;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.assertNoWarnings;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * A budget on a step without a {@code StepContext} is a warning, not an error: the executor is
 * still generated.
 */
class UnusedBudgetValidationTest {

  /** Braid's own warnings, without the note {@code -Xlint:all} adds for unclaimed annotations. */
  private static List<String> braidWarnings(Compilation compilation) {
    return compilation.diagnostics().stream()
        .filter(d -> d.getKind() == Diagnostic.Kind.WARNING)
        .map(d -> d.getMessage(null))
        .filter(message -> message.startsWith("[Braid/"))
        .toList();
  }

  @Test
  void warnsAboutACostBudgetOnAStepWithoutAStepContext() {
    JavaFileObject source = source("TicketPipeline", """
        import static dev.braid.runtime.Microcents.CENT;

        @Pipeline
        class TicketPipeline {
          @Step(timeout = "1s",
              costBudget = 5 * CENT)
          String draft(@Input String ticket) { return ticket; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining("[Braid/UnusedBudget] @Step draft sets "
            + "costBudget but has no StepContext parameter, so it can never apply: only model "
            + "calls made through StepContext.call count against a budget; add a StepContext "
            + "parameter and call models through it, or remove costBudget.")
        .inFile(source).onLineContaining("costBudget = 5 * CENT");
    assertThat(braidWarnings(compilation)).hasSize(1);
    assertThat(compilation).generatedSourceFile("com.acme.TicketPipelineExecutor");
  }

  @Test
  void warnsOnceOnTheFirstOfBothBudgets() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step(
              tokenBudget = 2000,
              costBudget = 0)
          String draft(@Input String ticket) { return ticket; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining("[Braid/UnusedBudget] @Step draft sets "
            + "costBudget and tokenBudget but has no StepContext parameter, so they can never "
            + "apply: only model calls made through StepContext.call count against a budget; add "
            + "a StepContext parameter and call models through it, or remove costBudget and "
            + "tokenBudget.")
        .inFile(source).onLineContaining("costBudget = 0");
    assertThat(braidWarnings(compilation)).hasSize(1);
  }

  @Test
  void warnsAboutATokenBudgetAlone() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step String draft(@Input String ticket) { return ticket; }
          @Step(dependsOn = "draft",
              tokenBudget = 500)
          String polish(String draft) { return draft; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining("[Braid/UnusedBudget] @Step polish sets "
            + "tokenBudget but has no StepContext parameter, so it can never apply: only model "
            + "calls made through StepContext.call count against a budget; add a StepContext "
            + "parameter and call models through it, or remove tokenBudget.")
        .inFile(source).onLineContaining("tokenBudget = 500");
    assertThat(braidWarnings(compilation)).hasSize(1);
  }

  @Test
  void acceptsBudgetsOnStepsWithAStepContextAndOnThePipeline() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline(costBudget = 1_000_000, tokenBudget = 10_000)
        class TicketPipeline {
          @Step(costBudget = 500_000, tokenBudget = 4_000)
          String draft(@Input String ticket, StepContext context) { return ticket; }
          @Step(dependsOn = "draft") String polish(String draft) { return draft; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).succeeded();
    assertNoWarnings(compilation);
  }
}
