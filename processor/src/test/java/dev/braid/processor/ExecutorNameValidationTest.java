package dev.braid.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.braid.processor.testing.RecordingProcessor;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class ExecutorNameValidationTest {

  @Test
  void reportsAClassThatAlreadyHasTheExecutorsName() {
    JavaFileObject taken = source("FlowExecutor", "class FlowExecutor {}");
    JavaFileObject flow = source("Flow", """
        @Pipeline
        class Flow {
          @Step String hello(@Input String name) { return name; }
        }
        """);

    Compilation compilation = compile(taken, flow);

    assertThat(compilation).hadErrorContaining("[Braid/ExecutorName] The executor of com.acme.Flow "
            + "is named com.acme.FlowExecutor, but a class of that name already exists, declared "
            + "in the sources or generated for another class; rename one of the two.")
        .inFile(flow).onLineContaining("class Flow");
    assertThat(compilation).hadErrorCount(1);
  }

  /** The one clash the naming scheme leaves: underscores that meet at a nesting boundary. */
  @Test
  void reportsNestedClassesWhoseExecutorNamesMeetAtAnUnderscore() {
    JavaFileObject first = JavaFileObjects.forSourceString("demo.A_", """
        package demo;
        import dev.braid.*;
        class A_ {
          @Pipeline static class B { @Step String b(@Input String x) { return x; } }
        }
        """);
    JavaFileObject second = JavaFileObjects.forSourceString("demo.A", """
        package demo;
        import dev.braid.*;
        class A {
          @Pipeline static class _B { @Step String b(@Input String x) { return x; } }
        }
        """);

    Compilation compilation = compile(first, second);

    assertThat(compilation).hadErrorContaining("[Braid/ExecutorName] The executor of demo.A._B is "
            + "named demo.A___BExecutor, but a class of that name already exists, declared in the "
            + "sources or generated for another class; rename one of the two.")
        .inFile(second).onLineContaining("class _B");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void generatesNothingForARouterWhoseRoutesExecutorCouldNotBeWritten() {
    JavaFileObject taken = source("FlowExecutor", "class FlowExecutor {}");
    JavaFileObject flow = source("Flow", """
        @Pipeline
        class Flow {
          @Step String hello(@Input String name) { return name; }
        }
        """);
    JavaFileObject router = source("FlowRouter", """
        @Router(routes = Flow.class)
        class FlowRouter {
          @Route Class<?> route(@Input String name) { return Flow.class; }
        }
        """);
    RecordingProcessor processor = new RecordingProcessor(new BraidProcessor());

    Compilation compilation = compile(processor, taken, flow, router);

    assertThat(compilation).hadErrorContaining("[Braid/ExecutorName] The executor of com.acme.Flow "
            + "is named com.acme.FlowExecutor")
        .inFile(flow).onLineContaining("class Flow");
    assertThat(compilation).hadErrorCount(1);
    assertThat(processor.sourceNames()).isEmpty();
  }
}
