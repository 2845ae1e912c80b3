package dev.braid.processor.entry;

import static com.google.common.truth.Truth.assertThat;
import static com.google.testing.compile.CompilationSubject.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.testing.compile.Compilation;
import dev.braid.Pipeline;
import dev.braid.processor.testing.BraidCompiler;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.tools.JavaFileObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The processor javac loads: it runs Braid's processor on javac 25, and explains older ones. */
class BraidProcessorEntryTest {
  private static final String PIPELINE = """
      @Pipeline
      public class Greeting {
        @Step
        String greet(@Input String name) {
          return "Hello, " + name;
        }
      }
      """;

  @Test
  void onThisJavacItRunsBraidsProcessor() {
    Compilation compilation = BraidCompiler.compile(new BraidProcessorEntry(),
        BraidCompiler.source("Greeting", PIPELINE));

    assertThat(compilation).succeeded();
    assertThat(compilation).generatedSourceFile("com.acme.GreetingExecutor");
  }

  @Test
  void onAnOlderJavacItReportsOneErrorNamingTheJdkAndTheFix() {
    JavaFileObject source = BraidCompiler.source("Greeting", PIPELINE);

    Compilation compilation = BraidCompiler.compile(new BraidProcessorEntry(17), source);

    assertThat(compilation).hadErrorCount(1);
    assertThat(compilation).hadErrorContaining("[Braid/UnsupportedJdk] Braid's annotation "
        + "processor needs javac from JDK 25 or later, and this javac is from JDK 17 ("
        + System.getProperty("java.home") + "); compile with a JDK 25: point JAVA_HOME at one, "
        + "or give Maven a JDK 25 toolchain.");
  }

  @Test
  void readsTheReleaseOfEveryJavaVersionScheme() {
    assertThat(JavaRelease.parse("1.8")).isEqualTo(8);
    assertThat(JavaRelease.parse("17")).isEqualTo(17);
    assertThat(JavaRelease.parse("25")).isEqualTo(25);
    assertThat(JavaRelease.parse("")).isEqualTo(0);
  }

  /**
   * Runs a real javac older than 25 on a pipeline, with Braid's annotations on the class path and
   * the processor's classes, as built, on the processor path.
   */
  @Test
  void aRealOlderJavacPrintsBraidsErrorAlone(@TempDir Path work)
      throws IOException, InterruptedException, URISyntaxException {
    Optional<Path> javac = olderJavac();
    assumeTrue(javac.isPresent(), "no JDK older than 25 in /usr/lib/jvm or JAVA_HOME_17_X64");
    Path source = work.resolve("com/acme/Greeting.java");
    Files.createDirectories(source.getParent());
    Files.writeString(source, BraidCompiler.HEADER.lines()
        .filter(line -> !line.contains("dev.braid.runtime"))
        .reduce("", (a, b) -> a + b + "\n") + PIPELINE);
    Process process = new ProcessBuilder(javac.get().toString(),
        "-cp", location(Pipeline.class),
        "-processorpath", location(BraidProcessorEntry.class),
        "-d", work.resolve("classes").toString(), source.toString())
        .redirectErrorStream(true)
        .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    assertThat(process.exitValue()).isEqualTo(1);
    assertThat(output).containsMatch("(?m)^error: \\[Braid/UnsupportedJdk\\] Braid's annotation "
        + "processor needs javac from JDK 25 or later, and this javac is from JDK 1[0-9] \\(");
    assertThat(output).contains("compile with a JDK 25: point JAVA_HOME at one, or give Maven a "
        + "JDK 25 toolchain.");
    assertThat(output.strip()).endsWith("\n1 error");
  }

  private static String location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
  }

  /** A javac of Java 11 to 24 in the usual Linux install location or CI's variable, if any. */
  private static Optional<Path> olderJavac() throws IOException {
    Stream<Path> candidates = Stream.of(System.getenv("JAVA_HOME_17_X64"))
        .filter(home -> home != null)
        .map(Path::of);
    Path jvms = Path.of("/usr/lib/jvm");
    if (Files.isDirectory(jvms)) {
      try (Stream<Path> installed = Files.list(jvms)) {
        candidates = Stream.concat(candidates, installed.sorted().toList().stream());
      }
    }
    return candidates
        .filter(home -> release(home).filter(r -> r >= 11 && r < 25).isPresent())
        .map(home -> home.resolve("bin/javac"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private static Optional<Integer> release(Path home) {
    try {
      List<String> lines = Files.readAllLines(home.resolve("release"));
      return lines.stream()
          .filter(line -> line.startsWith("JAVA_VERSION=\""))
          .map(line -> JavaRelease.parse(line.substring("JAVA_VERSION=\"".length())))
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
