package dev.braid.benchmarks.compile;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Measures processor time for one pipeline size by running {@link ProcessorTime} in a new JVM. */
public final class CompileTimes {
  private CompileTimes() {}

  /**
   * The processor and javac time of a generated chain of {@code steps} steps: the first compile
   * in a fresh JVM, and the median of {@code warmCompiles} more (equal to the first when zero).
   */
  public static Result measure(int steps, int warmCompiles)
      throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process process = new ProcessBuilder(java, "-classpath", System.getProperty("java.class.path"),
            ProcessorTime.class.getName(), Integer.toString(steps), Integer.toString(warmCompiles))
        .redirectError(ProcessBuilder.Redirect.INHERIT)
        .start();
    @Nullable String result = null;
    try (BufferedReader out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        if (line.startsWith(ProcessorTime.RESULT + " ")) {
          result = line;
        }
      }
    }
    int exit = process.waitFor();
    if (exit != 0 || result == null) {
      throw new IllegalStateException(
          "Measuring processor time for " + steps + " steps failed with exit code " + exit);
    }
    String[] fields = result.split(" ");
    List<double[]> compiles = new ArrayList<>();
    for (int i = 1; i < fields.length; i++) {
      String[] nanos = fields[i].split(":");
      compiles.add(new double[] {Long.parseLong(nanos[0]) / 1e9, Long.parseLong(nanos[1]) / 1e9});
    }
    List<double[]> warm = compiles.size() > 1 ? compiles.subList(1, compiles.size()) : compiles;
    return new Result(steps, compiles.get(0)[0], compiles.get(0)[1],
        median(warm, 0), median(warm, 1), warm.size());
  }

  private static double median(List<double[]> compiles, int field) {
    double[] values = compiles.stream().mapToDouble(compile -> compile[field]).sorted().toArray();
    int middle = values.length / 2;
    return values.length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
  }

  /**
   * Seconds spent compiling a pipeline of {@code steps} steps: in Braid's processor and in all of
   * javac, for the first compile of a fresh JVM and as the median of {@code warmCompiles} later
   * ones.
   */
  public record Result(int steps, double firstProcessor, double firstJavac,
      double warmProcessor, double warmJavac, int warmCompiles) {}
}
