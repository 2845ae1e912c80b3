package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class VoidDependencyValidationTest {

  @Test
  void reportsAParameterThatReadsAVoidStep() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step void audit(@Input String ticket) {}
          @Step(dependsOn = "audit")
          String send(@Input String ticket,
              Object audit) {
            return ticket;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/VoidDependency] Parameter audit of @Step "
            + "send reads step audit, which returns void; remove the parameter and keep "
            + "\"audit\" in dependsOn to run after it.")
        .inFile(source).onLineContaining("Object audit)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAnOptionalParameterThatReadsAVoidStep() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step(optional = true) void audit(@Input String ticket) {}
          @Step(dependsOn = "audit")
          String send(@Input String ticket,
              Optional<Object> audit) {
            return ticket;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/VoidDependency] Parameter audit of @Step "
            + "send reads step audit, which returns void; remove the parameter and keep "
            + "\"audit\" in dependsOn to run after it.")
        .inFile(source).onLineContaining("Optional<Object> audit)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAConditionMethodParameterThatReadsAVoidStep() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step void audit(@Input String ticket) {}
          @Step(dependsOn = "audit", when = "wasAudited") String escalate() { return ""; }
          @Step(dependsOn = "escalate") String reply(Optional<String> escalate) { return ""; }

          boolean wasAudited(
              Object audit) {
            return true;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/VoidDependency] Parameter audit of "
            + "condition method wasAudited reads step audit, which returns void; remove the "
            + "parameter and keep \"audit\" in dependsOn to run after it.")
        .inFile(source).onLineContaining("Object audit)");
    assertThat(compilation).hadErrorCount(1);
  }
}
