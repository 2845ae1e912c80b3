package dev.braid.processor.micronaut;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static com.google.testing.compile.Compiler.javac;
import static dev.braid.processor.testing.BraidCompiler.source;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.braid.processor.BraidProcessor;
import dev.braid.runtime.PipelineResult;
import io.micronaut.annotation.processing.BeanDefinitionInjectProcessor;
import io.micronaut.annotation.processing.TypeElementVisitorProcessor;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.inject.annotation.AnnotationMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;
import javax.tools.JavaFileObject;
import javax.tools.StandardLocation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A {@code @Router} class is a Micronaut singleton through {@link RouterBeanMapper}, so that its
 * generated executor is injected with the router and the executors of its routes: checked by
 * compiling with Braid's and Micronaut's processors and starting an application context on the
 * result.
 */
class RouterBeanMapperTest {
  @TempDir Path classes;

  @Test
  void mapsRouterToSingleton() {
    RouterBeanMapper mapper = new RouterBeanMapper();

    List<AnnotationValue<?>> mapped =
        mapper.map(AnnotationValue.builder("dev.braid.Router").build(), null);

    assertThat(mapper.getName()).isEqualTo("dev.braid.Router");
    assertThat(mapped.stream().map(AnnotationValue::getAnnotationName).toList())
        .containsExactly("jakarta.inject.Singleton");
  }

  @Test
  void isRegisteredForMicronautsServiceLoader() throws IOException {
    String registration;
    try (InputStream in = RouterBeanMapper.class.getResourceAsStream(
        "/META-INF/services/" + AnnotationMapper.class.getName())) {
      registration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    assertThat(registration.lines().toList()).contains(RouterBeanMapper.class.getName());
  }

  @Test
  void micronautInjectsTheRouterExecutorWithTheRouterAndItsRoutesExecutors() throws Exception {
    Compilation compilation = javac()
        .withProcessors(new BraidProcessor(), new TypeElementVisitorProcessor(),
            new BeanDefinitionInjectProcessor())
        .compile(
            source("Greeter", """
                @jakarta.inject.Singleton
                class Greeter {
                  String greet(String name) { return "Hello, " + name; }
                }
                """),
            source("FormalPipeline", """
                @Pipeline
                class FormalPipeline {
                  private final Greeter greeter;
                  FormalPipeline(Greeter greeter) { this.greeter = greeter; }
                  @Step String greet(@Input String name) { return greeter.greet(name) + "."; }
                }
                """),
            source("CasualPipeline", """
                @Pipeline
                class CasualPipeline {
                  @Step String greet(@Input String name) { return "Hi " + name + "!"; }
                }
                """),
            source("GreetingRouter", """
                @Router(routes = {FormalPipeline.class, CasualPipeline.class})
                class GreetingRouter {
                  @Route Class<?> route(@Input String name) {
                    return name.startsWith("Dr") ? FormalPipeline.class : CasualPipeline.class;
                  }
                }
                """),
            JavaFileObjects.forSourceString("com.acme.Run", """
                package com.acme;

                import io.micronaut.context.ApplicationContext;

                public final class Run implements java.util.function.Function<ApplicationContext, Object> {
                  @Override
                  public Object apply(ApplicationContext context) {
                    GreetingRouterExecutor executor = context.getBean(GreetingRouterExecutor.class);
                    return java.util.List.of(
                        executor == context.getBean(GreetingRouterExecutor.class),
                        executor.execute("Dr Who"),
                        executor.execute("Ann"));
                  }
                }
                """));
    assertThat(compilation).succeeded();

    List<?> results;
    try (URLClassLoader loader = load(compilation);
        ApplicationContext context = ApplicationContext.builder().classLoader(loader).start()) {
      @SuppressWarnings("unchecked")
      Function<ApplicationContext, Object> run = (Function<ApplicationContext, Object>)
          loader.loadClass("com.acme.Run").getDeclaredConstructor().newInstance();
      results = (List<?>) run.apply(context);
    }

    assertThat(results.getFirst()).isEqualTo(true);
    assertThat(((PipelineResult<?>) results.get(1)).output()).isEqualTo("Hello, Dr Who.");
    assertThat(((PipelineResult<?>) results.get(2)).output()).isEqualTo("Hi Ann!");
  }

  /**
   * Writes every class and resource the compilation produced to a directory, since Micronaut finds
   * bean definitions through resources, and loads them from there.
   */
  private URLClassLoader load(Compilation compilation) throws IOException {
    for (JavaFileObject file : compilation.generatedFiles()) {
      String path = file.toUri().getPath();
      String marker = "/" + StandardLocation.CLASS_OUTPUT.getName() + "/";
      int at = path.indexOf(marker);
      if (at < 0) {
        continue;
      }
      Path target = classes.resolve(path.substring(at + marker.length()));
      Files.createDirectories(target.getParent());
      try (InputStream in = file.openInputStream()) {
        Files.write(target, in.readAllBytes());
      }
    }
    return new URLClassLoader(new URL[] {classes.toUri().toURL()},
        RouterBeanMapperTest.class.getClassLoader());
  }
}
