package dev.braid.processor.fuzz;

import static com.google.testing.compile.Compiler.javac;

import com.google.testing.compile.Compilation;
import com.google.testing.compile.JavaFileObjects;
import dev.braid.processor.BraidProcessor;
import dev.braid.processor.testing.RecordingProcessor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.tools.Diagnostic;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;

/**
 * Compiles random pipelines from {@link PipelineSourceGenerator} with Braid's processor and checks
 * what must hold for any input: javac neither crashes nor hangs; no {@code [Braid/ProcessorError]};
 * every error carries a {@code [Braid/…]} id (the sources compile without the processor, so any
 * other error is in generated code); a pipeline without errors gets an executor and its graph, and
 * the executor compiled; a pipeline with errors gets nothing. Routers over the case's pipelines are
 * held to the same, except that one routing to a pipeline with errors silently gets nothing.
 *
 * <p>A build runs {@value #DEFAULT_CASES} cases from a fixed seed. Run more, or other ones, with
 * {@code -Dbraid.fuzz.cases=10000} and {@code -Dbraid.fuzz.seed=…}; case {@code i} uses seed
 * {@code seed + i}, and each failure prints the command that replays it alone. Cases in named
 * packages are compiled {@value #DEFAULT_BATCH} at a time ({@code -Dbraid.fuzz.batch}), each in a
 * package of its own, since javac's start-up costs more than a small case.
 */
class ProcessorFuzzTest {
  private static final int DEFAULT_CASES = 120;
  private static final long DEFAULT_SEED = 20_251_205L;
  private static final int DEFAULT_BATCH = 10;
  private static final long BATCH_TIMEOUT_SECONDS = 300;
  /** Failures shown in full; the rest are counted. */
  private static final int SHOWN = 5;

  /** One case: its seed and sources. */
  private record Case(long seed, List<GeneratedUnit> units) {}

