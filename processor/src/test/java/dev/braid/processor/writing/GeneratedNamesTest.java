package dev.braid.processor.writing;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.assertNoWarnings;
import static dev.braid.processor.testing.BraidCompiler.compile;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.braid.processor.testing.CompiledClasses;
import dev.braid.runtime.PipelineResult;
import java.util.List;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Names the generated code chooses never clash with the user's: executors of nested classes whose
 * names differ only in where the underscores are, and the records nested in an executor beside
 * user types of the same simple name in the unnamed package, where those cannot be qualified.
 * Each pipeline is compiled and run.
 */
class GeneratedNamesTest {

  private static JavaFileObject run(String packageName, String body) {
    String className = packageName.isEmpty() ? "Run" : packageName + ".Run";
    return JavaFileObjects.forSourceString(className, """
        %s
        public final class Run implements java.util.function.Supplier<Object> {
          @Override
          public Object get() {
            return %s;
          }
        }
        """.formatted(packageName.isEmpty() ? "" : "package " + packageName + ";", body));
  }

  private static CompiledClasses compileCleanly(Compilation compilation) {
    assertThat(compilation).succeeded();
    assertNoWarnings(compilation);
    return new CompiledClasses(compilation);
  }

  @Test
  void givesNestedClassesThatDifferInTheirUnderscoresExecutorsOfTheirOwn() {
    Compilation compilation = compile(
        JavaFileObjects.forSourceString("demo.Q", """
            package demo;
            import dev.braid.*;
            class Q {
              @Pipeline static class A_B { @Step String a(@Input String x) { return "a:" + x; } }
            }
            """),
        JavaFileObjects.forSourceString("demo.Q_A", """
            package demo;
            import dev.braid.*;
            class Q_A {
              @Pipeline static class B { @Step String b(@Input String y) { return "b:" + y; } }
            }
            """),
        run("demo", "java.util.List.of("
            + "new Q_A__BExecutor(new Q.A_B()).execute(\"1\").output(), "
            + "new Q__A_BExecutor(new Q_A.B()).execute(\"2\").output())"));

    List<?> outputs = compileCleanly(compilation).run("demo.Run");

    assertThat(outputs).containsExactly("a:1", "b:2").inOrder();
  }

  @Test
  void namesTheStepsRecordAwayFromATypeOfTheUnnamedPackage() {
    Compilation compilation = compile(
        JavaFileObjects.forSourceString("Steps", "record Steps(int count) {}"),
        JavaFileObjects.forSourceString("Doc", """
            import dev.braid.*;
            @Pipeline
            class Doc {
              @Step String summarize(@Input Steps steps) { return steps.count() + " steps"; }
            }
            """),
        run("", "new DocExecutor(new Doc()).execute(new Steps(3))"));

    PipelineResult<?> result = compileCleanly(compilation).run("Run");

    assertThat(result.output()).isEqualTo("3 steps");
  }

  @Test
  void namesTheInputsRecordAwayFromATypeOfTheUnnamedPackage() {
    Compilation compilation = compile(
        JavaFileObjects.forSourceString("Inputs", "record Inputs(int count) {}"),
        JavaFileObjects.forSourceString("Doc", """
            import dev.braid.*;
            @Pipeline
            class Doc {
              @Step String join(@Input Inputs inputs, @Input String unit) {
                return inputs.count() + " " + unit;
              }
            }
            """),
        run("", "new DocExecutor(new Doc()).executeAll(java.util.List.of("
            + "new DocExecutor.Inputs_(new Inputs(2), \"pages\")), 1).stream()"
            + ".map(each -> each.resultOrThrow().output()).toList()"));

    List<?> outputs = compileCleanly(compilation).run("Run");

    assertThat(outputs).containsExactly("2 pages");
  }
}
