package dev.braid.test;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

/**
 * A failing {@link BraidTest} reports the seed its virtual time ran with, and its kit is closed
 * after it whether it passed or not. Runs a failing test class through the JUnit launcher.
 */
class BraidExtensionFailureTest {
  /** The time the failing test was given, to check it was closed. */
  static final List<VirtualTime> GIVEN = new CopyOnWriteArrayList<>();
  /** Whether the launcher below runs {@link FailingTest}; a build that finds it skips it. */
  private static volatile boolean launching;

  @Test
  void aFailureCarriesTheSeedAndTheKitIsClosed() {
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    launching = true;
    try {
      LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
          .selectors(selectClass(FailingTest.class)).build(), new TestExecutionListener() {
            @Override
            public void executionFinished(TestIdentifier test, TestExecutionResult result) {
              result.getThrowable().ifPresent(failures::add);
            }
          });
    } finally {
      launching = false;
    }

    assertThat(failures).hasSize(1);
    assertThat(failures.getFirst()).hasMessageThat().isEqualTo("the pipeline misbehaved");
    assertThat(List.of(failures.getFirst().getSuppressed())).hasSize(1);
    assertThat(failures.getFirst().getSuppressed()[0]).hasMessageThat().isEqualTo(
        "Braid's VirtualTime ran with seed 1234; @BraidTest(seed = 1234) replays it");
    VirtualTime time = GIVEN.getFirst();
    assertThrows(IllegalStateException.class, () -> time.schedule(() -> {}, 1));
  }

  static boolean launching() {
    return launching;
  }

  /** Runs only under the launcher above. */
  @BraidTest(seed = 1234)
  @EnabledIf("dev.braid.test.BraidExtensionFailureTest#launching")
  static class FailingTest {
    @Test
    void fails(VirtualTime time) {
      GIVEN.add(time);
      throw new AssertionError("the pipeline misbehaved");
    }
  }
}
