package dev.braid.durable;

import static com.google.common.truth.Truth.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.durable.internal.RateLimitTable;
import dev.braid.runtime.ModelCall;
import dev.braid.runtime.RateLimit;
import dev.braid.runtime.RateLimiter;
import dev.braid.testing.model.TestCall;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The shared buckets of rate limits in the database, taken from by many callers at once, and the
 * order in which the waiters of several workers are served.
 */
@Timeout(60)
abstract class RateLimitTableContract {
  private static final long SECOND = 1_000_000;
  private static final long NOW = 1_700_000_000L * SECOND;
  private static final ModelCall CALL = new TestCall();

  @RegisterExtension
  final DurableFixture fixture =
      new DurableFixture(this::newDatabase, new java.util.concurrent.CountDownLatch(0));

  abstract HikariDataSource newDatabase() throws Exception;

  @Test
  void callersAtOnceShareOneSecondsWorthAndNoMore() throws Exception {
    RateLimitTable table = new RateLimitTable(fixture.dataSource());
    RateLimit limit = RateLimit.model("m").requestsPerMinute(600).tokensPerMinute(60_000)
        .tokensPerCall(100);
    List<Callable<Long>> takers = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      takers.add(() -> takeOnce(table, limit, 100, NOW));
    }

    List<Long> waits = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(6)) {
      for (Future<Long> wait : threads.invokeAll(takers)) {
        waits.add(wait.get());
      }
    }

    // 10 requests a second, and 1,000 tokens: ten calls of 100.
    assertThat(waits.stream().filter(wait -> wait == 0).count()).isEqualTo(10);
    assertThat(takeOnce(table, limit, 100, NOW + SECOND / 10)).isEqualTo(0);
  }

  @Test
  void tokensGivenBackAdmitTheNextCallSooner() throws Exception {
    RateLimitTable table = new RateLimitTable(fixture.dataSource());
    RateLimit limit = RateLimit.model("m").tokensPerMinute(60_000).tokensPerCall(1_000);

    assertThat(takeOnce(table, limit, 1_000, NOW)).isEqualTo(0);
    assertThat(takeOnce(table, limit, 1_000, NOW)).isEqualTo(SECOND);
    table.adjust(limit, 1_000 - 250, NOW);

    assertThat(takeOnce(table, limit, 1_000, NOW)).isEqualTo(SECOND / 4);
  }

  @Test
  void aHigherPriorityCallWaitingInAnotherWorkerIsServedFirst() throws Exception {
    Served served = serveTwo(0, 5);

    assertThat(served.order()).containsExactly("later", "earlier").inOrder();
    assertThat(served.earlierSleptWithRoomFree()).isTrue();
  }

  @Test
  void callsOfEqualPriorityInTwoWorkersAreServedInTheOrderTheyBeganToWait() throws Exception {
    Served served = serveTwo(3, 3);

    assertThat(served.order()).containsExactly("earlier", "later").inOrder();
  }

  @Test
  void aWaiterThatStoppedAskingIsForgotten() throws Exception {
    RateLimitTable table = new RateLimitTable(fixture.dataSource());
    RateLimit limit = RateLimit.model("m").requestsPerMinute(60);
    RateLimiter.Waiter gone = new RateLimiter.Waiter("gone", 9, NOW);
    RateLimiter.Waiter low = new RateLimiter.Waiter("low", 0, NOW);

    assertThat(table.take(limit, 1, new RateLimiter.Waiter("first", 0, NOW), NOW)).isEqualTo(0);
    assertThat(table.take(limit, 1, gone, NOW)).isGreaterThan(0);
    assertThat(table.take(limit, 1, low, NOW + 5 * SECOND)).isGreaterThan(0);

    assertThat(table.take(limit, 1, low, NOW + 11 * SECOND)).isEqualTo(0);
  }

  /**
   * Two limiters on one database, standing for two workers: a call of {@code earlierPriority}
   * begins to wait in the first, then, half a second later, one of {@code laterPriority} in the
   * second. Once a call's room has refilled, the earlier caller is woken first, then the later
   * one; a second later, the one still waiting.
   */
  private Served serveTwo(int earlierPriority, int laterPriority) throws Exception {
    SteppedTime time = new SteppedTime(Instant.ofEpochSecond(1_700_000_000L));
    RateLimit limit = RateLimit.model("m").requestsPerMinute(60);
    RateLimiter first = RateLimiter.create(List.of(limit),
        new RateLimitTable(fixture.dataSource()), time);
    RateLimiter second = RateLimiter.create(List.of(limit),
        new RateLimitTable(fixture.dataSource()), time);
    first.gate(0).admit(CALL, "m"); // spends the one call's room there is
    List<String> order = new CopyOnWriteArrayList<>();

    Thread earlier = admitting(time, first, earlierPriority, "earlier", order);
    time.await(() -> time.sleeps(earlier) == 1);
    time.advance(Duration.ofMillis(500));
    Thread later = admitting(time, second, laterPriority, "later", order);
    time.await(() -> time.sleeps(later) == 1);
    time.advance(Duration.ofSeconds(1)); // room for one call again

    time.wake(earlier);
    time.await(() -> order.contains("earlier") || time.sleeps(earlier) == 2);
    boolean earlierSleptWithRoomFree = !order.contains("earlier");
    time.wake(later);
    time.await(() -> order.contains("later") || time.sleeps(later) == 2);
    time.advance(Duration.ofSeconds(1));
    time.wake(order.contains("earlier") ? later : earlier);
    time.await(() -> order.size() == 2);
    earlier.join();
    later.join();
    return new Served(order, earlierSleptWithRoomFree);
  }

  private static Thread admitting(SteppedTime time, RateLimiter limiter, int priority,
      String name, List<String> order) {
    return Thread.ofVirtual().start(() -> {
      try {
        limiter.gate(priority).admit(CALL, "m");
        order.add(name);
      } catch (InterruptedException e) {
        order.add(name + " interrupted");
      }
      time.changed();
    });
  }

  /** Takes from the table as a caller that gives up if it is not admitted at once. */
  private static long takeOnce(RateLimitTable table, RateLimit limit, long tokens, long nowMicros)
      throws Exception {
    RateLimiter.Waiter waiter = new RateLimiter.Waiter(UUID.randomUUID().toString(), 0, nowMicros);
    long wait = table.take(limit, tokens, waiter, nowMicros);
    if (wait > 0) {
      table.withdraw(limit, waiter);
    }
    return wait;
  }

  private record Served(List<String> order, boolean earlierSleptWithRoomFree) {}

}
