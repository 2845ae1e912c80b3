package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Model calls held by a rate limiter's gate: priority, corrections, and waits that end. */
@Timeout(30)
class RateLimiterTest {
  private static final ModelCall CALL = new ModelCall() {
    @Override
    public String pipelineName() {
      return "Drafts";
    }

    @Override
    public String stepName() {
      return "draft";
    }

    @Override
    public int stepAttempt() {
      return 1;
    }

    @Override
    public int callAttempt() {
      return 1;
    }

    @Override
    public java.util.Optional<java.time.Instant> deadline() {
      return java.util.Optional.empty();
    }

    @Override
    public java.util.Optional<Duration> remaining() {
      return java.util.Optional.empty();
    }

    @Override
    public void emit(String chunk) {}
  };

  /** A store that admits one call per permit its test releases, and records corrections. */
  private static final class GatedStore implements RateLimiter.Store {
    final Semaphore permits = new Semaphore(0);
    final List<Long> adjusted = new CopyOnWriteArrayList<>();
    /** The priority of each call that asked, in order. */
    final List<Integer> asked = new CopyOnWriteArrayList<>();

    @Override
    public long take(RateLimit limit, long tokens, RateLimiter.Waiter waiter,
        long nowMicros) {
      asked.add(waiter.priority());
      return permits.tryAcquire() ? 0 : 1_000;
    }

    @Override
    public void adjust(RateLimit limit, long tokens, long nowMicros) {
      adjusted.add(tokens);
    }
  }

  private static PipelineEngine engine(PipelinePlan.Builder plan) {
    return PipelineEngine.create(plan.build(), PipelineConfig.builder()
        .prices(PriceTable.empty().with("m", ModelPrice.dollarsPerMillion("1.00", "1.00", "1.00")))
        .build());
  }

  private static Thread admitting(RateLimiter limiter, int priority, List<String> order,
      String name) {
    return Thread.ofVirtual().start(() -> {
      try {
        limiter.gate(priority).admit(CALL, "m");
        order.add(name);
      } catch (InterruptedException e) {
        order.add(name + " interrupted");
      }
    });
  }

  private static void awaitWaiting(RateLimiter limiter, int count) throws InterruptedException {
    while (limiter.waiting("m") < count) {
      Thread.sleep(1);
    }
  }

  @Test
  void callsWaitingBehindTheFirstAreAdmittedByPriorityThenArrival() throws Exception {
    GatedStore store = new GatedStore();
    RateLimiter limiter = RateLimiter.create(
        List.of(RateLimit.model("m").requestsPerMinute(60)), store);
    List<String> order = new CopyOnWriteArrayList<>();

    Thread first = admitting(limiter, 0, order, "first");
    awaitWaiting(limiter, 1);
    Thread low = admitting(limiter, 0, order, "low");
    awaitWaiting(limiter, 2);
    Thread high = admitting(limiter, 5, order, "high");
    // The first steps back into the line before it asks again, and the high one asks instead.
    while (!store.asked.contains(5)) {
      Thread.sleep(1);
    }
    for (int admitted = 1; admitted <= 3; admitted++) {
      store.permits.release();
      while (order.size() < admitted) {
        Thread.sleep(1);
      }
    }
    for (Thread thread : List.of(first, low, high)) {
      thread.join();
    }

    assertThat(order).containsExactly("high", "first", "low").inOrder();
    assertThat(limiter.waiting("m")).isEqualTo(0);
  }

  @Test
  void aWaitingCallThatIsInterruptedLeavesTheLine() throws Exception {
    GatedStore store = new GatedStore();
    RateLimiter limiter = RateLimiter.create(
        List.of(RateLimit.model("m").requestsPerMinute(60)), store);
    List<String> order = new CopyOnWriteArrayList<>();

    Thread first = admitting(limiter, 0, order, "first");
    awaitWaiting(limiter, 1);
    Thread second = admitting(limiter, 0, order, "second");
    awaitWaiting(limiter, 2);
    second.interrupt();
    first.interrupt();
    first.join();
    second.join();

    assertThat(order).containsExactly("first interrupted", "second interrupted");
    assertThat(limiter.waiting("m")).isEqualTo(0);
  }

  @Test
  void aCallCorrectsTheTokensItReservedByWhatTheProviderReported() throws Exception {
    GatedStore store = new GatedStore();
    store.permits.release();
    RateLimiter limiter = RateLimiter.create(List.of(
        RateLimit.model("m").tokensPerMinute(100_000).tokensPerCall(1_000)), store);
    PipelinePlan.Builder plan = PipelinePlan.builder("Drafts");
    plan.step("draft");
    plan.output(0);
    FakeModel model = FakeModel.answering("m", 300, 200);

    PipelineResult<String> result = engine(plan).execute(
        RunOptions.builder().callGate(limiter.gate(0)).build(), new Object[0],
        (outputs, context) -> context.call(model, "ticket").value());

    assertThat(result.usage().totalTokens()).isEqualTo(500);
    assertThat(store.adjusted).containsExactly(500L);
  }

  @Test
  void aCallThatWaitsPastItsStepsTimeoutIsNotMade() {
    GatedStore never = new GatedStore();
    RateLimiter limiter = RateLimiter.create(
        List.of(RateLimit.model("m").requestsPerMinute(60)), never);
    PipelinePlan.Builder plan = PipelinePlan.builder("Drafts");
    plan.step("draft").timeout(Duration.ofMillis(200));
    plan.output(0);
    FakeModel model = FakeModel.answering("m", 300, 200);

    StepExecutionException thrown = assertThrows(StepExecutionException.class,
        () -> engine(plan).execute(
            RunOptions.builder().callGate(limiter.gate(0)).build(), new Object[0],
            (outputs, context) -> context.call(model, "ticket").value()));

    assertThat(thrown).hasCauseThat().isInstanceOf(StepTimeoutException.class);
    assertThat(model.calls()).isEqualTo(0);
    assertThat(limiter.waiting("m")).isEqualTo(0);
  }

  @Test
  void anInMemoryLimiterSpacesCallsAtItsRate() throws Exception {
    RateLimiter limiter = RateLimiter.inMemory(RateLimit.model("m").requestsPerMinute(600));
    CountDownLatch admitted = new CountDownLatch(12);
    long started = System.nanoTime();
    for (int i = 0; i < 12; i++) {
      Thread.ofVirtual().start(() -> {
        try {
          limiter.gate(0).admit(CALL, "m");
          admitted.countDown();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }

    assertThat(admitted.await(20, TimeUnit.SECONDS)).isTrue();
    // 10 a second, the first second's 10 at once: the last two need at least 0.2 s more.
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isAtLeast(Duration.ofMillis(190));
  }
}
