package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;
import static dev.braid.processor.testing.RouterSources.SIMPLE;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** A router's deadline and budgets are checked under the ids of a pipeline's. */
class RouterSettingsValidationTest {

  @Test
  void reportsADeadlineThatIsNoDuration() {
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = SimpleDocPipeline.class,
            deadline = "30 sec")
        class DocumentRouter {
          @Route Class<?> route(@Input String text) { return SimpleDocPipeline.class; }
        }
        """);

    Compilation compilation = compile(SIMPLE, source);

    assertThat(compilation).hadErrorContaining("[Braid/BadDuration] deadline \"30 sec\" of "
            + "@Router DocumentRouter is not a duration; write it as 250ms, 30s, 2m, 1h or "
            + "ISO-8601 such as PT30S, in whole milliseconds.")
        .inFile(source).onLineContaining("deadline = \"30 sec\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsNegativeBudgets() {
    JavaFileObject source = source("DocumentRouter", """
        @Router(routes = SimpleDocPipeline.class,
            costBudget = -5,
            tokenBudget = -1)
        class DocumentRouter {
          @Route Class<?> route(@Input String text) { return SimpleDocPipeline.class; }
        }
        """);

    Compilation compilation = compile(SIMPLE, source);

    assertThat(compilation).hadErrorContaining("[Braid/BadBudget] costBudget = -5 of @Router "
            + "DocumentRouter is negative; set a budget of zero or more in microcents, such as 50 "
            + "* Microcents.CENT for 50 cents, or leave it out for no limit.")
        .inFile(source).onLineContaining("costBudget = -5");
    assertThat(compilation).hadErrorContaining("[Braid/BadBudget] tokenBudget = -1 of @Router "
            + "DocumentRouter is negative; set a budget of zero or more tokens, such as 10_000, or "
            + "leave it out for no limit.")
        .inFile(source).onLineContaining("tokenBudget = -1");
    assertThat(compilation).hadErrorCount(2);
  }
}
