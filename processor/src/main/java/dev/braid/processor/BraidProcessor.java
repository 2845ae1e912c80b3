package dev.braid.processor;

import com.google.auto.service.AutoService;
import dev.braid.processor.model.BraidNames;
import dev.braid.processor.model.UnresolvedTypes;
import dev.braid.processor.validation.StepOutsidePipelineValidator;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import org.jspecify.annotations.Nullable;

/**
 * Braid's annotation processor: checks every {@code @Pipeline} class and generates its executor.
 *
 * <p>It is an isolating incremental processor: each executor is generated from its pipeline class
 * alone, which is its only originating element. A pipeline whose step signatures mention a type
 * that does not exist yet (one another processor generates) waits for a later round. It never
 * claims its annotations, so other processors, such as Micronaut's, still see them.
 */
@AutoService(Processor.class)
public final class BraidProcessor extends AbstractProcessor {
  private final Function<ProcessingEnvironment, Consumer<TypeElement>> stepFactory;
  private final Set<String> deferred = new LinkedHashSet<>();
  private final StepOutsidePipelineValidator stepOutsidePipeline =
      new StepOutsidePipelineValidator();
  private @Nullable Consumer<TypeElement> step;
  private @Nullable DiagnosticReporter reporter;

  public BraidProcessor() {
    this(environment -> new PipelineProcessingStep(environment)::process);
  }

  /** For tests: {@code stepFactory} replaces the orchestrator that runs on each pipeline. */
  BraidProcessor(Function<ProcessingEnvironment, Consumer<TypeElement>> stepFactory) {
    this.stepFactory = stepFactory;
  }

  @Override
  public synchronized void init(ProcessingEnvironment environment) {
    super.init(environment);
    this.step = stepFactory.apply(environment);
    this.reporter = new DiagnosticReporter(environment.getMessager());
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return Set.of(BraidNames.PIPELINE, BraidNames.STEP);
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return SourceVersion.latestSupported();
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    DiagnosticReporter reporter = Objects.requireNonNull(this.reporter, "init was not called");
    if (round.processingOver()) {
      // A pipeline still waiting mentions a type that never appeared; javac reports that type.
      deferred.clear();
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
    TypeElement stepAnnotation = processingEnv.getElementUtils().getTypeElement(BraidNames.STEP);
    if (stepAnnotation != null) {
      for (Element method : round.getElementsAnnotatedWith(stepAnnotation)) {
        guarded(method, reporter,
            () -> stepOutsidePipeline.validate(method).forEach(reporter::report));
      }
    }
    return false;
  }

  /** This round's pipeline classes, after those deferred from earlier rounds. */
  private List<TypeElement> pipelines(RoundEnvironment round) {
    List<TypeElement> pipelines = new ArrayList<>();
    for (String name : deferred) {
      TypeElement type = processingEnv.getElementUtils().getTypeElement(name);
      if (type != null) {
        pipelines.add(type);
      }
    }
    deferred.clear();
    TypeElement pipelineAnnotation =
        processingEnv.getElementUtils().getTypeElement(BraidNames.PIPELINE);
    if (pipelineAnnotation != null) {
      for (Element element : round.getElementsAnnotatedWith(pipelineAnnotation)) {
        if (element instanceof TypeElement type && !pipelines.contains(type)) {
          pipelines.add(type);
        }
      }
    }
    return pipelines;
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
