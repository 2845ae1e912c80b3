package dev.braid.benchmarks;

import static dev.braid.benchmarks.Turns.Kind.IN_FLIGHT;
import static dev.braid.benchmarks.Turns.Kind.PER_STEP;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.jar.JarFile;

/**
 * One build of Braid's runtime against another in one JVM, taking turns ({@link Turns}): the before
 * and after of a change, measured in the same run, so that the machine's noise moves both alike.
 * Each build gets a class loader of its own with its runtime and these benchmarks' generated
 * executors, so both run the same pipelines through their own engine. Run it with the benchmarks'
 * classpath, whose own braid-runtime both loaders leave out, and with {@code --enable-preview}
 * and {@code -Dbraid.scope} as for {@link InterleavedRatios}:
 *
 * <pre>{@code
 * java --enable-preview -Dbraid.scope=threads -cp <classpath> dev.braid.benchmarks.SideBySide \
 *     --quick before/braid-runtime.jar after/braid-runtime.jar
 * }</pre>
 *
 * <p>Each build is a braid-runtime jar or class directory. The first argument is {@code --full} or
 * {@code --quick} (5 warm-up rounds, then 12 rounds of 400 ms a workload and build) or {@code
 * --smoke}.
 */
public final class SideBySide {
  /** A benchmark pipeline, by the simple name of its class, and how its workload is measured. */
  private record Pipeline(String workload, String className, Turns.Kind kind) {}

  private static final List<Pipeline> PIPELINES = List.of(
      new Pipeline("chain-1000", "Chain1000Pipeline", PER_STEP),
      new Pipeline("chain-1000, timeouts + retries + budgets", "GuardedChain1000Pipeline",
          PER_STEP),
      new Pipeline("wide-1000", "Wide1000Pipeline", PER_STEP),
      new Pipeline("wide-1000, timeouts + retries + budgets", "GuardedWide1000Pipeline", PER_STEP),
      new Pipeline("diamond, 1,000 in flight", "DiamondPipeline", IN_FLIGHT),
      new Pipeline("diamond, 1,000 in flight, timeouts + retries + budgets",
          "GuardedDiamondPipeline", IN_FLIGHT));
  private static final String RUNTIME_CLASS = "dev/braid/runtime/PipelineResult.class";

  private SideBySide() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 3) {
      throw new IllegalArgumentException("SideBySide takes 3 arguments, not " + args.length
          + ": --quick, --full or --smoke, then the braid-runtime jar or class directory before"
          + " the change and the one after it");
    }
    Turns.Mode mode = Turns.Mode.parse(args[0]);
    ClassLoader before = loader("before", Path.of(args[1]));
    ClassLoader after = loader("after", Path.of(args[2]));
    List<Turns.Workload> workloads = new ArrayList<>();
    for (Pipeline pipeline : PIPELINES) {
      workloads.add(new Turns.Workload(pipeline.workload(), pipeline.kind(),
          execution(after, pipeline), execution(before, pipeline)));
    }
    String scope = System.getProperty("braid.scope", "the chosen scope");
    Turns.Figures figures = Turns.measure(workloads, mode, "side by side, Braid on " + scope);
    System.out.print("\n## Braid's runtime after a change against before it, side by side in one"
        + " JVM, on " + scope + "\n\n"
        + "Below 1× is better for µs per step, above 1× for runs/s.\n\n");
    System.out.print(Turns.table(workloads, figures, mode, "after ÷ before", "after", "before"));
  }

  /**
   * A loader of {@code runtime} and of every classpath entry but the classpath's own runtime, on
   * top of the platform's loader, so that nothing of Braid is shared between the two builds.
   */
  private static ClassLoader loader(String name, Path runtime) throws IOException {
    if (!Files.exists(runtime) || !holdsRuntime(runtime)) {
      throw new IllegalArgumentException("The " + name + " runtime " + runtime + " is not a"
          + " braid-runtime jar or class directory; build one with ./mvnw -q -pl runtime -am"
          + " package -DskipTests and pass runtime/target/braid-runtime-<version>.jar");
    }
    List<URL> urls = new ArrayList<>();
    urls.add(url(runtime));
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry);
      if (Files.exists(path) && !holdsRuntime(path)) {
        urls.add(url(path));
      }
    }
    return new URLClassLoader(name, urls.toArray(URL[]::new),
        ClassLoader.getPlatformClassLoader());
  }

  private static boolean holdsRuntime(Path path) throws IOException {
    if (Files.isDirectory(path)) {
      return Files.exists(path.resolve(RUNTIME_CLASS));
    }
    try (JarFile jar = new JarFile(path.toFile())) {
      return jar.getEntry(RUNTIME_CLASS) != null;
    }
  }

  private static URL url(Path path) throws MalformedURLException {
    return path.toUri().toURL();
  }

  /** One run of {@code pipeline}'s generated executor, as {@code loader} defines it. */
  private static Callable<Integer> execution(ClassLoader loader, Pipeline pipeline)
      throws ReflectiveOperationException {
    String name = "dev.braid.benchmarks.pipelines." + pipeline.className();
    Class<?> pipelineClass = loader.loadClass(name);
    Class<?> executorClass = loader.loadClass(name + "Executor");
    Object executor = executorClass.getConstructor(pipelineClass)
        .newInstance(pipelineClass.getConstructor().newInstance());
    Method execute = executorClass.getMethod("execute");
    Method output = loader.loadClass("dev.braid.runtime.PipelineResult").getMethod("output");
    return () -> (Integer) output.invoke(execute.invoke(executor));
  }
}
