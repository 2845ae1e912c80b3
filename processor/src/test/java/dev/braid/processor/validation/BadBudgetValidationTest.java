package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class BadBudgetValidationTest {

  @Test
  void reportsANegativeStepCostBudget() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step(timeout = "1s",
              costBudget = -5)
          String draft(@Input String ticket, StepContext context) { return ticket; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/BadBudget] costBudget = -5 of @Step draft "
            + "is negative; set a budget of zero or more in microcents, such as 50 * "
            + "Microcents.CENT for 50 cents, or leave it out for no limit.")
        .inFile(source).onLineContaining("costBudget = -5");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsANegativeStepTokenBudget() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step(costBudget = 0,
              tokenBudget = -2000)
          String draft(@Input String ticket, StepContext context) { return ticket; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/BadBudget] tokenBudget = -2000 of @Step "
            + "draft is negative; set a budget of zero or more tokens, such as 10_000, or leave it "
            + "out for no limit.")
        .inFile(source).onLineContaining("tokenBudget = -2000");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsNegativePipelineBudgetsOnTheirOwnValuesEvenTheDefaultWrittenOut() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline(
            costBudget = -1,
            tokenBudget = -3 * 1_000_000_000L)
        class TicketPipeline {
          @Step String draft(@Input String ticket) { return ticket; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/BadBudget] costBudget = -1 of @Pipeline "
            + "TicketPipeline is negative; set a budget of zero or more in microcents, such as "
            + "50 * Microcents.CENT for 50 cents, or leave it out for no limit.")
        .inFile(source).onLineContaining("costBudget = -1");
    assertThat(compilation).hadErrorContaining("[Braid/BadBudget] tokenBudget = -3000000000 of "
            + "@Pipeline TicketPipeline is negative; set a budget of zero or more tokens, such as "
            + "10_000, or leave it out for no limit.")
        .inFile(source).onLineContaining("tokenBudget = -3 * 1_000_000_000L");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void leavesABudgetJavacCannotEvaluateToJavac() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step(costBudget = NO_SUCH_CONSTANT)
          String draft(@Input String ticket, StepContext context) { return ticket; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("cannot find symbol")
        .inFile(source).onLineContaining("NO_SUCH_CONSTANT");
    assertThat(compilation).hadErrorCount(1);
  }
}
