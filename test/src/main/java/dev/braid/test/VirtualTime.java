package dev.braid.test;

import dev.braid.runtime.time.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.SplittableRandom;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Time that passes only when a run is waiting on it: a {@link TimeSource} that jumps, instantly
 * and in order, to the next alarm or sleep due as soon as no participant of the runs on it is
 * busy. A pipeline with a 30-second timeout, three retries and a two-minute deadline thus runs in
 * milliseconds, and its result records the same durations it would in real time.
 *
 * <pre>{@code
 * try (VirtualTime time = VirtualTime.seeded(42)) {
 *   var executor = new TicketPipelineExecutor(pipeline,
 *       PipelineConfig.builder().timeSource(time).build());
 *   PipelineResult<Reply> result = executor.execute(ticket);
 *   AttemptRecord first = result.step("draft").attempts().getFirst();
 *   assertThat(first.duration()).isEqualTo(Duration.ofSeconds(30));
 * }
 * }</pre>
 *
 * <p><b>When time moves.</b> The runtime counts the threads running step code as busy. Time moves
 * only while none is: every step is sleeping on this time (a retry pause, a {@link ScriptedModel}
 * latency, {@link #sleep(Duration)}), waiting for another step, or not started. A step that blocks
 * on anything else — a socket, a lock, {@link Thread#sleep} — keeps time still until it goes on,
 * which makes a test slower but never wrong. Alarms (timeouts, deadlines) run on this object's own
 * thread, counted busy while they run, and threads they interrupt are counted busy before time
 * moves on. A child run ({@code RunOptions.childOf}) runs on its parent's time, and its parent's
 * step, waiting for it on the step's own thread, lets time move for it.
 *
 * <p><b>Replays.</b> Jitter for retry pauses comes from the seed, so that a failing test replays
 * exactly; the draws of steps retrying at the same virtual instant on different threads may come
 * in either order.
 *
 * <p>Thread-safe. {@link #close()} stops its thread; a closed source refuses new alarms.
 */
public final class VirtualTime implements TimeSource, AutoCloseable {
  /** The wall-clock time virtual time starts at unless told otherwise. */
  public static final Instant DEFAULT_START = Instant.parse("2025-01-01T00:00:00Z");
  /** Where {@link #nanoTime()} starts, far from both ends of a {@code long}. */
  private static final long ORIGIN = 1L << 40;

  private final Instant start;
  private final long seed;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  private final SplittableRandom random; // guarded by lock
  private volatile long now = ORIGIN; // written under lock
  private int busy; // guarded by lock
  private long sequence; // guarded by lock
  private boolean closed; // guarded by lock
  private @Nullable Thread driver; // guarded by lock

  private VirtualTime(Instant start, long seed) {
    this.start = start;
    this.seed = seed;
    this.random = new SplittableRandom(seed);
  }

  /** Virtual time starting at {@link #DEFAULT_START}, drawing jitter from {@code seed}. */
  public static VirtualTime seeded(long seed) {
    return new VirtualTime(DEFAULT_START, seed);
  }

  /** Virtual time starting at {@code start}, drawing jitter from {@code seed}. */
  public static VirtualTime startingAt(Instant start, long seed) {
    return new VirtualTime(Objects.requireNonNull(start, "start"), seed);
  }

  /** The seed jitter is drawn from, to print when a test fails. */
  public long seed() {
    return seed;
  }

  /** How much virtual time has passed since this source was made. */
  public Duration elapsed() {
    return Duration.ofNanos(now - ORIGIN);
  }

  @Override
  public long nanoTime() {
    return now;
  }

  @Override
  public Instant instant() {
    return start.plusNanos(now - ORIGIN);
  }

  /**
   * Sleeps {@code duration} of virtual time; for step code and scripted models, whose thread the
   * runtime counts busy.
   *
   * @throws InterruptedException if interrupted first
   */
  public void sleep(Duration duration) throws InterruptedException {
    sleep(saturatedNanos(duration));
  }

  @Override
  public void sleep(long nanos) throws InterruptedException {
    if (nanos <= 0) {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      return;
    }
    Timer timer;
    lock.lock();
    try {
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      timer = add(nanos, null, Thread.currentThread());
      busy--;
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    // Parks rather than waiting on a condition, which would clear the interrupt before this thread
    // holds the lock again: the driver reads the flag to count an interrupted sleeper busy.
    while (true) {
      LockSupport.park(this);
      lock.lock();
      try {
        switch (timer.state) {
          case FIRED -> {
            return;
          }
          case INTERRUPTED -> {
            Thread.interrupted();
            throw new InterruptedException();
          }
          default -> {
            if (Thread.interrupted()) {
              timers.remove(timer);
              timer.state = State.INTERRUPTED;
              busy++;
              throw new InterruptedException();
            }
            changed.signalAll(); // the driver waited while this sleeper queued for the lock
          }
        }
      } finally {
        lock.unlock();
      }
    }
  }

  @Override
  public Alarm schedule(Runnable action, long delayNanos) {
    Objects.requireNonNull(action, "action");
    lock.lock();
    try {
      Timer timer = add(Math.max(0, delayNanos), action, null);
      changed.signalAll();
      return () -> cancel(timer);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public long jitter(long max) {
    lock.lock();
    try {
      return max == Long.MAX_VALUE ? random.nextLong() & Long.MAX_VALUE : random.nextLong(max + 1);
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void busy() {
    lock.lock();
    try {
      busy++;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void idle() {
    lock.lock();
    try {
      if (--busy <= 0) {
        changed.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Stops this source's thread; alarms still due never go off, and sleepers are interrupted. */
  @Override
  public void close() {
    Thread stopping;
    List<Thread> sleepers = new ArrayList<>();
    lock.lock();
    try {
      closed = true;
      stopping = driver;
      for (Timer timer : timers) {
        if (timer.sleeper != null) {
          sleepers.add(timer.sleeper);
        }
      }
      timers.clear();
      changed.signalAll();
    } finally {
      lock.unlock();
    }
    sleepers.forEach(Thread::interrupt);
    if (stopping != null && stopping != Thread.currentThread()) {
      try {
        stopping.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @Override
  public String toString() {
    return "VirtualTime[elapsed=" + elapsed() + ", seed=" + seed + "]";
  }

  private Timer add(long delayNanos, @Nullable Runnable action, @Nullable Thread sleeper) {
    if (closed) {
      throw new IllegalStateException("This VirtualTime was closed; make one per test");
    }
    long due = now + delayNanos;
    Timer timer = new Timer(due < now ? Long.MAX_VALUE : due, sequence++, action, sleeper);
    timers.add(timer);
    if (driver == null) {
      driver = Thread.ofPlatform().daemon().name("braid-virtual-time").start(this::drive);
    }
    return timer;
  }

  private void cancel(Timer timer) {
    lock.lock();
    try {
      if (timer.state == State.PENDING) {
        timer.state = State.CANCELLED;
        timers.remove(timer);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * The driver's loop: whenever nothing is busy, moves time to the earliest timer and fires it —
   * wakes its sleeper, counted busy first, or runs its action while counting itself busy.
   */
  private void drive() {
    lock.lock();
    try {
      while (!closed) {
        wakeInterrupted();
        Timer next = busy <= 0 && !sleeperQueued() ? timers.poll() : null;
        if (next == null) {
          changed.awaitUninterruptibly();
          continue;
        }
        if (next.due > now) {
          now = next.due;
        }
        busy++;
        if (next.sleeper != null) {
          next.state = State.FIRED;
          LockSupport.unpark(next.sleeper);
          continue;
        }
        next.state = State.FIRED;
        Runnable action = Objects.requireNonNull(next.action);
        lock.unlock();
        try {
          action.run();
        } catch (RuntimeException | Error e) {
          Thread.currentThread().getUncaughtExceptionHandler()
              .uncaughtException(Thread.currentThread(), e);
        } finally {
          lock.lock();
          busy--;
        }
      }
    } finally {
      lock.unlock();
    }
  }

  /** Counts busy every sleeper whose thread was interrupted, and lets it go; under the lock. */
  private void wakeInterrupted() {
    for (var it = timers.iterator(); it.hasNext(); ) {
      Timer timer = it.next();
      if (timer.sleeper != null && timer.sleeper.isInterrupted()) {
        it.remove();
        timer.state = State.INTERRUPTED;
        busy++;
        LockSupport.unpark(timer.sleeper);
      }
    }
  }

  /**
   * Whether a sleeper woke and waits for the lock. While it does, the lock's queue may hold its
   * interrupt back ({@link ReentrantLock#lock()} clears the flag as it parks, and sets it again
   * once it has the lock), so that {@link #wakeInterrupted} cannot see it; time waits until the
   * sleeper has looked, as it signals when it parks again. Under the lock.
   */
  private boolean sleeperQueued() {
    for (Timer timer : timers) {
      if (timer.sleeper != null && lock.hasQueuedThread(timer.sleeper)) {
        return true;
      }
    }
    return false;
  }

  private static long saturatedNanos(Duration duration) {
    try {
      return duration.toNanos();
    } catch (ArithmeticException e) {
      return duration.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  /** Where a timer is in its life. */
  private enum State { PENDING, FIRED, INTERRUPTED, CANCELLED }

  /** An alarm or a sleep, in the order it is due, then the order it was set. */
  private static final class Timer implements Comparable<Timer> {
    final long due;
    final long order;
    final @Nullable Runnable action;
    final @Nullable Thread sleeper;
    State state = State.PENDING; // guarded by the source's lock

    Timer(long due, long order, @Nullable Runnable action, @Nullable Thread sleeper) {
      this.due = due;
      this.order = order;
      this.action = action;
      this.sleeper = sleeper;
    }

    @Override
    public int compareTo(Timer other) {
      int byDue = Long.compare(due, other.due);
      return byDue != 0 ? byDue : Long.compare(order, other.order);
    }
  }
}
