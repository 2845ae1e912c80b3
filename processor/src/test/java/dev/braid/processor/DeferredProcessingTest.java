package dev.braid.processor;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.common.truth.Correspondence;
import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.braid.processor.testing.CompiledClasses;
import dev.braid.processor.testing.RouterSources;
import dev.braid.runtime.PipelineResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.Set;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.TypeElement;
import org.junit.jupiter.api.Test;

class DeferredProcessingTest {

  /** Stands for any processor that generates a type a pipeline uses, in the first round. */
  private static final class TypeGenerator extends AbstractProcessor {
    private final String name;
    private final String code;
    private boolean generated;

    TypeGenerator(String name, String code) {
      this.name = name;
      this.code = code;
    }

    @Override
    public Set<String> getSupportedAnnotationTypes() {
      return Set.of("*");
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
      return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
      if (!generated) {
        generated = true;
        try (Writer writer = processingEnv.getFiler().createSourceFile(name).openWriter()) {
          writer.write(code);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return false;
    }
  }

  @Test
  void waitsForATypeThatAnotherProcessorGeneratesInTheSameCompile() {
    Compilation compilation = javac()
        .withProcessors(new BraidProcessor(), new TypeGenerator(
            "com.acme.Ticket", "package com.acme;\npublic record Ticket(String text) {}\n"))
        .compile(
            source("TicketPipeline", """
                @Pipeline
                class TicketPipeline {
                  @Step Ticket open(@Input String text) { return new Ticket(text); }
                  @Step(dependsOn = "open") String close(Ticket open) { return open.text(); }
                }
                """),
            JavaFileObjects.forSourceString("com.acme.Run", """
                package com.acme;
                public final class Run implements java.util.function.Supplier<Object> {
                  @Override
                  public Object get() {
                    return new TicketPipelineExecutor(new TicketPipeline()).execute("hi");
                  }
                }
                """));

    assertThat(compilation).succeeded();
    PipelineResult<?> result = new CompiledClasses(compilation).run("com.acme.Run");
    assertThat(result.output()).isEqualTo("hi");
  }

  @Test
  void waitsForATypeThatAConditionMethodUses() {
    Compilation compilation = javac()
        .withProcessors(new BraidProcessor(), new TypeGenerator("com.acme.model.Priority",
            "package com.acme.model;\npublic enum Priority { LOW, HIGH }\n"))
        .compile(
            JavaFileObjects.forSourceString("com.acme.TicketPipeline", """
                package com.acme;

                import com.acme.model.Priority;
                import dev.braid.Input;
                import dev.braid.Pipeline;
                import dev.braid.Step;
                import java.util.Optional;

                @Pipeline
                class TicketPipeline {
                  @Step(when = "isHigh") String page() { return "paged"; }
                  @Step(dependsOn = "page") String close(Optional<String> page) {
                    return page.orElse("quiet");
                  }

                  boolean isHigh(@Input Priority priority) { return priority == Priority.HIGH; }
                }
                """),
            JavaFileObjects.forSourceString("com.acme.Run", """
                package com.acme;
                public final class Run implements java.util.function.Supplier<Object> {
                  @Override
                  public Object get() {
                    return new TicketPipelineExecutor(new TicketPipeline())
                        .execute(com.acme.model.Priority.HIGH);
                  }
                }
                """));

    assertThat(compilation).succeeded();
    PipelineResult<?> result = new CompiledClasses(compilation).run("com.acme.Run");
    assertThat(result.output()).isEqualTo("paged");
  }

  @Test
  void waitsForAGeneratedExceptionClassInRetryOnRatherThanDropIt() {
    Compilation compilation = javac()
        .withProcessors(new BraidProcessor(), new TypeGenerator("com.acme.Throttled",
            "package com.acme;\npublic class Throttled extends RuntimeException {}\n"))
        .compile(source("FetchPipeline", """
            @Pipeline
            class FetchPipeline {
              @Step(retries = 1, retryOn = Throttled.class, abortOn = IllegalStateException.class)
              String fetch(@Input String url) { return url; }
            }
            """));

    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("com.acme.FetchPipelineExecutor")
        .contentsAsUtf8String()
        .contains(".retryOn(Throttled.class).abortOn(IllegalStateException.class)");
  }

  @Test
  void leavesATypeThatNeverAppearsToJavacsOwnError() {
    Compilation compilation = javac().withProcessors(new BraidProcessor()).compile(
        source("TicketPipeline", """
            @Pipeline
            class TicketPipeline {
              @Step Missing open(@Input String text) { return null; }
            }
            """));

    assertThat(compilation).failed();
    assertThat(compilation).hadErrorContaining("cannot find symbol");
    assertThat(compilation.errors().stream().map(error -> error.getMessage(null)).toList())
        .comparingElementsUsing(Correspondence.<String, String>from(String::contains, "contains"))
        .doesNotContain("[Braid/");
  }

  @Test
  void waitsForATypeThatARouteMethodUses() {
    Compilation compilation = javac()
        .withProcessors(new BraidProcessor(), new TypeGenerator(
            "com.acme.Tier", "package com.acme;\npublic enum Tier { FREE, PAID }\n"))
        .compile(
            RouterSources.SIMPLE,
            RouterSources.COMPLEX,
            source("DocumentRouter", """
                @Router(routes = {SimpleDocPipeline.class, ComplexDocPipeline.class})
                class DocumentRouter {
                  @Route Class<?> route(@Input Tier tier, @Input String text) {
                    return tier == Tier.PAID ? ComplexDocPipeline.class : SimpleDocPipeline.class;
                  }
                }
                """),
            JavaFileObjects.forSourceString("com.acme.Run", """
                package com.acme;
                public final class Run implements java.util.function.Supplier<Object> {
                  @Override
                  public Object get() {
                    return new DocumentRouterExecutor(new DocumentRouter(),
                            new SimpleDocPipelineExecutor(new SimpleDocPipeline()),
                            new ComplexDocPipelineExecutor(new ComplexDocPipeline()))
                        .execute(Tier.PAID, "hi");
                  }
                }
                """));

    assertThat(compilation).succeeded();
    PipelineResult<?> result = new CompiledClasses(compilation).run("com.acme.Run");
    assertThat(result.output()).isEqualTo("outline of hi");
  }
}
