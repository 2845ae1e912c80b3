package dev.braid.benchmarks.compile;

import java.util.Set;
import javax.annotation.processing.Completion;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;

/** Runs a processor and adds up the time javac spends in its {@code init} and {@code process}. */
final class TimedProcessor implements Processor {
  private final Processor delegate;
  private long nanos;

  TimedProcessor(Processor delegate) {
    this.delegate = delegate;
  }

  /** Time spent in the processor so far. */
  long nanos() {
    return nanos;
  }

  @Override
  public Set<String> getSupportedOptions() {
    return delegate.getSupportedOptions();
  }

  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return delegate.getSupportedAnnotationTypes();
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return delegate.getSupportedSourceVersion();
  }

  @Override
  public void init(ProcessingEnvironment environment) {
    long start = System.nanoTime();
    try {
      delegate.init(environment);
    } finally {
      nanos += System.nanoTime() - start;
    }
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    long start = System.nanoTime();
    try {
      return delegate.process(annotations, round);
    } finally {
      nanos += System.nanoTime() - start;
    }
  }

  @Override
  public Iterable<? extends Completion> getCompletions(
      Element element, AnnotationMirror annotation, ExecutableElement member, String userText) {
    return delegate.getCompletions(element, annotation, member, userText);
  }
}
