package dev.braid.durable;

import static com.google.common.truth.Truth.assertThat;

import dev.braid.runtime.RateLimit;
import dev.braid.runtime.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@link WorkerConfig#toBuilder()} starts from every value of the config, limits included. */
class WorkerConfigToBuilderTest {
  @Test
  void aConfigsBuilderKeepsItsRateLimitsAndTimeSource() {
    TimeSource time = new FixedTime();
    RateLimit limit = RateLimit.model("gpt-4o-mini").requestsPerMinute(60).tokensPerMinute(90_000);
    WorkerConfig config = WorkerConfig.builder().workerId("w1").lease(Duration.ofSeconds(30))
        .rateLimit(limit).timeSource(time).build();

    WorkerConfig copy = config.toBuilder().maxConcurrentRuns(3).build();

    assertThat(copy.rateLimits()).containsExactly(limit);
    assertThat(copy.timeSource()).isSameInstanceAs(time);
    assertThat(copy.workerId()).isEqualTo("w1");
    assertThat(copy.lease()).isEqualTo(Duration.ofSeconds(30));
    assertThat(copy.maxConcurrentRuns()).isEqualTo(3);
  }

  /** A time source that is never read: only its identity is compared. */
  private static final class FixedTime implements TimeSource {
    @Override
    public long nanoTime() {
      return 0;
    }

    @Override
    public Instant instant() {
      return Instant.EPOCH;
    }

    @Override
    public void sleep(long nanos) {}

    @Override
    public Alarm schedule(Runnable action, long delayNanos) {
      return () -> {};
    }

    @Override
    public long jitter(long max) {
      return 0;
    }
  }
}
