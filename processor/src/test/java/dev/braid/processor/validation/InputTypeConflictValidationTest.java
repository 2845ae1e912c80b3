package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class InputTypeConflictValidationTest {

  @Test
  void reportsTheLaterParameterOfAnInputDeclaredWithTwoTypes() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step String extract(@Input String ticket) { return ticket; }
          @Step(dependsOn = "extract")
          String count(String extract,
              @Input("ticket") int number) {
            return extract + number;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/InputTypeConflict] Input ticket has type "
            + "int in @Step count but String in @Step extract; declare every parameter of input "
            + "ticket with the same type.")
        .inFile(source).onLineContaining("int number)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void acceptsTheSameGenericTypeWithWildcardsInSeveralSteps() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step int count(@Input List<? extends CharSequence> lines) { return lines.size(); }
          @Step(dependsOn = "count")
          String join(int count, @Input List<? extends CharSequence> lines) {
            return count + ":" + lines;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).succeeded();
  }

  @Test
  void checksTheInputsOfConditionMethodsToo() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step(when = "isLarge") String approve() { return ""; }
          @Step(dependsOn = "approve")
          String reply(Optional<String> approve,
              @Input long amount) {
            return "" + amount;
          }

          boolean isLarge(@Input int amount) { return amount > 100; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/InputTypeConflict] Input amount has type "
            + "long in @Step reply but int in condition method isLarge; declare every parameter "
            + "of input amount with the same type.")
        .inFile(source).onLineContaining("@Input long amount)");
    assertThat(compilation).hadErrorCount(1);
  }
}
