package dev.braid.processor.validation;

import static com.google.testing.compile.CompilationSubject.assertThat;
import static dev.braid.processor.testing.BraidCompiler.compile;
import static dev.braid.processor.testing.BraidCompiler.source;
import static dev.braid.processor.testing.RouterSources.COMPLEX;
import static dev.braid.processor.testing.RouterSources.SIMPLE;

import com.google.testing.compile.Compilation;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

class TooManyInputsValidationTest {

  /** {@code @Input <type> <prefix>from, ..., @Input <type> <prefix>(to - 1)}. */
  private static String inputs(String type, String prefix, int from, int to) {
    return IntStream.range(from, to)
        .mapToObj(i -> "@Input " + type + " " + prefix + i)
        .collect(Collectors.joining(", "));
  }

  /** A durable pipeline whose two steps read {@code count} String inputs between them. */
  private static JavaFileObject wide(int count) {
    return source("WidePipeline", """
        @Pipeline(durable = true)
        class WidePipeline {
          @Step String first(%s) { return i0; }
          @Step(dependsOn = "first") String second(String first, %s) { return first; }
        }
        """.formatted(inputs("String", "i", 0, 200), inputs("String", "i", 200, count)));
  }

  @Test
  void compilesAPipelineWhoseInputsFillEveryFreeSlot() {
    Compilation compilation = compile(wide(252));

    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("com.acme.WidePipelineExecutor");
  }

  @Test
  void reportsTheFirstInputPastTheLimitOnItsParameter() {
    JavaFileObject source = wide(253);

    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/TooManyInputs] @Pipeline WidePipeline has "
            + "253 inputs taking 253 parameter slots, past the 252 its executor's "
            + "resume(previous, inputs…, options) has room for within the JVM's limit of 255 (a "
            + "long or double takes two); input i252 is the first past it, so group inputs into "
            + "a record and read that as one @Input.")
        .inFile(source).onLineContaining("String second(");
    assertThat(compilation).hadErrorCount(1);
  }

  @Test
  void countsTwoSlotsForEachLongOrDouble() {
    JavaFileObject fits = source("WidePipeline", """
        @Pipeline
        class WidePipeline {
          @Step long first(%s) { return l0; }
        }
        """.formatted(inputs("long", "l", 0, 126)));
    JavaFileObject source = source("WidePipeline", """
        @Pipeline
        class WidePipeline {
          @Step double first(%s) { return d0; }
          @Step(dependsOn = "first")
          double second(double first, @Input double d126) { return first; }
        }
        """.formatted(inputs("double", "d", 0, 126)));

    assertThat(compile(fits)).succeeded();
    Compilation compilation = compile(source);

    assertThat(compilation).hadErrorContaining("[Braid/TooManyInputs] @Pipeline WidePipeline has "
            + "127 inputs taking 254 parameter slots, past the 252 its executor's "
            + "resume(previous, inputs…, options) has room for within the JVM's limit of 255 (a "
            + "long or double takes two); input d126 is the first past it, so group inputs into "
            + "a record and read that as one @Input.")
        .inFile(source).onLineContaining("double d126");
    assertThat(compilation).hadErrorCount(1);
  }

  /** A router over two routes whose route method reads {@code count} String inputs. */
  private static JavaFileObject wideRouter(int count) {
    return source("DocumentRouter", """
        @Router(routes = {SimpleDocPipeline.class, ComplexDocPipeline.class})
        class DocumentRouter {
          @Route Class<?> route(@Input String text, %s,
              @Input String last) {
            return SimpleDocPipeline.class;
          }
        }
        """.formatted(inputs("String", "i", 0, count - 2)));
  }

  @Test
  void compilesARouterWhoseInputsFillEverySlotLeftBesideItsRoutes() {
    Compilation compilation = compile(SIMPLE, COMPLEX, wideRouter(251));

    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("com.acme.DocumentRouterExecutor");
  }

  @Test
  void reportsARouterWhoseInputsLeaveNoRoomForItsRoutes() {
    JavaFileObject source = wideRouter(252);

    Compilation compilation = compile(SIMPLE, COMPLEX, source);

    assertThat(compilation).hadErrorContaining("[Braid/TooManyInputs] @Router DocumentRouter has "
            + "252 inputs taking 252 parameter slots, past the 251 its executor has room for "
            + "beside its 2 routes within the JVM's limit of 255 (a long or double takes two); "
            + "input last is the first past it, so group inputs into a record and read that as "
            + "one @Input.")
        .inFile(source).onLineContaining("@Input String last");
    assertThat(compilation).hadErrorCount(1);
  }
}
