package dev.braid.test;

import com.google.common.truth.Truth;
import dev.braid.runtime.BraidException;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.StepRecord;
import org.jspecify.annotations.Nullable;

/**
 * Entry points of the Truth subjects for what a run returns.
 *
 * <pre>{@code
 * import static dev.braid.test.BraidTruth.assertThat;
 *
 * assertThat(result).step("draft").hadAttempts(3);
 * assertThat(result).step("draft").hadOutcomes(TIMED_OUT, TIMED_OUT, SUCCEEDED);
 * assertThat(result).stoppedEarlyAsking("Ask the customer for their order number.");
 * }</pre>
 */
public final class BraidTruth {
  private BraidTruth() {}

  /** Assertions on a run's result. */
  public static PipelineResultSubject assertThat(@Nullable PipelineResult<?> result) {
    return Truth.assertAbout(PipelineResultSubject.results()).that(result);
  }

  /** Assertions on one step's record. */
  public static StepRecordSubject assertThat(@Nullable StepRecord step) {
    return Truth.assertAbout(StepRecordSubject.steps()).that(step);
  }

  /**
   * Assertions on the partial result a run that threw carries; fails if it carries none.
   */
  public static PipelineResultSubject assertThatPartialResultOf(BraidException thrown) {
    PipelineResult<?> partial = thrown.partialResult().orElse(null);
    if (partial == null) {
      throw new AssertionError(
          "Expected " + thrown + " to carry a partial result, but it has none");
    }
    return assertThat(partial);
  }
}
