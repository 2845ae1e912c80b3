package dev.braid.processor.testing;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.Completion;
import javax.annotation.processing.Filer;
import javax.annotation.processing.Messager;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.Processor;
import javax.annotation.processing.RoundEnvironment;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.util.Elements;
import javax.lang.model.util.Types;
import javax.tools.FileObject;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;

/**
 * Runs a processor and records each source file and resource it creates with its originating
 * elements; one the filer refuses is not recorded. Unlike
 * {@code Compilation.generatedFiles()}, this works when the compilation failed, which is how tests
 * show that a valid pipeline is generated beside an invalid one.
 */
public final class RecordingProcessor implements Processor {
  private final Processor delegate;
  private final List<GeneratedSource> sources = new ArrayList<>();
  private final List<GeneratedResource> resources = new ArrayList<>();

  /** One created source file. */
  public record GeneratedSource(String name, List<String> originatingElements) {}

  /** One created resource: its location, its path ({@code com/acme/X.mmd}) and origins. */
  public record GeneratedResource(
      String location, String path, List<String> originatingElements) {}

  public RecordingProcessor(Processor delegate) {
    this.delegate = delegate;
  }

  /** The source files created so far, in order. */
  public List<GeneratedSource> sources() {
    return sources;
  }

  /** The resources created so far, in order. */
  public List<GeneratedResource> resources() {
    return resources;
  }

  /** The names of the source files created so far, in order. */
  public List<String> sourceNames() {
    return sources.stream().map(GeneratedSource::name).toList();
  }

  @Override
  public void init(ProcessingEnvironment environment) {
    delegate.init(new RecordingEnvironment(environment));
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
  public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
    return delegate.process(annotations, round);
  }

  @Override
  public Iterable<? extends Completion> getCompletions(
      Element element, AnnotationMirror annotation, ExecutableElement member, String userText) {
    return delegate.getCompletions(element, annotation, member, userText);
  }

  private final class RecordingEnvironment implements ProcessingEnvironment {
    private final ProcessingEnvironment environment;

    RecordingEnvironment(ProcessingEnvironment environment) {
      this.environment = environment;
    }

    @Override
    public Map<String, String> getOptions() {
      return environment.getOptions();
    }

    @Override
    public Messager getMessager() {
      return environment.getMessager();
    }

    @Override
    public Filer getFiler() {
      Filer filer = environment.getFiler();
      return new Filer() {
        @Override
        public JavaFileObject createSourceFile(CharSequence name, Element... originatingElements)
            throws IOException {
          JavaFileObject file = filer.createSourceFile(name, originatingElements);
          sources.add(new GeneratedSource(name.toString(),
              Arrays.stream(originatingElements).map(Element::toString).toList()));
          return file;
        }

        @Override
        public JavaFileObject createClassFile(CharSequence name, Element... originatingElements)
            throws IOException {
          return filer.createClassFile(name, originatingElements);
        }

        @Override
        public FileObject createResource(JavaFileManager.Location location, CharSequence module,
            CharSequence relativeName, Element... originatingElements) throws IOException {
          FileObject file =
              filer.createResource(location, module, relativeName, originatingElements);
          String directory = module.toString().replace('.', '/');
          resources.add(new GeneratedResource(location.getName(),
              directory.isEmpty() ? relativeName.toString() : directory + "/" + relativeName,
              Arrays.stream(originatingElements).map(Element::toString).toList()));
          return file;
        }

        @Override
        public FileObject getResource(JavaFileManager.Location location, CharSequence module,
            CharSequence relativeName) throws IOException {
          return filer.getResource(location, module, relativeName);
        }
      };
    }

    @Override
    public Elements getElementUtils() {
      return environment.getElementUtils();
    }

    @Override
    public Types getTypeUtils() {
      return environment.getTypeUtils();
    }

    @Override
    public SourceVersion getSourceVersion() {
      return environment.getSourceVersion();
    }

    @Override
    public Locale getLocale() {
      return environment.getLocale();
    }

    @Override
    public boolean isPreviewEnabled() {
      return environment.isPreviewEnabled();
    }
  }
}
