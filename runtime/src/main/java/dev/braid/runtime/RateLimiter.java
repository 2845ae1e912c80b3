package dev.braid.runtime;

import dev.braid.runtime.time.TimeSource;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Enforces {@link RateLimit}s on the model calls of every run given one of its {@link #gate
 * gates}: a call to a limited model waits until the limit has room, and once the call reports its
 * usage, the tokens it reserved are corrected. The buckets live in a {@link Store}: in memory for
 * the runs of one JVM ({@link #inMemory}), or in a database that several processes share (a
 * durable worker's {@code WorkerConfig.rateLimit}).
 *
 * <p>Calls that wait for one limit line up by their run's priority, highest first, then in the
 * order they came; only the first asks the store, so the store is asked by one caller per limit
 * and process at a time, and it steps back into the line, before it asks again, when a call that
 * ranks before it has come. That caller asks as a {@link Waiter}: its priority and since when it
 * waits. A store that several processes share admits only the best waiter it heard of, so a
 * high-priority call waiting in one worker is served before a lower-priority one that has waited
 * longer in another, and calls of equal priority are served in the order they came, whichever
 * worker they wait in. A wait ends when the step's attempt does: the runtime interrupts it at the
 * step's timeout or the run's deadline, and the call is not made.
 *
 * <p>Every wait and time reading goes through the limiter's {@link TimeSource}: give it the one
 * the runs use, so that on a test's virtual time a limit's waits pass at once and still count the
 * minutes they stand for. Thread-safe.
 */
public final class RateLimiter {
  /**
   * Where the buckets of the limits live. Each method reads the limit's {@link RateLimit.Level}
   * (a full one the first time), applies the given change and stores the result, atomically
   * against every other caller of the same store.
   */
  public interface Store {
    /**
     * Applies {@link RateLimit#take} for {@code waiter}, unless another waiter of the limit that
     * the store heard of and that still waits ranks before it ({@link Waiter#ORDER}); returns the
     * wait, 0 if the call was admitted. A store that one process uses alone may ignore the
     * waiter, since the limiter lets one caller per limit ask at a time.
     */
    long take(RateLimit limit, long tokens, Waiter waiter, long nowMicros) throws Exception;

    /** Applies {@link RateLimit#adjust}. */
    void adjust(RateLimit limit, long tokens, long nowMicros) throws Exception;

    /**
     * Forgets {@code waiter}, which stopped waiting without being admitted because its step was
     * interrupted. Nothing unless the store keeps waiters.
     */
    default void withdraw(RateLimit limit, Waiter waiter) throws Exception {}
  }

  /**
   * A call waiting for a limit, as it asks the store: stores that several processes share admit
   * the first in {@link #ORDER}.
   *
   * @param id unique among the waiters of every process
   * @param priority its run's priority
   * @param sinceMicros when it began to wait, in microseconds since the epoch
   */
  public record Waiter(String id, int priority, long sinceMicros) {
    /** Higher priority first, then the one waiting since earlier, then by id. */
    public static final Comparator<Waiter> ORDER = Comparator.comparingInt(Waiter::priority)
        .reversed().thenComparingLong(Waiter::sinceMicros).thenComparing(Waiter::id);

    public Waiter {
      Objects.requireNonNull(id, "id");
    }
  }

  private final Map<String, RateLimitLine> lines = new HashMap<>();
  private final Store store;
  private final TimeSource time;

  private RateLimiter(List<RateLimit> limits, Store store, TimeSource time) {
    this.store = store;
    this.time = time;
    for (RateLimit limit : limits) {
      if (limit.requestsPerMinute() < 0 && limit.tokensPerMinute() < 0) {
        throw new IllegalArgumentException(limit.model() + "'s RateLimit sets neither"
            + " requestsPerMinute nor tokensPerMinute; set one, or leave the model unlimited");
      }
      if (lines.putIfAbsent(limit.model(), new RateLimitLine(limit, store, time)) != null) {
        throw new IllegalArgumentException("Model '" + limit.model() + "' has two RateLimits;"
            + " give each model one");
      }
    }
  }

  /** A limiter of {@code limits} whose buckets this JVM keeps, for the runs given its gates. */
  public static RateLimiter inMemory(RateLimit... limits) {
    return inMemory(TimeSource.system(), limits);
  }

  /**
   * A limiter of {@code limits} whose buckets this JVM keeps, waiting on {@code time}: the
   * runs' {@code PipelineConfig.timeSource}, such as a test's virtual time.
   */
  public static RateLimiter inMemory(TimeSource time, RateLimit... limits) {
    return new RateLimiter(List.of(limits), new MemoryStore(), Objects.requireNonNull(time,
        "time"));
  }

  /**
   * A limiter of {@code limits} whose buckets {@code store} keeps, for stores that several
   * processes share.
   *
   * @throws IllegalArgumentException if a model has two limits, or a limit limits nothing
   */
  public static RateLimiter create(List<RateLimit> limits, Store store) {
    return create(limits, store, TimeSource.system());
  }

  /** Like {@link #create(List, Store)}, waiting on {@code time} and reading it for the store. */
  public static RateLimiter create(List<RateLimit> limits, Store store, TimeSource time) {
    return new RateLimiter(List.copyOf(limits), Objects.requireNonNull(store, "store"),
        Objects.requireNonNull(time, "time"));
  }

  /** The gate of a run with {@code priority}: calls of higher-priority runs are admitted first. */
  public CallGate gate(int priority) {
    return (call, model) -> {
      RateLimitLine line = lines.get(model);
      return line == null ? CallGate.Admission.NONE : line.admit(call, priority);
    };
  }

  /** How many calls wait for {@code model}'s limit now; for tests and metrics. */
  public int waiting(String model) {
    RateLimitLine line = lines.get(model);
    return line == null ? 0 : line.waiting();
  }

  /** The buckets of one JVM, each changed under the store's lock; one process needs no waiters. */
  private static final class MemoryStore implements Store {
    private final Map<String, RateLimit.Level> levels = new HashMap<>();

    @Override
    public synchronized long take(RateLimit limit, long tokens, Waiter waiter, long nowMicros) {
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
