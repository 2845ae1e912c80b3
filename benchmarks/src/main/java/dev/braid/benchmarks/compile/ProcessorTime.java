package dev.braid.benchmarks.compile;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.braid.benchmarks.generate.PipelineSources;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import javax.annotation.processing.Processor;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Compiles a generated chain pipeline with javac in-process and Braid's processor, in a JVM of its
 * own started by {@link CompileTimes}: first once cold, as a build would, then a few times warm.
 * Each compile runs on a new platform thread of the default stack size, the stack javac has when
 * Maven or the {@code javac} launcher runs it. Prints one line starting with {@link #RESULT}.
 */
public final class ProcessorTime {
  static final String RESULT = "PROCESSOR-TIME";
  private static final String PACKAGE = "dev.braid.benchmarks.compiled";
  private static final String PROCESSOR = "dev.braid.processor.BraidProcessor";

  private ProcessorTime() {}

  /**
   * Measures one size.
   *
   * @param args the number of steps, and how many warm compiles follow the cold one
   */
  public static void main(String[] args) throws Exception {
    int steps = Integer.parseInt(args[0]);
    int warmCompiles = Integer.parseInt(args[1]);
    String className = "Chain" + steps + "Pipeline";
    String source = PipelineSources.source(
        PACKAGE, className, PipelineSources.Shape.CHAIN, steps, PipelineSources.GUARDED);
    List<String> line = new ArrayList<>(List.of(RESULT));
    for (int i = 0; i <= warmCompiles; i++) {
      Compilation compilation = onDefaultStack(className, source);
      line.add(compilation.processorNanos() + ":" + compilation.javacNanos());
    }
    System.out.println(String.join(" ", line));
  }

  /** The time of one compile: inside Braid's processor, and of the whole javac task. */
  record Compilation(long processorNanos, long javacNanos) {}

  private static Compilation onDefaultStack(String className, String source) throws Exception {
    AtomicReference<Compilation> result = new AtomicReference<>();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Thread thread = Thread.ofPlatform().name("javac").start(() -> {
      try {
        result.set(compile(className, source));
      } catch (Throwable e) {
        failure.set(e);
      }
    });
    thread.join();
    if (failure.get() instanceof Exception e) {
      throw e;
    } else if (failure.get() instanceof Error e) {
      throw e;
    }
    return result.get();
  }

  private static Compilation compile(String className, String source) throws Exception {
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    Path output = Files.createTempDirectory("braid-processor-time");
    try (StandardJavaFileManager files =
        javac.getStandardFileManager(diagnostics, Locale.ROOT, UTF_8)) {
      Path classes = Files.createDirectories(output.resolve("classes"));
      Path generated = Files.createDirectories(output.resolve("generated"));
      List<String> options = List.of(
          "--release", "25",
          "-proc:full",
          "-classpath", System.getProperty("java.class.path"),
          "-d", classes.toString(),
          "-s", generated.toString());
      JavaCompiler.CompilationTask task = javac.getTask(
          null, files, diagnostics, options, null, List.of(new Source(className, source)));
      TimedProcessor processor = new TimedProcessor(braidProcessor());
      task.setProcessors(List.of(processor));
      long start = System.nanoTime();
      boolean compiled = task.call();
      long javacNanos = System.nanoTime() - start;
      Path executor =
          generated.resolve(PACKAGE.replace('.', '/')).resolve(className + "Executor.java");
      if (!compiled || !Files.exists(executor)) {
        throw new IllegalStateException("Compiling " + className + " failed or generated no "
            + "executor: " + diagnostics.getDiagnostics());
      }
      return new Compilation(processor.nanos(), javacNanos);
    } finally {
      delete(output);
    }
  }

  private static Processor braidProcessor() throws ReflectiveOperationException {
    // Loaded by name: the processor is on the run-time class path only.
    return (Processor) Class.forName(PROCESSOR).getConstructor().newInstance();
  }

  private static void delete(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }

  /** A source file held in memory. */
  private static final class Source extends SimpleJavaFileObject {
    private final String code;

    Source(String className, String code) {
      super(URI.create("string:///" + PACKAGE.replace('.', '/') + "/" + className + ".java"),
          Kind.SOURCE);
      this.code = code;
    }

    @Override
    public CharSequence getCharContent(boolean ignoreEncodingErrors) {
      return code;
    }
  }
}
