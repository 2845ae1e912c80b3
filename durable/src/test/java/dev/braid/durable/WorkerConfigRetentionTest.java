package dev.braid.durable;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The schedule and retention settings of {@link WorkerConfig}. */
class WorkerConfigRetentionTest {
  @Test
  void defaultsFireSchedulesAndKeepEveryRun() {
    WorkerConfig config = WorkerConfig.defaults();

    assertThat(config.firesSchedules()).isTrue();
    assertThat(config.retainFinishedRuns()).isEmpty();
    assertThat(config.retainStoppedEarlyRuns()).isEmpty();
    assertThat(config.retentionInterval()).isEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void stoppedEarlyRunsAreKeptAtLeastAsLongAsFinishedOnes() {
    WorkerConfig config = WorkerConfig.builder().fireSchedules(false)
        .retainFinishedRuns(Duration.ofDays(30)).retainStoppedEarlyRuns(Duration.ofDays(30))
        .build();
    assertThat(config.firesSchedules()).isFalse();
    assertThat(config.retainStoppedEarlyRuns()).hasValue(Duration.ofDays(30));

    IllegalArgumentException shorter = assertThrows(IllegalArgumentException.class,
        () -> WorkerConfig.builder().retainFinishedRuns(Duration.ofDays(30))
            .retainStoppedEarlyRuns(Duration.ofDays(7)).build());
    assertThat(shorter).hasMessageThat().isEqualTo("WorkerConfig retainStoppedEarlyRuns (PT168H)"
        + " must be at least retainFinishedRuns (PT720H): a run that stopped early may still be"
        + " resumed, so keep it at least as long as runs that ended; lengthen"
        + " retainStoppedEarlyRuns or set a shorter retainFinishedRuns");

    IllegalArgumentException alone = assertThrows(IllegalArgumentException.class,
        () -> WorkerConfig.builder().retainStoppedEarlyRuns(Duration.ofDays(7)).build());
    assertThat(alone).hasMessageThat().startsWith("WorkerConfig retainStoppedEarlyRuns (PT168H)"
        + " must be at least retainFinishedRuns (unset: kept forever): ");
  }

  @Test
  void retentionsMustBePositive() {
    IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
        () -> WorkerConfig.builder().retainFinishedRuns(Duration.ZERO));
    assertThat(zero).hasMessageThat()
        .isEqualTo("WorkerConfig retainFinishedRuns must be positive, was PT0S");
  }
}
