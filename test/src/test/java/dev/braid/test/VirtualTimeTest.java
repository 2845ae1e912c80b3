package dev.braid.test;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Virtual time moves to the next timer due, in order, only when no participant is busy. */
@Timeout(30)
class VirtualTimeTest {
  @Test
  void sleepersWakeInTheOrderTheyAreDueEachAtItsOwnTime() throws Exception {
    try (VirtualTime time = VirtualTime.seeded(0)) {
      List<String> woke = new CopyOnWriteArrayList<>();
      Thread[] threads = new Thread[3];
      long[] seconds = {30, 10, 20};
      for (int i = 0; i < 3; i++) {
        time.busy(); // each counted before any starts, as the runtime counts a run's first steps
      }
      for (int i = 0; i < 3; i++) {
        long wait = seconds[i];
        threads[i] = Thread.ofVirtual().start(() -> {
          try {
            time.sleep(Duration.ofSeconds(wait));
            woke.add(wait + "s at " + time.elapsed().toSeconds() + "s");
          } catch (InterruptedException e) {
            throw new AssertionError(e);
          } finally {
            time.idle();
          }
        });
      }
      for (Thread thread : threads) {
        thread.join();
      }

      assertThat(woke).containsExactly("10s at 10s", "20s at 20s", "30s at 30s").inOrder();
    }
  }

  @Test
  void timeStandsStillWhileAParticipantIsBusyWithSomethingElse() throws Exception {
    try (VirtualTime time = VirtualTime.seeded(0)) {
      CountDownLatch sleeping = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      AtomicReference<Duration> seenByBusy = new AtomicReference<>();
      time.busy();
      time.busy();
      Thread sleeper = Thread.ofVirtual().start(() -> {
        try {
          sleeping.countDown();
          time.sleep(Duration.ofMinutes(5));
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        } finally {
          time.idle();
        }
      });
      Thread busy = Thread.ofVirtual().start(() -> {
        try {
          sleeping.await();
          release.await(); // blocks on something other than the virtual time
          seenByBusy.set(time.elapsed());
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        } finally {
          time.idle();
        }
      });
      sleeping.await();
      release.countDown();
      busy.join();
      sleeper.join();

      assertThat(seenByBusy.get()).isEqualTo(Duration.ZERO);
      assertThat(time.elapsed()).isEqualTo(Duration.ofMinutes(5));
    }
  }

  @Test
  void anAlarmThatInterruptsASleeperWakesItAtTheAlarmsTime() throws Exception {
    try (VirtualTime time = VirtualTime.seeded(0)) {
      AtomicReference<Duration> interruptedAt = new AtomicReference<>();
      time.busy();
      Thread sleeper = Thread.ofVirtual().unstarted(() -> {
        try {
          time.sleep(Duration.ofHours(1));
        } catch (InterruptedException e) {
          interruptedAt.set(time.elapsed());
        } finally {
          time.idle();
        }
      });
      time.schedule(sleeper::interrupt, Duration.ofSeconds(30).toNanos());
      sleeper.start();
      sleeper.join();

      assertThat(interruptedAt.get()).isEqualTo(Duration.ofSeconds(30));
    }
  }

  @Test
  void aCancelledAlarmNeverGoesOff() throws Exception {
    try (VirtualTime time = VirtualTime.seeded(0)) {
      List<String> fired = new CopyOnWriteArrayList<>();
      time.busy(); // this thread, busy while it sets the alarms, so that time cannot move yet
      time.schedule(() -> fired.add("cancelled"), 1_000).cancel();
      time.schedule(() -> fired.add("kept"), 2_000);
      time.busy();
      Thread sleeper = Thread.ofVirtual().start(() -> {
        try {
          time.sleep(3_000);
        } catch (InterruptedException e) {
          throw new AssertionError(e);
        } finally {
          time.idle();
        }
      });
      time.idle();
      sleeper.join();

      assertThat(fired).containsExactly("kept");
    }
  }

  @Test
  void theSameSeedDrawsTheSameJitter() {
    try (VirtualTime first = VirtualTime.seeded(99); VirtualTime second = VirtualTime.seeded(99);
        VirtualTime other = VirtualTime.seeded(100)) {
      long[] a = LongStream.range(0, 20).map(i -> first.jitter(1_000_000_000L)).toArray();
      long[] b = LongStream.range(0, 20).map(i -> second.jitter(1_000_000_000L)).toArray();
      long[] c = LongStream.range(0, 20).map(i -> other.jitter(1_000_000_000L)).toArray();

      assertThat(a).isEqualTo(b);
      assertThat(a).isNotEqualTo(c);
      assertThat(LongStream.of(a).allMatch(n -> n >= 0 && n <= 1_000_000_000L)).isTrue();
    }
  }

  @Test
  void aClosedSourceRefusesNewTimers() {
    VirtualTime time = VirtualTime.seeded(0);
    time.close();

    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> time.schedule(() -> {}, 1));
    assertThat(e).hasMessageThat().contains("closed");
  }
}
