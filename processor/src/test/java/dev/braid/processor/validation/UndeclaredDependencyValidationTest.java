package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class UndeclaredDependencyValidationTest {

  @Test
  void reportsAParameterNamedAfterAStepMissingFromDependsOn() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step String extract(@Input String ticket) { return ticket; }
          @Step(output = true)
          String classify(
              String extract) {
            return extract;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/UndeclaredDependency] Parameter extract of "
            + "@Step classify reads step extract, which is not in its dependsOn; add \"extract\" "
            + "to the dependsOn of @Step classify.")
        .inFile(source).onLineContaining("String extract)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAFromNamingAStepMissingFromDependsOn() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step String extract(@Input String ticket) { return ticket; }
          @Step String translate(@Input String ticket) { return ticket; }
          @Step(dependsOn = "translate", output = true)
          String classify(String translate,
              @From("extract") String entities) {
            return entities + translate;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/UndeclaredDependency] Parameter entities "
            + "of @Step classify reads step extract through @From, which is not in its "
            + "dependsOn; add \"extract\" to the dependsOn of @Step classify.")
        .inFile(source).onLineContaining("String entities)");
    assertThat(compilation).hadErrorCount(1);
  }
}
