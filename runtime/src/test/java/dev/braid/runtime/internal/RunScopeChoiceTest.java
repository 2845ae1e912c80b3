package dev.braid.runtime.internal;

import static com.google.common.truth.Truth.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * How the run's scope is chosen: Braid's own unless {@code -Dbraid.scope=structured} asks for
 * {@code StructuredTaskScope}. The rule on its own, then in JVMs started with and without {@code
 * --enable-preview} and {@code -Dbraid.scope}, which is what an application sees.
 */
class RunScopeChoiceTest {
  private static final String NO_PREVIEW = "this JVM is Java 25 without --enable-preview";
  private static final String DEFAULT =
      "the default; -Dbraid.scope=structured asks for StructuredTaskScope on Java 25 with "
          + "--enable-preview";

  private final AtomicInteger loads = new AtomicInteger();

  /** Loads like {@code StructuredRun} on Java 25 with the flag, counting the loads. */
  private Supplier<RunScope> loadable() {
    return () -> {
      loads.incrementAndGet();
      return new FakeStructured();
    };
  }

  /** Fails like loading {@code StructuredRun} on Java 25 without the flag. */
  private Supplier<RunScope> notLoadable() {
    return () -> {
      loads.incrementAndGet();
      throw new UnsupportedClassVersionError("Preview features are not enabled");
    };
  }

  @Test
  void everyJvmRunsThreadsByDefaultWithoutLoadingThePreviewClass() {
    for (int release : new int[] {25, 26, 27, 28}) {
      RunScope.Choice choice = RunScope.choose(null, release, loadable());

      assertThat(choice.scope()).isInstanceOf(VirtualThreadRun.class);
      assertThat(choice.reason()).isEqualTo("the default; -Dbraid.scope=structured asks for "
          + "StructuredTaskScope on Java 25 with --enable-preview");
    }
    assertThat(loads.get()).isEqualTo(0);
  }

  @Test
  void forcedThreadsNeverLoadsThePreviewClass() {
    RunScope.Choice choice = RunScope.choose("threads", 25, loadable());

    assertThat(choice.scope()).isInstanceOf(VirtualThreadRun.class);
    assertThat(choice.reason()).isEqualTo("forced by -Dbraid.scope=threads");
    assertThat(loads.get()).isEqualTo(0);
  }

  @Test
  void forcedStructuredRunsStructuredWhereItLoads() {
    RunScope.Choice choice = RunScope.choose("structured", 25, loadable());

    assertThat(choice.scope()).isInstanceOf(FakeStructured.class);
    assertThat(choice.reason()).isEqualTo("forced by -Dbraid.scope=structured");
  }

  @Test
  void forcedStructuredWithoutPreviewNamesTheJdkAndTheFlag() {
    RunScope.Choice choice = RunScope.choose("structured", 25, notLoadable());

    assertThat(choice.scope()).isNull();
    assertThat(choice.problem()).isEqualTo("-Dbraid.scope=structured asks for StructuredTaskScope, "
        + "a preview API, and " + NO_PREVIEW + ". Run on Java 25 with --enable-preview (for "
        + "example `java --enable-preview -Dbraid.scope=structured -jar app.jar`), or remove "
        + "-Dbraid.scope to run steps on plain virtual threads.");
  }

  @Test
  void forcedStructuredOnALaterReleaseNamesIt() {
    RunScope.Choice choice = RunScope.choose("structured", 26, loadable());

    assertThat(choice.scope()).isNull();
    assertThat(choice.problem()).startsWith("-Dbraid.scope=structured asks for StructuredTaskScope, "
        + "a preview API, and this JVM is Java 26, and Braid uses that preview API only on Java 25");
    assertThat(loads.get()).isEqualTo(0);
  }

  @Test
  void anUnknownModeNamesTheAllowedOnes() {
    RunScope.Choice choice = RunScope.choose("structure", 25, loadable());

    assertThat(choice.scope()).isNull();
    assertThat(choice.problem()).isEqualTo("-Dbraid.scope=structure is not a scope Braid knows; use "
        + "-Dbraid.scope=structured (StructuredTaskScope, Java 25 with --enable-preview) or "
        + "-Dbraid.scope=threads (plain virtual threads, any JDK), or leave it unset for plain "
        + "virtual threads.");
    assertThat(loads.get()).isEqualTo(0);
  }

