package dev.braid.runtime.internal;

import static com.google.common.truth.Truth.assertThat;

import dev.braid.runtime.AttemptOutcome;
import dev.braid.runtime.AttemptRecord;
import dev.braid.runtime.BatchResult;
import dev.braid.runtime.BatchRun;
import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.RunOptions;
import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepBody;
import dev.braid.runtime.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A run takes every time reading, pause, alarm and jitter from its executor's {@link TimeSource},
 * and counts the threads running its steps busy and idle in pairs.
 */
@Timeout(30)
class TimeSourceTest {
  private static final Instant START = Instant.parse("2030-06-01T12:00:00Z");

  @Test
  void recordedTimesAndRetryPausesComeFromTheTimeSource() {
    ManualTime time = new ManualTime();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("flaky").retries(1).retryDelay(Duration.ofSeconds(1))
        .maxRetryDelay(Duration.ofSeconds(1));
    plan.output(0);
    StepBody flaky = (outputs, context) -> {
      time.advance(Duration.ofSeconds(5));
      if (context.attempt() == 1) {
        throw new IllegalStateException("first attempt fails");
      }
      return "done";
    };

    PipelineResult<Object> result = run(plan.build(), time, RunOptions.defaults(), flaky);

    assertThat(time.sleeps).containsExactly(Duration.ofSeconds(1).toNanos());
    assertThat(time.jitterBounds).containsExactly(Duration.ofSeconds(1).toNanos());
    List<AttemptRecord> attempts = result.step("flaky").attempts();
    assertThat(attempts.get(0).outcome()).isEqualTo(AttemptOutcome.FAILED);
    assertThat(attempts.get(0).startedAt()).isEqualTo(START);
    assertThat(attempts.get(0).finishedAt()).isEqualTo(START.plusSeconds(5));
    assertThat(attempts.get(1).startedAt()).isEqualTo(START.plusSeconds(6));
    assertThat(attempts.get(1).finishedAt()).isEqualTo(START.plusSeconds(11));
    assertThat(result.startedAt()).isEqualTo(START);
    assertThat(time.busy.get()).isEqualTo(0);
    assertThat(time.busyCalls.get()).isGreaterThan(0);
  }

  @Test
  void theDeadlineIsAnAlarmOfTheTimeSourceDisarmedWhenTheRunEnds() {
    ManualTime time = new ManualTime();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("quick");
    plan.output(0);

    run(plan.build(), time, RunOptions.builder().deadline(Duration.ofMinutes(2)).build(),
        (outputs, context) -> "done");

    assertThat(time.alarms).containsExactly(Duration.ofMinutes(2).toNanos());
    assertThat(time.cancelled.get()).isEqualTo(1);
  }

  @Test
  void everyStepThatRanGaveItsBusyCountBack() {
    ManualTime time = new ManualTime();
    PipelinePlan.Builder plan = PipelinePlan.builder("Diamond");
    plan.step("a");
    plan.step("b", 0);
    plan.step("c", 0);
    plan.step("d", 1, 2);
    plan.output(3);
    StepBody body = (outputs, context) -> {
      assertThat(time.busy.get()).isGreaterThan(0);
      return context.stepName();
    };

    run(plan.build(), time, RunOptions.defaults(), body, body, body, body);

    assertThat(time.busy.get()).isEqualTo(0);
    assertThat(time.busyCalls.get()).isAtLeast(4);
  }

