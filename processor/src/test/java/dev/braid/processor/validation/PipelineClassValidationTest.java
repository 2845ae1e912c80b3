package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class PipelineClassValidationTest {

  @Test
  void reportsAPrivateNestedPipeline() {
    JavaFileObject source = source("Outer", """
        class Outer {
          @Pipeline
          private static class Inner {
            @Step String extract(@Input String ticket) { return ticket; }
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/PipelineClass] @Pipeline Outer.Inner is "
            + "private, so the generated executor beside it cannot use it; make it "
            + "package-private or public.")
        .inFile(source).onLineContaining("class Inner");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAnInterface() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        interface TicketPipeline {
          @Step default String extract(@Input String ticket) { return ticket; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/PipelineClass] @Pipeline TicketPipeline is "
            + "an interface; declare the pipeline as a class.")
        .inFile(source).onLineContaining("interface TicketPipeline");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAnEnum() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        enum TicketPipeline {
          INSTANCE;
          @Step String extract(@Input String ticket) { return ticket; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/PipelineClass] @Pipeline TicketPipeline is "
            + "an enum; declare the pipeline as a class.")
        .inFile(source).onLineContaining("enum TicketPipeline");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAnInnerClass() {
    JavaFileObject source = source("Outer", """
        class Outer {
          @Pipeline
          class Inner {
            @Step String extract(@Input String ticket) { return ticket; }
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/PipelineClass] @Pipeline Outer.Inner is an "
            + "inner class, which cannot be created without an instance of Outer; make it static.")
        .inFile(source).onLineContaining("class Inner");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAGenericClass() {
    JavaFileObject source = source("Box", """
        @Pipeline
        class Box<T> {
          @Step String extract(@Input String ticket) { return ticket; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/PipelineClass] @Pipeline Box declares type "
            + "parameters, but step types must be known at compile time; remove them.")
        .inFile(source).onLineContaining("class Box<T>");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAClassWithOnlyPrivateConstructors() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        class TicketPipeline {
          private TicketPipeline() {}
          @Step String extract(@Input String ticket) { return ticket; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/PipelineClass] @Pipeline TicketPipeline has "
            + "only private constructors, so it cannot be created; add a constructor that is not "
            + "private.")
        .inFile(source).onLineContaining("class TicketPipeline");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAClassNestedInAPrivateClass() {
    JavaFileObject source = source("Outer", """
        class Outer {
          private static class Middle {
            @Pipeline
            static class Inner {
              @Step String extract(@Input String ticket) { return ticket; }
            }
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/PipelineClass] @Pipeline Outer.Middle.Inner "
            + "is nested in private class Middle, so the generated executor cannot use it; make "
            + "Middle package-private or public.")
        .inFile(source).onLineContaining("static class Inner");
    assertThat(compilation).hadErrorCount(1);
  }
}
