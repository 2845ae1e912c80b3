package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** An input that callers may leave out is declared {@code Optional<T>}, and only that way. */
class OptionalInputValidationTest {

  @Test
  void rejectsARawOptionalInput() {
    JavaFileObject source = source("ReportPipeline", """
        @Pipeline
        class ReportPipeline {
          @Step String render(@Input String text,
              @SuppressWarnings("rawtypes") @Input Optional format) {
            return text + format;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/OptionalInput] Input format of @Step"
            + " render is a raw Optional; say what callers pass when they give it, for example"
            + " Optional<String>, so that the executor can let them leave it out.")
        .inFile(source).onLineContaining("@Input Optional format)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void rejectsAnOptionalIntInputWithTheTypeToDeclare() {
    JavaFileObject source = source("ReportPipeline", """
        @Pipeline
        class ReportPipeline {
          @Step String render(@Input String text) { return text; }

          @Step(dependsOn = "render", when = "isLong")
          String shorten(String render) { return render; }

          @Step(dependsOn = {"render", "shorten"})
          String reply(String render, Optional<String> shorten) { return shorten.orElse(render); }

          boolean isLong(String render,
              @Input java.util.OptionalInt limit) {
            return render.length() > limit.orElse(80);
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/OptionalInput] Input limit of condition"
            + " method isLong is an OptionalInt, which callers could not leave out; declare it"
            + " Optional<Integer>, which they can.")
        .inFile(source).onLineContaining("@Input java.util.OptionalInt limit)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void rejectsANullableOptionalInput() {
    JavaFileObject source = source("ReportPipeline", """
        @Pipeline
        class ReportPipeline {
          @Step String render(@Input String text,
              @Input java.util.@org.jspecify.annotations.Nullable Optional<String> format) {
            return text + format;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/OptionalInput] Input format of @Step"
            + " render is a @Nullable Optional, but an input that callers leave out is"
            + " Optional.empty(), never null; remove @Nullable.")
        .inFile(source).onLineContaining("Optional<String> format)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void acceptsOptionalInputsOfStepsAndConditionMethods() {
    JavaFileObject source = source("ReportPipeline", """
        @Pipeline
        class ReportPipeline {
          @Step String render(@Input String text, @Input Optional<String> format) {
            return text + format.orElse("json");
          }

          @Step(dependsOn = "render", when = "isLong")
          String shorten(String render) { return render; }

          @Step(dependsOn = {"render", "shorten"})
          String reply(String render, Optional<String> shorten) { return shorten.orElse(render); }

          boolean isLong(String render, @Input Optional<Integer> limit) {
            return render.length() > limit.orElse(80);
          }
        }
        """);

    assertThat(compile(source)).succeeded();
  }
}