  @Test
  void eachRunOfABatchCountsBusyFromItsLaunchUntilItsStepsDo() {
    ManualTime time = new ManualTime();
    PipelineEngine engine = squaring(time);
    List<Integer> busyAtStart = new CopyOnWriteArrayList<>();

    List<Object> squares;
    try (BatchRun<Integer, Object> batch = engine.executeAll(List.of(1, 2, 3, -1), 2, false, n -> {
      busyAtStart.add(time.busy.get());
      if (n < 0) {
        // Its count is given back all the same.
        throw new IllegalArgumentException("no run for " + n);
      }
      return engine.execute(RunOptions.defaults(), new Object[] {n}, (outputs, context) -> n * n);
    })) {
      squares = batch.stream().filter(BatchResult::succeeded)
          .map(done -> done.resultOrThrow().output()).toList();
    }

    assertThat(squares).containsExactly(1, 4, 9);
    assertThat(busyAtStart).hasSize(4);
    assertThat(busyAtStart.stream().mapToInt(Integer::intValue).min().orElseThrow()).isAtLeast(1);
    assertThat(time.busy.get()).isEqualTo(0);
  }

  @Test
  void aBatchRunOnAnotherTimeSourceLeavesTheLaunchCountToItsThread() {
    ManualTime launchedOn = new ManualTime();
    ManualTime other = new ManualTime();
    PipelineEngine batches = squaring(launchedOn);
    PipelineEngine elsewhere = squaring(other);
    List<Integer> launchCountDuringRun = new CopyOnWriteArrayList<>();

    try (BatchRun<Integer, Object> batch = batches.executeAll(List.of(3), 1, false, n ->
        elsewhere.execute(RunOptions.defaults(), new Object[] {n}, (outputs, context) -> {
          launchCountDuringRun.add(launchedOn.busy.get());
          return n * n;
        }))) {
      assertThat(batch.iterator().next().resultOrThrow().output()).isEqualTo(9);
    }

    assertThat(launchCountDuringRun).containsExactly(1);
    assertThat(launchedOn.busy.get()).isEqualTo(0);
    assertThat(other.busy.get()).isEqualTo(0);
  }

  /** An engine of a one-step pipeline of one input, {@code n}, on {@code time}. */
  private static PipelineEngine squaring(TimeSource time) {
    PipelinePlan.Builder plan = PipelinePlan.builder("Square").inputs("n");
    plan.step("square").readsInputs(0);
    plan.output(0);
    return PipelineEngine.create(plan.build(), PipelineConfig.builder().timeSource(time).build());
  }

  private static PipelineResult<Object> run(PipelinePlan plan, TimeSource time, RunOptions options,
      StepBody... bodies) {
    RunSettings settings = RunSettings.resolve(
        plan, PipelineConfig.builder().timeSource(time).build(), options);
    return new PipelineRun<>(Schedule.of(plan), settings, bodies, null, null,
        RetryPolicy.of(time)).execute();
  }

  /**
   * Time that moves only when told: sleeps pass at once, alarms are recorded and never go off,
   * jitter is always its bound.
   */
  private static final class ManualTime implements TimeSource {
    final AtomicLong nanos = new AtomicLong(1_000);
    final AtomicInteger busy = new AtomicInteger();
    final AtomicInteger busyCalls = new AtomicInteger();
    final AtomicInteger cancelled = new AtomicInteger();
    final List<Long> sleeps = new CopyOnWriteArrayList<>();
    final List<Long> alarms = new CopyOnWriteArrayList<>();
    final List<Long> jitterBounds = new CopyOnWriteArrayList<>();
    private final long origin = nanos.get();

    void advance(Duration duration) {
      nanos.addAndGet(duration.toNanos());
    }

    @Override
    public long nanoTime() {
      return nanos.get();
    }

    @Override
    public Instant instant() {
      return START.plusNanos(nanos.get() - origin);
    }

    @Override
    public void sleep(long sleepNanos) {
      sleeps.add(sleepNanos);
      nanos.addAndGet(sleepNanos);
    }

    @Override
    public Alarm schedule(Runnable action, long delayNanos) {
      alarms.add(delayNanos);
      return cancelled::incrementAndGet;
    }

    @Override
    public long jitter(long max) {
      jitterBounds.add(max);
      return max;
    }

    @Override
    public void busy() {
      busyCalls.incrementAndGet();
      busy.incrementAndGet();
    }

    @Override
    public void idle() {
      assertThat(busy.decrementAndGet()).isAtLeast(0);
    }
  }
}
