package dev.braid.runtime;

import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Enforces {@link RateLimit}s on the model calls of every run given one of its {@link #gate
 * gates}: a call to a limited model waits until the limit has room, and once the call reports its
 * usage, the tokens it reserved are corrected. The buckets live in a {@link Store}: in memory for
 * the runs of one JVM ({@link #inMemory}), or in a database that several processes share (a
 * durable worker's {@code WorkerConfig.rateLimit}).
 *
 * <p>Calls that wait for one limit line up by their run's priority, highest first, then in the
 * order they came; only the first asks the store, so runs of one process are served fairly and
 * the store is asked by one caller per limit and process at a time. A wait ends when the step's
 * attempt does: the runtime interrupts it at the step's timeout or the run's deadline, and the
 * call is not made. Thread-safe.
 */
public final class RateLimiter {
  private static final System.Logger LOG = System.getLogger(RateLimiter.class.getName());
  /** How long to wait before asking a store that failed again. */
  private static final Duration STORE_RETRY = Duration.ofSeconds(1);

  /**
   * Where the buckets of the limits live. Each method reads the limit's {@link RateLimit.Level}
   * (a full one the first time), applies the given change and stores the result, atomically
   * against every other caller of the same store.
   */
  public interface Store {
    /** Applies {@link RateLimit#take}; returns its wait, 0 if the call was admitted. */
    long take(RateLimit limit, long tokens, long nowMicros) throws Exception;

    /** Applies {@link RateLimit#adjust}. */
    void adjust(RateLimit limit, long tokens, long nowMicros) throws Exception;
  }

  private final Map<String, Line> lines = new HashMap<>();
  private final Store store;
  private final InstantSource clock;

  private RateLimiter(List<RateLimit> limits, Store store, InstantSource clock) {
    this.store = store;
    this.clock = clock;
    for (RateLimit limit : limits) {
      if (limit.requestsPerMinute() < 0 && limit.tokensPerMinute() < 0) {
        throw new IllegalArgumentException(limit.model() + "'s RateLimit sets neither"
            + " requestsPerMinute nor tokensPerMinute; set one, or leave the model unlimited");
      }
      if (lines.putIfAbsent(limit.model(), new Line(limit)) != null) {
        throw new IllegalArgumentException("Model '" + limit.model() + "' has two RateLimits;"
            + " give each model one");
      }
    }
  }

  /** A limiter of {@code limits} whose buckets this JVM keeps, for the runs given its gates. */
  public static RateLimiter inMemory(RateLimit... limits) {
    return new RateLimiter(List.of(limits), new MemoryStore(), InstantSource.system());
  }

  /**
   * A limiter of {@code limits} whose buckets {@code store} keeps, for stores that several
   * processes share.
   *
   * @throws IllegalArgumentException if a model has two limits, or a limit limits nothing
   */
  public static RateLimiter create(List<RateLimit> limits, Store store) {
    return new RateLimiter(List.copyOf(limits), Objects.requireNonNull(store, "store"),
        InstantSource.system());
  }

  /** The gate of a run with {@code priority}: calls of higher-priority runs are admitted first. */
  public CallGate gate(int priority) {
    return (call, model) -> {
      Line line = lines.get(model);
      return line == null ? CallGate.Admission.NONE : line.admit(call, priority);
    };
  }

  /** How many calls wait for {@code model}'s limit now; for tests and metrics. */
  public int waiting(String model) {
    Line line = lines.get(model);
    return line == null ? 0 : line.waiting();
  }

  private long nowMicros() {
    Instant now = clock.instant();
    return ChronoUnit.MICROS.between(Instant.EPOCH, now);
  }

  /** The calls waiting for one limit, by priority then arrival; the first asks the store. */
  private final class Line {
    private final RateLimit limit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition turn = lock.newCondition();
    private final PriorityQueue<Ticket> queue = new PriorityQueue<>(
        Comparator.comparingInt(Ticket::priority).reversed().thenComparingLong(Ticket::order));
    private long arrivals; // guarded by lock
    private @Nullable Ticket asking; // guarded by lock: the one call asking the store now

    Line(RateLimit limit) {
      this.limit = limit;
    }

    CallGate.Admission admit(ModelCall call, int priority) throws InterruptedException {
      lock.lock();
      Ticket ticket = new Ticket(priority, arrivals++);
      try {
        queue.add(ticket);
        while (asking != null || queue.peek() != ticket) {
          turn.await();
        }
        queue.remove(ticket);
        asking = ticket;
      } catch (InterruptedException e) {
        queue.remove(ticket);
        turn.signalAll();
        throw e;
      } finally {
        lock.unlock();
      }
      try {
        waitForRoom(call);
      } finally {
        lock.lock();
        try {
          asking = null;
          turn.signalAll();
        } finally {
          lock.unlock();
        }
      }
      long reserved = limit.tokensPerCall();
      return limit.tokensPerMinute() < 0 ? CallGate.Admission.NONE
          : used -> adjust(reserved - used.totalTokens());
    }

    /** Asks the store until it admits the call, sleeping as long as it says. */
    private void waitForRoom(ModelCall call) throws InterruptedException {
      while (true) {
        long wait;
        try {
          wait = store.take(limit, limit.tokensPerCall(), nowMicros());
        } catch (InterruptedException e) {
          throw e;
        } catch (Exception e) {
          LOG.log(Level.WARNING, "Could not ask for room under " + limit + " for step '"
              + call.stepName() + "' of pipeline '" + call.pipelineName() + "'; trying again in "
              + STORE_RETRY.toMillis() + " ms", e);
          wait = STORE_RETRY.toNanos() / 1_000;
        }
        if (wait == 0) {
          return;
        }
        TimeUnit.MICROSECONDS.sleep(wait);
      }
    }

    private void adjust(long tokens) {
      if (tokens == 0) {
        return;
      }
      try {
        store.adjust(limit, tokens, nowMicros());
      } catch (Exception e) {
        LOG.log(Level.WARNING, "Could not correct the tokens reserved under " + limit + " by "
            + tokens + "; the limit's next calls may wait a little more or less", e);
      }
    }

    int waiting() {
      lock.lock();
      try {
        return queue.size() + (asking != null ? 1 : 0);
      } finally {
        lock.unlock();
      }
    }
  }

  private record Ticket(int priority, long order) {}

  /** The buckets of one JVM, each changed under the store's lock. */
  private static final class MemoryStore implements Store {
    private final Map<String, RateLimit.Level> levels = new HashMap<>();

    @Override
    public synchronized long take(RateLimit limit, long tokens, long nowMicros) {
      RateLimit.Take take = limit.take(
          levels.computeIfAbsent(limit.model(), model -> limit.full(nowMicros)), tokens,
          nowMicros);
      levels.put(limit.model(), take.level());
      return take.waitMicros();
    }

    @Override
    public synchronized void adjust(RateLimit limit, long tokens, long nowMicros) {
      levels.put(limit.model(), limit.adjust(
          levels.computeIfAbsent(limit.model(), model -> limit.full(nowMicros)), tokens,
          nowMicros));
    }
  }
}
