package dev.braid.processor;

import dev.braid.processor.model.BraidNames;
import dev.braid.processor.model.UnresolvedTypes;
import dev.braid.processor.validation.RouteOutsideRouterValidator;
import dev.braid.processor.validation.StepOutsidePipelineValidator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.BiFunction;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import org.jspecify.annotations.Nullable;

/**
 * Braid's annotation processor: checks every {@code @Pipeline} and {@code @Router} class and
 * generates its executor.
 *
 * <p>It is an isolating incremental processor: each executor is generated from its pipeline or
 * router class alone, which is its only originating element. A pipeline whose step signatures
 * mention a type that does not exist yet (one another processor generates) waits for a later
 * round, and so does a router whose route method or routes do. It never claims its annotations,
 * so other processors, such as Micronaut's, still see them.
 *
 * <p>javac does not find it directly: {@link dev.braid.processor.entry.BraidProcessorEntry},
 * registered in {@code META-INF/services}, loads it on a javac that can.
 */
public final class BraidProcessor extends AbstractProcessor {
  private final BiFunction<ProcessingEnvironment, GeneratedFiles, Consumer<TypeElement>>
      stepFactory;
  private final Set<String> deferred = new LinkedHashSet<>();
  private final Set<String> deferredRouters = new LinkedHashSet<>();
  private final StepOutsidePipelineValidator stepOutsidePipeline =
      new StepOutsidePipelineValidator();
  private final RouteOutsideRouterValidator routeOutsideRouter = new RouteOutsideRouterValidator();
  private @Nullable Consumer<TypeElement> step;
  private @Nullable RouterProcessingStep routerStep;
  private @Nullable DiagnosticReporter reporter;

  public BraidProcessor() {
    this((environment, files) -> new PipelineProcessingStep(environment, files)::process);
  }

  /** For tests: {@code stepFactory} replaces the orchestrator that runs on each pipeline. */
  BraidProcessor(
      BiFunction<ProcessingEnvironment, GeneratedFiles, Consumer<TypeElement>> stepFactory) {
    this.stepFactory = stepFactory;
  }

  @Override
  public synchronized void init(ProcessingEnvironment environment) {
    super.init(environment);
    this.reporter = new DiagnosticReporter(environment.getMessager());
    GeneratedFiles files = new GeneratedFiles(environment.getFiler(), reporter);
    this.step = stepFactory.apply(environment, files);
    this.routerStep = new RouterProcessingStep(environment, files);
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(BraidNames.PIPELINE, BraidNames.STEP, BraidNames.ROUTER, BraidNames.ROUTE);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    DiagnosticReporter reporter = Objects.requireNonNull(this.reporter, "init was not called");
    if (round.processingOver()) {
      // A pipeline or router still waiting mentions a type that never appeared; javac reports it.
      deferred.clear();
      deferredRouters.clear();
      return false;
    }
    Consumer<TypeElement> orchestrator = Objects.requireNonNull(step, "init was not called");
    for (TypeElement pipeline : pipelines(round)) {
      guarded(pipeline, reporter, () -> {
        if (UnresolvedTypes.inSteps(pipeline)) {
          deferred.add(pipeline.getQualifiedName().toString());
        } else {
          orchestrator.accept(pipeline);
        }
      });
    }
    RouterProcessingStep routers = Objects.requireNonNull(routerStep, "init was not called");
    for (TypeElement router : annotated(round, BraidNames.ROUTER, deferredRouters)) {
      guarded(router, reporter, () -> {
        if (UnresolvedTypes.inRouter(router)) {
          deferredRouters.add(router.getQualifiedName().toString());
        } else {
          routers.process(router);
        }
      });
    }
    for (Element method : annotatedElements(round, BraidNames.STEP)) {
      guarded(method, reporter,
          () -> stepOutsidePipeline.validate(method).forEach(reporter::report));
    }
    for (Element method : annotatedElements(round, BraidNames.ROUTE)) {
      guarded(method, reporter,
          () -> routeOutsideRouter.validate(method).forEach(reporter::report));
    }
    return false;
  }

  /** This round's pipeline classes, after those deferred from earlier rounds. */
  private List<TypeElement> pipelines(RoundEnvironment round) {
    return annotated(round, BraidNames.PIPELINE, deferred);
  }

  /**
   * This round's classes annotated {@code annotation}, after those {@code waiting} since earlier
   * rounds, which it empties.
   */
  private List<TypeElement> annotated(
      RoundEnvironment round, String annotation, Set<String> waiting) {
    List<TypeElement> types = new ArrayList<>();
    for (String name : waiting) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        types.add(type);
      }
    }
    waiting.clear();
    for (Element element : annotatedElements(round, annotation)) {
      if (element instanceof TypeElement type && !types.contains(type)) {
        types.add(type);
      }
    }
    return types;
  }

  /** This round's elements annotated {@code annotation}; none if it is not on the class path. */
  private Set<? extends Element> annotatedElements(RoundEnvironment round, String annotation) {
    TypeElement type = processingEnv.getElementUtils().getTypeElement(annotation);
    return type == null ? Set.of() : round.getElementsAnnotatedWith(type);
  }

  /** Runs {@code work} on one element; a crash becomes an error on that element alone. */
  private static void guarded(Element element, DiagnosticReporter reporter, Runnable work) {
    try {
      work.run();
    } catch (RuntimeException | StackOverflowError | LinkageError e) {
      reporter.crash(element, e);
    }
  }
}
