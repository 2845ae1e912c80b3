package dev.braid.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * What a transition of a {@link RunCoordinator} decided must happen, carried out once the run's
 * lock is released: start a thread, interrupt one, arm or cancel an alarm, tell the listeners, let
 * the caller go. A transition only ever adds to its effects under the lock; {@link #run()} asserts
 * that the lock is no longer held, so that no thread start, interrupt, alarm or listener ever runs
 * under it, and runs them in the order they were decided. Not thread-safe: one per transition, on
 * the thread that made it.
 */
final class Effects {
  private final ReentrantLock lock;
  /** Made by the first effect, as most transitions have none. */
  private @Nullable List<Runnable> actions;

  Effects(ReentrantLock lock) {
    this.lock = lock;
  }

  /** Interrupts {@code thread}: an attempt's, a step's, or the scope's owner. */
  void interrupt(Thread thread) {
    then(thread::interrupt);
  }

  /** Starts {@code thread}. */
  void start(Thread thread) {
    then(thread::start);
  }

  /** Does {@code action}: arms or cancels an alarm, tells the listeners, opens a latch. */
  void then(Runnable action) {
    if (actions == null) {
      actions = new ArrayList<>(4);
    }
    actions.add(action);
  }

  /** Decides {@code transition} under {@code lock}, then carries out its effects without it. */
  static void decide(ReentrantLock lock, Consumer<Effects> transition) {
    Effects effects = new Effects(lock);
    lock.lock();
    try {
      transition.accept(effects);
    } finally {
      lock.unlock();
    }
    effects.run();
  }

  /** Reads {@code value} under {@code lock}. */
  static <T> T read(ReentrantLock lock, Supplier<T> value) {
    lock.lock();
    try {
      return value.get();
    } finally {
      lock.unlock();
    }
  }

  /** Carries out the effects in order; called after the lock was released. */
  void run() {
    assert !lock.isHeldByCurrentThread() : "effects must run after the run's lock is released";
    if (actions != null) {
      for (int i = 0; i < actions.size(); i++) {
        actions.get(i).run();
      }
    }
  }
}
