package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/** javac indents the lines after a message's first by two spaces; the expectations include them. */
class DependencyCycleValidationTest {

  @Test
  void reportsACycleOnceWithItsWholePathOnTheFirstDeclaredStep() {
    JavaFileObject source = source("OrderPipeline", """
        @Pipeline
        class OrderPipeline {
          @Step(dependsOn = "b") String a() { return ""; }
          @Step(dependsOn = "c") String b() { return ""; }
          @Step(dependsOn = "a") String c() { return ""; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("""
        [Braid/DependencyCycle] Steps of OrderPipeline form a dependency cycle:
              a depends on b
              b depends on c
              c depends on a
            Remove one of these dependsOn entries to break the cycle.""")
        .inFile(source).onLineContaining("String a()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsASelfDependencyAsACycleOfOne() {
    JavaFileObject source = source("OrderPipeline", """
        @Pipeline
        class OrderPipeline {
          @Step String load() { return ""; }
          @Step(dependsOn = {"load", "check"}) String check(String load) { return load; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("""
        [Braid/DependencyCycle] @Step check of OrderPipeline depends on itself:
              check depends on check
            Remove it from its own dependsOn.""")
        .inFile(source).onLineContaining("String check(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsATangleOfStepsAsOneShortestCycle() {
    JavaFileObject source = source("OrderPipeline", """
        @Pipeline
        class OrderPipeline {
          @Step(dependsOn = {"c", "b"}) String a() { return ""; }
          @Step(dependsOn = {"c", "a"}) String b() { return ""; }
          @Step(dependsOn = "b") String c() { return ""; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("""
        [Braid/DependencyCycle] Steps of OrderPipeline form a dependency cycle:
              a depends on b
              b depends on a
            Remove one of these dependsOn entries to break the cycle.""")
        .inFile(source).onLineContaining("String a()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsEachSeparateCycleAndPointsAtTheEntryThatStartsIt() {
    JavaFileObject source = source("OrderPipeline", """
        @Pipeline
        class OrderPipeline {
          @Step(dependsOn = {
              "d",
              "b"})
          String a() { return ""; }
          @Step(dependsOn = "a") String b() { return ""; }
          @Step(dependsOn = "d") String c() { return ""; }
          @Step(dependsOn = "c") String d() { return ""; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("""
        [Braid/DependencyCycle] Steps of OrderPipeline form a dependency cycle:
              a depends on b
              b depends on a
            Remove one of these dependsOn entries to break the cycle.""")
        .inFile(source).onLineContaining("\"b\"})");
    assertThat(compilation).hadErrorContaining("""
        [Braid/DependencyCycle] Steps of OrderPipeline form a dependency cycle:
              c depends on d
              d depends on c
            Remove one of these dependsOn entries to break the cycle.""")
        .inFile(source).onLineContaining("String c()");
    assertThat(compilation).hadErrorCount(2);
  }

  @Test
  void seesTheStepAWhenNamesAsADependency() {
    JavaFileObject source = source("TriagePipeline", """
        @Pipeline
        class TriagePipeline {
          @Step(dependsOn = "isTechnical") String classify() { return ""; }
          @Step(dependsOn = "classify") boolean isTechnical() { return true; }
          @Step(dependsOn = "classify",
              when = "isTechnical") String escalate() { return ""; }
          @Step(dependsOn = "escalate") String reply(Optional<String> escalate) { return ""; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("""
        [Braid/DependencyCycle] Steps of TriagePipeline form a dependency cycle:
              classify depends on isTechnical
              isTechnical depends on classify
            Remove one of these dependsOn entries to break the cycle.""")
        .inFile(source).onLineContaining("String classify()");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsACycleThroughAWhenOnTheWhen() {
    JavaFileObject source = source("TriagePipeline", """
        @Pipeline
        class TriagePipeline {
          @Step(when = "isTechnical") String escalate() { return ""; }
          @Step(dependsOn = "escalate") boolean isTechnical(Optional<String> escalate) {
            return escalate.isPresent();
          }
          @Step(when = "isUrgent") boolean isUrgent() { return true; }
          @Step(dependsOn = {"isTechnical", "isUrgent"}) String reply() { return ""; }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("""
        [Braid/DependencyCycle] Steps of TriagePipeline form a dependency cycle:
              escalate runs when isTechnical
              isTechnical depends on escalate
            Remove one of these dependsOn entries or when conditions to break the cycle.""")
        .inFile(source).onLineContaining("@Step(when = \"isTechnical\")");
    assertThat(compilation).hadErrorContaining("""
        [Braid/DependencyCycle] @Step isUrgent of TriagePipeline depends on itself:
              isUrgent runs when isUrgent
            Name another step or method in its when.""")
        .inFile(source).onLineContaining("@Step(when = \"isUrgent\")");
    assertThat(compilation).hadErrorCount(2);
  }
}
