package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class MissingDependencyValidationTest {

  @Test
  void suggestsTheNearestStepForAMisspeltDependsOnEntry() {
    JavaFileObject source = source("DocumentPipeline", """
        @Pipeline
        class DocumentPipeline {
          @Step String extract(@Input String document) { return document; }
          @Step(dependsOn = "extrct") String classify() { return ""; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/MissingDependency] @Step classify depends "
            + "on \"extrct\", but DocumentPipeline has no step named \"extrct\"; did you mean "
            + "\"extract\"?")
        .inFile(source).onLineContaining("dependsOn = \"extrct\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void listsTheOtherStepsWhenNoNameIsClose() {
    JavaFileObject source = source("DocumentPipeline", """
        @Pipeline
        class DocumentPipeline {
          @Step String extract(@Input String document) { return document; }
          @Step(dependsOn = {"extract", "translate"}) String classify() { return ""; }
          @Step(dependsOn = "classify") String answer() { return ""; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/MissingDependency] @Step classify depends "
            + "on \"translate\", but DocumentPipeline has no step named \"translate\"; its other "
            + "steps are \"extract\" and \"answer\".")
        .inFile(source).onLineContaining("\"translate\"");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAnUnknownFromNameOnTheAnnotation() {
    JavaFileObject source = source("DocumentPipeline", """
        @Pipeline
        class DocumentPipeline {
          @Step String extract(@Input String document) { return document; }
          @Step(dependsOn = "extract")
          String classify(
              @From("extrct") String text) {
            return text;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/MissingDependency] Parameter text of @Step "
            + "classify reads @From(\"extrct\"), but DocumentPipeline has no step named "
            + "\"extrct\"; did you mean \"extract\"?")
        .inFile(source).onLineContaining("@From(\"extrct\")");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAnUnknownFromNameOfAConditionMethod() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          @Step String extract(@Input String ticket) { return ticket; }
          @Step(dependsOn = "extract", when = "isTechnical") String escalate() { return ""; }
          @Step(dependsOn = "escalate") String reply(Optional<String> escalate) { return ""; }

          boolean isTechnical(@From("extrct") String text) { return true; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/MissingDependency] Parameter text of "
            + "condition method isTechnical reads @From(\"extrct\"), but TicketPipeline has no "
            + "step named \"extrct\"; did you mean \"extract\"?")
        .inFile(source).onLineContaining("@From(\"extrct\")");
    assertThat(compilation).hadErrorCount(1);
  }

  /** kapt's stub of {@code internal fun extract(...)} in module {@code shop-app}. */
  @Test
  void explainsAnInternalKotlinStepInsteadOfSuggestingItsMangledName() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        public final class TicketPipeline {
          @Step public final String extract$shop_app(@Input String ticket) { return ticket; }
          @Step(dependsOn = "extract")
          public final String classify(
              @From("extract") String entities) {
            return entities;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/MissingDependency] @Step classify depends "
            + "on \"extract\", but TicketPipeline has no step named \"extract\"; step "
            + "extract$shop_app is an internal Kotlin function, whose JVM name carries its "
            + "module's name; make extract public.")
        .inFile(source).onLineContaining("@Step(dependsOn = \"extract\")");
    assertThat(compilation).hadErrorContaining("[Braid/MissingDependency] Parameter entities of "
            + "@Step classify reads @From(\"extract\"), but TicketPipeline has no step named "
            + "\"extract\"; step extract$shop_app is an internal Kotlin function, whose JVM name "
            + "carries its module's name; make extract public.")
        .inFile(source).onLineContaining("@From(\"extract\") String entities)");
    assertThat(compilation).hadErrorCount(2);
  }
}
