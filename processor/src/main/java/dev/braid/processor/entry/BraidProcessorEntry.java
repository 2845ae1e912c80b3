package dev.braid.processor.entry;

import java.util.Collections;
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
import javax.tools.Diagnostic;
import org.jspecify.annotations.Nullable;

/**
 * The processor that javac finds in {@code META-INF/services}. Compiled for Java 8, unlike the
 * rest of the processor, so that every javac can load it: on a javac of Java 25 or later it hands
 * each call to {@code dev.braid.processor.BraidProcessor}, which it loads by name; on an older one
 * it reports one error that names the JDK found and the fix, where javac would otherwise fail to
 * load the processor with a class file version error.
 */
public final class BraidProcessorEntry implements Processor {
  /** The oldest Java release whose javac can run Braid's processor. */
  static final int REQUIRED_RELEASE = 25;
  private static final String PROCESSOR = "dev.braid.processor.BraidProcessor";

  private final @Nullable Processor delegate;
  private final int release;
  private boolean reported;

  public BraidProcessorEntry() {
    this(JavaRelease.current());
  }

  /** For tests: behaves as on a javac of Java {@code release}. */
  BraidProcessorEntry(int release) {
    this.release = release;
    this.delegate = release >= REQUIRED_RELEASE ? load() : null;
  }

  private static Processor load() {
    try {
      return (Processor) Class.forName(PROCESSOR, true, BraidProcessorEntry.class.getClassLoader())
          .getDeclaredConstructor()
          .newInstance();
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("The Braid processor jar is incomplete: " + e, e);
    }
  }

  @Override
  public Set<String> getSupportedOptions() {
    return delegate == null ? Collections.<String>emptySet() : delegate.getSupportedOptions();
  }

  /** On an older javac, every annotation, so that the error is reported whatever the sources hold. */
  @Override
  public Set<String> getSupportedAnnotationTypes() {
    return delegate == null ? Collections.singleton("*") : delegate.getSupportedAnnotationTypes();
  }

  @Override
  public SourceVersion getSupportedSourceVersion() {
    return delegate == null ? SourceVersion.latestSupported()
        : delegate.getSupportedSourceVersion();
  }

  @Override
  public void init(ProcessingEnvironment environment) {
    if (delegate != null) {
      delegate.init(environment);
    } else if (!reported) {
      reported = true;
      environment.getMessager().printMessage(Diagnostic.Kind.ERROR, message(release));
    }
  }

  @Override
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    return delegate != null && delegate.process(annotations, round);
  }

  @Override
  public Iterable<? extends Completion> getCompletions(Element element,
      AnnotationMirror annotation, ExecutableElement member, String userText) {
    return delegate == null ? Collections.<Completion>emptyList()
        : delegate.getCompletions(element, annotation, member, userText);
  }

  /** The error a javac of Java {@code release} reports. */
  static String message(int release) {
    return "[Braid/UnsupportedJdk] Braid's annotation processor needs javac from JDK "
        + REQUIRED_RELEASE + " or later, and this javac is from JDK " + release + " ("
        + System.getProperty("java.home") + "); compile with a JDK " + REQUIRED_RELEASE
        + ": point JAVA_HOME at one, or give Maven a JDK " + REQUIRED_RELEASE + " toolchain.";
  }
}