  /** Each Surefire execution says which scope its JVM must have chosen; both modes run this. */
  @Test
  void thisJvmRunsTheScopeItsSettingsAskFor() {
    String expected = System.getProperty("braid.expectedScope",
        System.getProperty("braid.scope", "threads"));

    assertThat(RunScope.chosenMode()).isEqualTo(expected);
    assertThat(RunScope.scope().getClass().getSimpleName())
        .isEqualTo(expected.equals("structured") ? "StructuredRun" : "VirtualThreadRun");
  }

  @Test
  void aJvmWithoutFlagsRunsAPipelineOnThreadsAndLogsWhy() throws Exception {
    assertThat(probe()).containsExactly(
        "DEBUG Braid runs steps on plain virtual threads (" + DEFAULT + ")",
        "ran on threads: done").inOrder();
  }

  @Test
  void aJvmWithPreviewStillRunsAPipelineOnThreads() throws Exception {
    assertThat(probe("--enable-preview")).containsExactly(
        "DEBUG Braid runs steps on plain virtual threads (" + DEFAULT + ")",
        "ran on threads: done").inOrder();
  }

  @Test
  void aJvmWithPreviewAskedForStructuredRunsAPipelineOnStructuredTaskScopeAndLogsWhy()
      throws Exception {
    assertThat(probe("--enable-preview", "-Dbraid.scope=structured")).containsExactly(
        "DEBUG Braid runs steps on StructuredTaskScope (forced by -Dbraid.scope=structured)",
        "ran on structured: done").inOrder();
  }

  @Test
  void aForcedStructuredScopeWithoutPreviewFailsWhenTheEngineIsCreated() throws Exception {
    assertThat(probe("-Dbraid.scope=structured")).containsExactly(
        "DEBUG Braid cannot run pipelines: -Dbraid.scope=structured asks for StructuredTaskScope, "
            + "a preview API, and " + NO_PREVIEW + ". Run on Java 25 with --enable-preview (for "
            + "example `java --enable-preview -Dbraid.scope=structured -jar app.jar`), or remove "
            + "-Dbraid.scope to run steps on plain virtual threads.",
        "Pipeline 'Probe' cannot run: -Dbraid.scope=structured asks for StructuredTaskScope, "
            + "a preview API, and " + NO_PREVIEW + ". Run on Java 25 with --enable-preview (for "
            + "example `java --enable-preview -Dbraid.scope=structured -jar app.jar`), or remove "
            + "-Dbraid.scope to run steps on plain virtual threads.").inOrder();
  }

  @Test
  void aForcedThreadsScopeWinsOverPreview() throws Exception {
    assertThat(probe("--enable-preview", "-Dbraid.scope=threads")).containsExactly(
        "DEBUG Braid runs steps on plain virtual threads (forced by -Dbraid.scope=threads)",
        "ran on threads: done").inOrder();
  }

  @Test
  void anUnknownScopeFailsWhenTheEngineIsCreated() throws Exception {
    List<String> lines = probe("-Dbraid.scope=virtual");

    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).isEqualTo("Pipeline 'Probe' cannot run: -Dbraid.scope=virtual is not "
        + "a scope Braid knows; use -Dbraid.scope=structured (StructuredTaskScope, Java 25 with "
        + "--enable-preview) or -Dbraid.scope=threads (plain virtual threads, any JDK), or leave it "
        + "unset for plain virtual threads.");
  }

  /** Runs {@link ScopeProbe} in a JVM of its own with {@code options}; returns what it printed. */
  private static List<String> probe(String... options) throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java));
    command.addAll(List.of(options));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"),
        ScopeProbe.class.getName()));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return output.lines().toList();
  }

  /** Stands in for {@code StructuredRun}, which only a JVM with the flag can load. */
  private static final class FakeStructured implements RunScope {
    @Override
    public void forkAll(String name, List<Runnable> tasks, List<String> threadNames,
        java.util.function.BooleanSupplier stopRequested, Runnable onCancel) {
      throw new UnsupportedOperationException();
    }

    @Override
    public String mode() {
      return "structured";
    }
  }
}
