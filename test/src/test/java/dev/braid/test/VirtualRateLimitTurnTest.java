package dev.braid.test;

import static com.google.common.truth.Truth.assertThat;

import dev.braid.runtime.RateLimit;
import dev.braid.runtime.RateLimiter;
import dev.braid.runtime.time.TimeSource;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The turn to ask a rate limit for room passes on at the virtual instant it would on the system's
 * time: when a higher-priority call comes while the asking call sleeps for room, the room that
 * comes goes to it at once, not a poll later. Calls queued on virtual time sleep on it, so the
 * order in which two sleeps due at the same instant end must not matter. The JUnit timeout only
 * guards against a hang.
 */
@Timeout(30)
class VirtualRateLimitTurnTest {
  private static final String MODEL = "draft-model";

  @Test
  void theAskingCallStepsAsideAndTheHigherPriorityCallTakesTheRoomAtItsInstant()
      throws Exception {
    try (VirtualTime time = VirtualTime.seeded(7)) {
      RateLimiter limiter = limiter(time);
      Map<String, Duration> admitted = new ConcurrentHashMap<>();
      time.busy(); // time stands still until both calls wait
      Thread low;
      Thread high;
      try {
        admitting(time, limiter, 0, "first", admitted).join();
        low = admitting(time, limiter, 0, "low", admitted);
        awaitWaiting(limiter, 1);
        high = admitting(time, limiter, 5, "high", admitted);
        awaitWaiting(limiter, 2);
      } finally {
        time.idle();
      }
      assertHighTookTheNextRoom(low, high, admitted);
    }
  }

  @Test
  void aHigherPriorityCallWhoseSleepEndsFirstTakesTheTurnFromTheSleepingAskingCall()
      throws Exception {
    try (VirtualTime virtual = VirtualTime.seeded(7)) {
      HoldingTime time = new HoldingTime(virtual);
      RateLimiter limiter = limiter(time);
      Map<String, Duration> admitted = new ConcurrentHashMap<>();
      virtual.busy(); // time stands still until both calls sleep
      Thread low;
      Thread high;
      try {
        admitting(time, limiter, 0, "first", admitted).join();
        low = unstarted(time, limiter, 0, "low", admitted);
        time.holdNextSleepOf(low);
        low.start();
        time.held.await(); // low asks, is told to wait 30 s, and is held before it sleeps
        high = admitting(time, limiter, 5, "high", admitted);
        while (LockSupport.getBlocker(high) != virtual) { // asleep until low asks again
          Thread.onSpinWait();
        }
        time.release.countDown(); // low's sleep, due at the same instant, ends after high's
      } finally {
        virtual.idle();
      }
      assertHighTookTheNextRoom(low, high, admitted);
    }
  }

  /**
   * Waits for both calls, then asserts the rooms they got: a minute holds two calls, the first's
   * room at once and the next one 30 s later, which goes to the higher priority.
   */
  private static void assertHighTookTheNextRoom(Thread low, Thread high,
      Map<String, Duration> admitted) throws InterruptedException {
    low.join();
    high.join();
    assertThat(admitted).containsExactly("first", Duration.ZERO,
        "high", Duration.ofSeconds(30), "low", Duration.ofSeconds(60));
  }

  private static RateLimiter limiter(TimeSource time) {
    return RateLimiter.inMemory(time, RateLimit.model(MODEL).requestsPerMinute(2));
  }

  /** Starts a thread, counted busy on {@code time}, that waits for room and records when. */
  private static Thread admitting(TimeSource time, RateLimiter limiter, int priority,
      String name, Map<String, Duration> admitted) {
    Thread thread = unstarted(time, limiter, priority, name, admitted);
    thread.start();
    return thread;
  }

  private static Thread unstarted(TimeSource time, RateLimiter limiter, int priority,
      String name, Map<String, Duration> admitted) {
    time.busy(); // the thread gives it back once admitted
    return Thread.ofVirtual().name(name).unstarted(() -> {
      try {
        limiter.gate(priority).admit(new TestCall(), MODEL);
        admitted.put(name, Duration.between(VirtualTime.DEFAULT_START, time.instant()));
      } catch (InterruptedException e) {
        throw new AssertionError(name + " was interrupted", e);
      } finally {
        time.idle();
      }
    });
  }

  private static void awaitWaiting(RateLimiter limiter, int calls) {
    while (limiter.waiting(MODEL) < calls) {
      Thread.onSpinWait();
    }
  }

  /**
   * Virtual time that holds one thread, still busy, as it is about to sleep, until the test lets
   * it: so that a sleep another thread begins meanwhile is set first.
   */
  private static final class HoldingTime extends ForwardingTime {
    final CountDownLatch held = new CountDownLatch(1);
    final CountDownLatch release = new CountDownLatch(1);
    private volatile @Nullable Thread holding;

    HoldingTime(VirtualTime time) {
      super(time);
    }

    void holdNextSleepOf(Thread thread) {
      holding = thread;
    }

    @Override
    public void sleep(long nanos) throws InterruptedException {
      if (Thread.currentThread() == holding) {
        holding = null;
        held.countDown();
        release.await();
      }
      super.sleep(nanos);
    }
  }
}
