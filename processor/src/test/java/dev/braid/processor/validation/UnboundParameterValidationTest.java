package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class UnboundParameterValidationTest {

  @Test
  void reportsAParameterWithNoSource() {
    JavaFileObject source = source("MailPipeline", """
        @Pipeline
        class MailPipeline {
          @Step String write(@Input String topic) { return topic; }
          @Step(dependsOn = "write")
          String send(String write,
              String draft) {
            return write + draft;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/UnboundParameter] Parameter draft of "
            + "@Step send has no source; annotate it @Input for a pipeline input, list a step in "
            + "dependsOn and name the parameter after it or use @From, or declare it as a "
            + "StepContext.")
        .inFile(source).onLineContaining("String draft)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAParameterWithBothInputAndFrom() {
    JavaFileObject source = source("MailPipeline", """
        @Pipeline
        class MailPipeline {
          @Step String write(@Input String topic) { return topic; }
          @Step(dependsOn = "write")
          String send(
              @Input @From("write") String text) {
            return text;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/UnboundParameter] Parameter text of @Step "
            + "send has both @Input and @From; keep the one that says where its value comes "
            + "from.")
        .inFile(source).onLineContaining("String text)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void doesNotBindAParameterToItsOwnStep() {
    JavaFileObject source = source("MailPipeline", """
        @Pipeline
        class MailPipeline {
          @Step String topic(
              String topic) {
            return topic;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/UnboundParameter] Parameter topic of "
            + "@Step topic has no source; annotate it @Input for a pipeline input, list a step in "
            + "dependsOn and name the parameter after it or use @From, or declare it as a "
            + "StepContext.")
        .inFile(source).onLineContaining("String topic)");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void reportsAnUnboundParameterOfAConditionMethod() {
    JavaFileObject source = source("MailPipeline", """
        @Pipeline
        class MailPipeline {
          @Step(when = "isWorkday") String send() { return ""; }
          @Step(dependsOn = "send") String log(Optional<String> send) { return ""; }

          boolean isWorkday(
              java.time.DayOfWeek day) {
            return day.getValue() < 6;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/UnboundParameter] Parameter day of "
            + "condition method isWorkday has no source; annotate it @Input for a pipeline "
            + "input, or name the parameter after a step that its conditional step depends on "
            + "or use @From.")
        .inFile(source).onLineContaining("java.time.DayOfWeek day)");
    assertThat(compilation).hadErrorCount(1);
  }

  /** kapt's stub of {@code internal fun extract(...)} in module {@code shop-app}. */
  @Test
  void explainsAParameterNamedAfterAnInternalKotlinStep() {
    JavaFileObject source = source("TicketPipeline", """
        @Pipeline
        public final class TicketPipeline {
          @Step public final String extract$shop_app(@Input String ticket) { return ticket; }
          @Step(output = true)
          public final String classify(
              String extract) {
            return extract;
          }
        }
        """);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/UnboundParameter] Parameter extract of "
            + "@Step classify has no source; step extract$shop_app is an internal Kotlin "
            + "function, whose JVM name carries its module's name; make extract public.")
        .inFile(source).onLineContaining("String extract)");
    assertThat(compilation).hadErrorCount(1);
  }
}