  @Test
  void everyPipelineTheProcessorAcceptsCompilesAndEveryErrorHasAnId() throws Exception {
    int cases = Integer.getInteger("braid.fuzz.cases", DEFAULT_CASES);
    long seed = Long.getLong("braid.fuzz.seed", DEFAULT_SEED);
    int batchSize = Integer.getInteger("braid.fuzz.batch", DEFAULT_BATCH);
    Map<Case, List<String>> failures = new LinkedHashMap<>();
    int accepted = 0;
    long started = System.nanoTime();
    List<Case> batch = new ArrayList<>();
    for (int i = 0; i < cases; i++) {
      Case next = new Case(seed + i, PipelineSourceGenerator.generate(seed + i));
      if (PipelineSourceGenerator.inUnnamedPackage(next.units())) {
        accepted += check(List.of(next), failures);
      } else {
        batch.add(next);
      }
      if (batch.size() == batchSize || (i == cases - 1 && !batch.isEmpty())) {
        accepted += check(batch, failures);
        batch.clear();
      }
    }
    System.out.printf("Processor fuzz: %d cases from seed %d, %d pipelines accepted, %d cases "
            + "failed, in %d s%n", cases, seed, accepted, failures.size(),
        TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
    if (!failures.isEmpty()) {
      List<String> shown = failures.entrySet().stream()
          .limit(SHOWN)
          .map(failure -> report(failure.getKey(), failure.getValue()))
          .toList();
      throw new AssertionError(failures.size() + " of " + cases + " cases failed; the first:\n\n"
          + String.join("\n\n", shown));
    }
  }

  /** Compiles {@code batch} together and adds what went wrong to {@code failures}. */
  private static int check(List<Case> batch, Map<Case, List<String>> failures)
      throws InterruptedException {
    Map<JavaFileObject, Case> owners = new LinkedHashMap<>();
    Map<JavaFileObject, GeneratedUnit> unitsByFile = new LinkedHashMap<>();
    for (Case each : batch) {
      for (GeneratedUnit unit : each.units()) {
        JavaFileObject file = JavaFileObjects.forSourceString(unit.typeName(), unit.source());
        owners.put(file, each);
        unitsByFile.put(file, unit);
      }
    }
    RecordingProcessor processor = new RecordingProcessor(new BraidProcessor());
    Compilation compilation;
    try {
      compilation = compile(processor, List.copyOf(owners.keySet()));
    } catch (ExecutionException e) {
      batch.forEach(each -> problem(failures, each, "javac crashed: " + e.getCause()));
      return 0;
    } catch (TimeoutException e) {
      batch.forEach(each -> problem(failures, each,
          "javac did not finish within " + BATCH_TIMEOUT_SECONDS + " s"));
      return 0;
    }
    if (batch.size() > 1 && compilation.errors().stream().anyMatch(
        error -> owners.containsKey(error.getSource()) && !isBraids(error))) {
      // A source that is not legal Java stops javac before it generates anything for the others.
      int accepted = 0;
      for (Case each : batch) {
        accepted += check(List.of(each), failures);
      }
      return accepted;
    }
    for (Diagnostic<? extends JavaFileObject> error : compilation.errors()) {
      String message = error.getMessage(null);
      String problem = message.contains("[Braid/ProcessorError]")
          ? "a ProcessorError: " + message
          : !message.contains("[Braid/")
              ? "an error without a [Braid/…] id, in " + where(error) + ": " + message
              : null;
      if (problem != null) {
        List<Case> blamed = blame(error, batch, owners);
        blamed.forEach(each -> problem(failures, each, problem));
      }
    }
    Map<String, JavaFileObject> filesByPipeline = new LinkedHashMap<>();
    unitsByFile.forEach((file, unit) -> {
      if (unit.pipeline() != null) {
        filesByPipeline.put(unit.pipeline(), file);
      }
    });
    int accepted = 0;
    for (Map.Entry<JavaFileObject, GeneratedUnit> entry : unitsByFile.entrySet()) {
      String pipeline = entry.getValue().pipeline();
      if (pipeline == null) {
        continue;
      }
      boolean hasErrors = hasErrors(compilation, entry.getKey());
      // A router whose route has errors gets nothing, and no error of its own.
      boolean routeHasErrors = entry.getValue().routes().stream()
          .anyMatch(route -> hasErrors(compilation, filesByPipeline.get(route)));
      boolean hasExecutor = processor.sources().stream()
          .anyMatch(file -> file.originatingElements().contains(pipeline));
      boolean hasDiagram = processor.resources().stream()
          .anyMatch(file -> file.originatingElements().contains(pipeline));
      Case owner = owners.get(entry.getKey());
      if (hasErrors || routeHasErrors) {
        if (hasExecutor || hasDiagram) {
          problem(failures, owner, "files were generated for " + pipeline + ", which has "
              + "errors or routes to a pipeline with errors");
        }
      } else if (hasExecutor && hasDiagram) {
        accepted++;
      } else {
        problem(failures, owner, "no executor and graph were generated for " + pipeline
            + ", which has no errors");
      }
    }
    return accepted;
  }

  private static boolean isBraids(Diagnostic<? extends JavaFileObject> error) {
    return error.getMessage(null).contains("[Braid/");
  }

  private static boolean hasErrors(Compilation compilation, JavaFileObject file) {
    return compilation.errors().stream().anyMatch(error -> file.equals(error.getSource()));
  }

  /**
   * The cases an error belongs to: the one whose file it is in, or whose package its generated
   * file is in; all of them when it names no file.
   */
  private static List<Case> blame(Diagnostic<? extends JavaFileObject> error, List<Case> batch,
      Map<JavaFileObject, Case> owners) {
    JavaFileObject source = error.getSource();
    if (source != null && owners.containsKey(source)) {
      return List.of(owners.get(source));
    }
    if (source != null) {
      for (Case each : batch) {
        if (source.getName().contains("/s" + Long.toUnsignedString(each.seed()) + "/")) {
          return List.of(each);
        }
      }
    }
    return batch;
  }

  private static void problem(Map<Case, List<String>> failures, Case owner, String problem) {
    failures.computeIfAbsent(owner, each -> new ArrayList<>()).add(problem);
  }

  /** Compiles on a thread of its own, so that a hang fails the cases instead of the build. */
  private static Compilation compile(RecordingProcessor processor, List<JavaFileObject> sources)
      throws InterruptedException, ExecutionException, TimeoutException {
    // javac stops reporting after 100 errors, and a batch of careless cases may have more.
    FutureTask<Compilation> task = new FutureTask<>(() -> javac()
        .withProcessors(processor)
        .withOptions("-Xmaxerrs", String.valueOf(Integer.MAX_VALUE))
        .compile(sources));
    Thread thread = new Thread(task, "javac");
    thread.setDaemon(true);
    thread.start();
    return task.get(BATCH_TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  private static String where(Diagnostic<? extends JavaFileObject> diagnostic) {
    JavaFileObject source = diagnostic.getSource();
    return (source == null ? "no file" : source.getName()) + ":" + diagnostic.getLineNumber();
  }

  private static String report(Case failed, List<String> problems) {
    StringBuilder text = new StringBuilder("Case with seed ").append(failed.seed())
        .append(" (replay: ./mvnw -pl processor -am test -Dtest=ProcessorFuzzTest "
            + "-Dsurefire.failIfNoSpecifiedTests=false -Dbraid.fuzz.cases=1 -Dbraid.fuzz.seed=")
        .append(failed.seed()).append(")\n");
    problems.forEach(problem -> text.append("- ").append(problem).append('\n'));
    for (GeneratedUnit unit : failed.units()) {
      text.append("--- ").append(unit.typeName()).append('\n').append(unit.source());
    }
    return text.toString();
  }
}
