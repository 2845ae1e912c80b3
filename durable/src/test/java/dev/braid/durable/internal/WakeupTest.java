package dev.braid.durable.internal;

import static com.google.common.truth.Truth.assertThat;

import dev.braid.runtime.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A worker thread's wait keeps signals, and on a virtual source is idle exactly while it waits. */
@Timeout(10)
class WakeupTest {
  @Test
  void aSignalBeforeTheWaitIsKeptForIt() throws Exception {
    CountingTime time = new CountingTime();
    Wakeup wakeup = new Wakeup(time);
    wakeup.signal();

    assertThat(wakeup.await(Duration.ofHours(1))).isTrue();
    assertThat(time.alarms).isEmpty();
    assertThat(time.busy.get()).isEqualTo(1);
  }

  @Test
  void onAVirtualSourceTheWaiterIsIdleUntilItsAlarmCountsItBusyAgain() throws Exception {
    CountingTime time = new CountingTime();
    Wakeup wakeup = new Wakeup(time);
    CompletableFuture<Boolean> woken = CompletableFuture.supplyAsync(() -> awaitQuietly(wakeup,
        Duration.ofSeconds(5)));
    time.idled.get(5, TimeUnit.SECONDS);

    assertThat(time.busy.get()).isEqualTo(0);
    assertThat(time.alarms).hasSize(1);
    assertThat(time.delays).containsExactly(Duration.ofSeconds(5).toNanos());
    time.alarms.getFirst().run();

    assertThat(woken.get(5, TimeUnit.SECONDS)).isFalse();
    assertThat(time.busy.get()).isEqualTo(1);
    assertThat(time.cancelled.get()).isTrue();
  }

  @Test
  void aWaitWithoutALimitArmsNoAlarmAndASignalEndsIt() throws Exception {
    CountingTime time = new CountingTime();
    Wakeup wakeup = new Wakeup(time);
    CompletableFuture<Boolean> woken =
        CompletableFuture.supplyAsync(() -> awaitQuietly(wakeup, null));
    time.idled.get(5, TimeUnit.SECONDS);

    assertThat(time.alarms).isEmpty();
    wakeup.signal();

    assertThat(woken.get(5, TimeUnit.SECONDS)).isTrue();
    assertThat(time.busy.get()).isEqualTo(1);
  }

  @Test
  void onTheSystemTimeAWaitEndsWhenItsTimeHasPassed() throws Exception {
    Wakeup wakeup = new Wakeup(TimeSource.system());

    assertThat(wakeup.await(Duration.ofMillis(20))).isFalse();
    wakeup.signal();
    assertThat(wakeup.await(Duration.ofHours(1))).isTrue();
  }

  private static boolean awaitQuietly(Wakeup wakeup, Duration most) {
    try {
      return wakeup.await(most);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A source that counts busy participants (one to start with) and keeps its alarms. */
  private static final class CountingTime implements TimeSource {
    final AtomicInteger busy = new AtomicInteger(1);
    final List<Runnable> alarms = new ArrayList<>();
    final List<Long> delays = new ArrayList<>();
    final AtomicBoolean cancelled = new AtomicBoolean();
    final CompletableFuture<Void> idled = new CompletableFuture<>();

    @Override
    public long nanoTime() {
      return 0;
    }

    @Override
    public Instant instant() {
      return Instant.EPOCH;
    }

    @Override
    public void sleep(long nanos) {
      throw new UnsupportedOperationException();
    }

    @Override
    public synchronized Alarm schedule(Runnable action, long delayNanos) {
      alarms.add(action);
      delays.add(delayNanos);
      return () -> cancelled.set(true);
    }

    @Override
    public long jitter(long max) {
      return 0;
    }

    @Override
    public void busy() {
      busy.incrementAndGet();
    }

    @Override
    public void idle() {
      busy.decrementAndGet();
      idled.complete(null);
    }
  }
}
