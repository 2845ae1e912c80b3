package dev.braid.runtime.internal;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A transition's effects run after the run's lock is released, in the order they were decided. */
@Timeout(30)
class EffectsTest {

  @Test
  void effectsRunInTheOrderTheyWereDecided() throws Exception {
    ReentrantLock lock = new ReentrantLock();
    List<String> done = new ArrayList<>();
    CountDownLatch ran = new CountDownLatch(1);
    Thread thread = Thread.ofVirtual().unstarted(ran::countDown);

    Effects.decide(lock, effects -> {
      effects.then(() -> done.add("first"));
      effects.start(thread);
      effects.then(() -> done.add("last"));
      assertThat(done).isEmpty(); // decided, not yet carried out
    });

    assertThat(done).containsExactly("first", "last").inOrder();
    assertThat(ran.await(10, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  void effectsRefuseToRunUnderTheLock() {
    ReentrantLock lock = new ReentrantLock();
    List<String> done = new ArrayList<>();
    Effects effects = new Effects(lock);
    effects.then(() -> done.add("effect"));

    lock.lock();
    try {
      assertThrows(AssertionError.class, effects::run);
    } finally {
      lock.unlock();
    }

    assertThat(done).isEmpty();
    effects.run();
    assertThat(done).containsExactly("effect");
  }

  @Test
  void aTransitionSeesNoneOfItsEffectsWhileItHoldsTheLock() {
    ReentrantLock lock = new ReentrantLock();
    List<Boolean> heldWhileRunning = new ArrayList<>();

    Effects.decide(lock, effects -> effects.then(
        () -> heldWhileRunning.add(lock.isHeldByCurrentThread())));

    assertThat(heldWhileRunning).containsExactly(false);
  }
}
