package dev.braid.runtime.internal;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.RunOptions;
import dev.braid.runtime.StepExecutionException;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepBody;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Backoff with full jitter: the pause before retry n is drawn from [0, min(cap, delay * 2^(n-1))].
 * The random source is pinned so the bounds are asserted exactly, without timing.
 */
@Timeout(30)
class RetryPolicyTest {
  private static final long MS = 1_000_000;

  private static StepSettings settings(Duration delay, Duration cap) {
    return new StepSettings(null, 10, delay, cap, -1, -1);
  }

  @Test
  void boundDoublesFromTheRetryDelayUpToTheCap() {
    List<Long> asked = new CopyOnWriteArrayList<>();
    RetryPolicy policy = new RetryPolicy(max -> {
      asked.add(max);
      return max;
    });
    StepSettings settings = settings(Duration.ofMillis(100), Duration.ofSeconds(1));

    for (int retry = 1; retry <= 6; retry++) {
      policy.pause(settings, retry);
    }

    assertThat(asked).containsExactly(100 * MS, 200 * MS, 400 * MS, 800 * MS, 1000 * MS, 1000 * MS)
        .inOrder();
  }

  @Test
  void pauseIsWhatTheJitterPicksFromZeroToTheBound() {
    StepSettings settings = settings(Duration.ofMillis(100), Duration.ofSeconds(30));

    assertThat(new RetryPolicy(max -> max).pause(settings, 3)).isEqualTo(Duration.ofMillis(400));
    assertThat(new RetryPolicy(max -> 0).pause(settings, 3)).isEqualTo(Duration.ZERO);
  }

  @Test
  void defaultJitterStaysWithinTheBound() {
    StepSettings settings = settings(Duration.ofNanos(3), Duration.ofNanos(5));
    for (int i = 0; i < 1_000; i++) {
      assertThat(RetryPolicy.DEFAULT.pause(settings, 2).toNanos()).isIn(
          com.google.common.collect.Range.closed(0L, 5L));
    }
  }

  @Test
  void hugeRetryNumbersAndDelaysSaturateAtTheCapInsteadOfOverflowing() {
    assertThat(RetryPolicy.bound(Long.MAX_VALUE / 2, 30_000 * MS, 200)).isEqualTo(30_000 * MS);
    assertThat(RetryPolicy.bound(1, Long.MAX_VALUE, 64)).isEqualTo(Long.MAX_VALUE);
    assertThat(RetryPolicy.bound(0, 30_000 * MS, 5)).isEqualTo(0);
    assertThat(RetryPolicy.bound(100 * MS, 50 * MS, 1)).isEqualTo(50 * MS);
  }

  @Test
  void aRunAsksForEachRetrysBoundInTurn() {
    List<Long> asked = new CopyOnWriteArrayList<>();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("flaky").retries(3).retryDelay(Duration.ofMillis(10)).maxRetryDelay(Duration.ofMillis(25));
    plan.output(0);
    RetryPolicy recording = new RetryPolicy(max -> {
      asked.add(max);
      return 0;
    });

    assertThrows(StepExecutionException.class, () -> run(plan.build(), RunOptions.defaults(),
        recording, (outputs, context) -> {
          throw new IllegalStateException("attempt " + context.attempt());
        }));

    assertThat(asked).containsExactly(10 * MS, 20 * MS, 25 * MS).inOrder();
  }

  @Test
  void aRetryWhosePauseWouldEndPastTheDeadlineIsNotAttempted() {
    // Pinned at the top of its range, the pause is an hour; the deadline is a minute away, so the
    // step fails at once with its own failure instead of sleeping into the deadline.
    AtomicInteger calls = new AtomicInteger();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("flaky").retries(3).retryDelay(Duration.ofHours(1)).maxRetryDelay(Duration.ofHours(1));
    plan.output(0);

    StepExecutionException e = assertThrows(StepExecutionException.class, () -> run(plan.build(),
        RunOptions.builder().deadline(Duration.ofMinutes(1)).build(),
        new RetryPolicy(max -> max), (outputs, context) -> {
          calls.incrementAndGet();
          throw new IllegalStateException("boom");
        }));

    assertThat(calls.get()).isEqualTo(1);
    assertThat(e).hasCauseThat().hasMessageThat().isEqualTo("boom");
  }

  private static Object run(PipelinePlan plan, RunOptions options, RetryPolicy policy,
      StepBody... bodies) {
    RunSettings settings = RunSettings.resolve(plan, PipelineConfig.empty(), options);
    return new PipelineRun<>(Schedule.of(plan), settings, bodies, null, null, policy).execute();
  }
}
