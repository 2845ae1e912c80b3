package dev.braid.durable;

import static com.google.common.truth.Truth.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.durable.internal.RateLimitTable;
import dev.braid.runtime.RateLimit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The shared buckets of rate limits in the database, taken from by many callers at once. */
abstract class RateLimitTableContract {
  private static final long SECOND = 1_000_000;
  private static final long NOW = 1_700_000_000L * SECOND;

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
      takers.add(() -> table.take(limit, 100, NOW));
    }

    List<Long> waits = new ArrayList<>();
    try (ExecutorService threads = Executors.newFixedThreadPool(6)) {
      for (Future<Long> wait : threads.invokeAll(takers)) {
        waits.add(wait.get());
      }
    }

    // 10 requests a second, and 1,000 tokens: ten calls of 100.
    assertThat(waits.stream().filter(wait -> wait == 0).count()).isEqualTo(10);
    assertThat(table.take(limit, 100, NOW + SECOND / 10)).isEqualTo(0);
  }

  @Test
  void tokensGivenBackAdmitTheNextCallSooner() throws Exception {
    RateLimitTable table = new RateLimitTable(fixture.dataSource());
    RateLimit limit = RateLimit.model("m").tokensPerMinute(60_000).tokensPerCall(1_000);

    assertThat(table.take(limit, 1_000, NOW)).isEqualTo(0);
    assertThat(table.take(limit, 1_000, NOW)).isEqualTo(SECOND);
    table.adjust(limit, 1_000 - 250, NOW);

    assertThat(table.take(limit, 1_000, NOW)).isEqualTo(SECOND / 4);
  }
}
