package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;
import static dev.braid.processor.testing.RouterSources.SIMPLE;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class DollarBudgetValidationTest {

  @Test
  void reportsADollarBudgetThatIsNoDollarAmount() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline(timeout = "1s",
            costBudgetDollars = "ten cents")
        class TicketPipeline {
          @Step String draft(@Input String ticket) { return ticket; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/BadBudget] costBudgetDollars = \"ten"
            + " cents\" of @Pipeline TicketPipeline is not a dollar amount; write it as"
            + " \"$0.10\", \"0.10\" or \"12\", with at most 8 decimals, or leave it out for no"
            + " limit.")
        .inFile(source).onLineContaining("costBudgetDollars = \"ten cents\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsANegativeDollarBudget() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step(timeout = "1s",
              costBudgetDollars = "-$0.10")
          String draft(@Input String ticket, StepContext context) { return ticket; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/BadBudget] costBudgetDollars = \"-$0.10\""
            + " of @Step draft is negative; set a budget of zero or more, such as \"$0.10\", or"
            + " leave it out for no limit.")
        .inFile(source).onLineContaining("costBudgetDollars = \"-$0.10\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsADollarBudgetFinerThanAMicrocent() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step(
              costBudgetDollars = "0.000000001")
          String draft(@Input String ticket, StepContext context) { return ticket; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/BadBudget] costBudgetDollars ="
            + " \"0.000000001\" of @Step draft has 9 decimals, finer than a microcent (a"
            + " hundred-millionth of a dollar); round it to at most 8 decimals, or leave it out for"
            + " no limit.")
        .inFile(source).onLineContaining("costBudgetDollars = \"0.000000001\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsARouterDollarBudgetTooLargeForALong() {
    JavaFileObject router = source("TicketRouter", """
        @Router(routes = SimpleDocPipeline.class,
            costBudgetDollars = "$100000000000")
        class TicketRouter {
          @Route Class<?> route(@Input String text) { return SimpleDocPipeline.class; }
        }
        """);

    Compilation compilation = compile(SIMPLE, router);

    assertThat(compilation).hadErrorContaining("[Braid/BadBudget] costBudgetDollars ="
            + " \"$100000000000\" of @Router TicketRouter is too large: a budget is at most"
            + " \"$92233720368.54775807\", or leave it out for no limit.")
        .inFile(router).onLineContaining("costBudgetDollars = \"$100000000000\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsABudgetWrittenBothInMicrocentsAndInDollars() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline(costBudget = 10_000_000,
            costBudgetDollars = "$0.10")
        class TicketPipeline {
          @Step String draft(@Input String ticket) { return ticket; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/ConflictingBudget] @Pipeline TicketPipeline"
            + " sets both costBudget = 10000000 (microcents) and costBudgetDollars = \"$0.10\";"
            + " keep only one of them, such as costBudgetDollars = \"$0.10\".")
        .inFile(source).onLineContaining("costBudgetDollars = \"$0.10\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void aDollarBudgetOnAStepWithoutStepContextIsUnused() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step(
              costBudgetDollars = "0.02")
          String draft(@Input String ticket) { return ticket; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).succeeded();
    assertThat(compilation).hadWarningContaining("[Braid/UnusedBudget] @Step draft sets"
            + " costBudgetDollars but has no StepContext parameter")
        .inFile(source).onLineContaining("costBudgetDollars = \"0.02\"");
  }
}
