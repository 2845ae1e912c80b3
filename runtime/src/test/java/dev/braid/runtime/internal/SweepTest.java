package dev.braid.runtime.internal;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;

import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The shared sweep: every action given to it runs, those given while it runs included. */
@Timeout(30)
class SweepTest {

  @Test
  void everyActionGivenToTheSweepRunsEvenAfterOneThrows() throws Exception {
    CountDownLatch ran = new CountDownLatch(3);
    SystemTime.soon(ran::countDown);
    SystemTime.soon(() -> {
      throw new IllegalStateException("a failing action");
    });
    SystemTime.soon(ran::countDown);
    // Given while the sweep runs: it runs in that sweep or arms the next one.
    SystemTime.soon(() -> SystemTime.soon(ran::countDown));

    assertThat(ran.await(10, SECONDS)).isTrue();
  }
}
