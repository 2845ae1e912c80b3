package dev.braid.runtime;

import dev.braid.runtime.time.TimeSource;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.UUID;
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
  private static final System.Logger LOG = System.getLogger(RateLimiter.class.getName());
  /** How long to wait before asking a store that failed again. */
  private static final Duration STORE_RETRY = Duration.ofSeconds(1);
  /**
   * How long a call queued behind the first sleeps on a replaced time source, where a thread
   * blocked on a condition would keep time still, once the moment the asking call asks again has
   * come: a millisecond of that time.
   */
  private static final long POLL_NANOS = 1_000_000;
  /** The order of a line: higher priority first, then arrival. */
  private static final Comparator<Ticket> LINE_ORDER =
      Comparator.comparingInt(Ticket::priority).reversed().thenComparingLong(Ticket::order);

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

  private final Map<String, Line> lines = new HashMap<>();
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
      if (lines.putIfAbsent(limit.model(), new Line(limit)) != null) {
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
    Instant now = time.instant();
    return ChronoUnit.MICROS.between(Instant.EPOCH, now);
  }

  /**
   * The calls waiting for one limit, by priority then the order they joined it; the first asks the
   * store, and has the turn until it is admitted, steps aside or stops waiting.
   *
   * <p>On a replaced time source, such as a test's virtual time, a call behind the asking one
   * cannot wait on a condition, as a thread blocked on one counts as busy and keeps time still. It
   * sleeps on that time instead, until the moment the asking call asks again, so that a room that
   * comes then goes to the call it would go to on the system's time, at that instant rather than a
   * poll later: if the asking call is admitted or steps aside, the next takes the turn as its sleep
   * ends; if the next call's sleep ends first and it ranks before the asking call, which would step
   * aside for it on waking, it takes the turn from that call at once.
   */
  private final class Line {
    private final RateLimit limit;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition turn = lock.newCondition();
    private final PriorityQueue<Ticket> queue = new PriorityQueue<>(LINE_ORDER);
    private long arrivals; // guarded by lock
    private int calls; // guarded by lock: the calls in the line or with the turn, for waiting()
    private @Nullable Ticket asking; // guarded by lock: the one call that has the turn
    private long askingAgainAt; // guarded by lock: when it asks next, on time's nanoTime()
    /** Whether the asking call sleeps until {@link #askingAgainAt} and has not looked since. */
    private boolean askerAsleep; // guarded by lock

    Line(RateLimit limit) {
      this.limit = limit;
    }

    CallGate.Admission admit(ModelCall call, int priority) throws InterruptedException {
      Ticket ticket = lineUp(priority);
      while (!askInTurn(call, ticket)) {
        // stepped aside for a call that ranks before it, and is back in the line with its place
      }
      long reserved = limit.tokensPerCall();
      return limit.tokensPerMinute() < 0 ? CallGate.Admission.NONE
          : used -> adjust(reserved - used.totalTokens());
    }

    /**
     * Puts a call that just came in the line. Its place is taken as it joins, so that calls of
     * equal priority line up in the order they joined and the asking call never has to step aside
     * for one of them.
     */
    private Ticket lineUp(int priority) {
      Waiter waiter = new Waiter(UUID.randomUUID().toString(), priority, nowMicros());
      lock.lock();
      try {
        Ticket ticket = new Ticket(waiter, arrivals++);
        queue.add(ticket);
        calls++;
        return ticket;
      } finally {
        lock.unlock();
      }
    }

    /**
     * Waits until {@code ticket}, in the line, takes the turn, then asks the store for it: true
     * once the call is admitted, false if a call that joined after it but ranks before it came
     * first, for which it stepped aside or which took the turn from it; it is back in the line.
     */
    private boolean askInTurn(ModelCall call, Ticket ticket) throws InterruptedException {
      lock.lock();
      try {
        while (!takeTurn(ticket)) {
          awaitTurn();
        }
      } catch (InterruptedException e) {
        queue.remove(ticket);
        calls--;
        turn.signalAll();
        throw e;
      } finally {
        lock.unlock();
      }
      boolean steppedAside = false;
      try {
        steppedAside = !waitForRoom(call, ticket);
        return !steppedAside;
      } finally {
        endTurn(ticket, steppedAside);
      }
    }

    /**
     * Gives {@code ticket} the turn if it is first in the line and no call has the turn, or the
     * asking call sleeps past the moment it would have asked again and ranks after it. Under the
     * lock.
     */
    private boolean takeTurn(Ticket ticket) {
      if (queue.peek() != ticket) {
        return false;
      }
      Ticket current = asking;
      if (current != null && !(askerAsleep && askingAgainAt - time.nanoTime() <= 0
          && LINE_ORDER.compare(ticket, current) < 0)) {
        return false;
      }
      queue.poll();
      asking = ticket;
      askerAsleep = false;
      return true;
    }

    /**
     * Ends {@code ticket}'s turn, unless a call that ranks before it took it, and puts it back in
     * the line if it {@code steppedAside}; else the call leaves.
     */
    private void endTurn(Ticket ticket, boolean steppedAside) {
      lock.lock();
      try {
        if (asking == ticket) {
          asking = null;
          askerAsleep = false;
        }
        if (steppedAside) {
          queue.add(ticket);
        } else {
          calls--;
        }
        turn.signalAll();
      } finally {
        lock.unlock();
      }
    }

    /**
     * Waits under the lock until the line may have moved: on the condition on the system's time;
     * on a replaced one, by sleeping on it with the lock released until the asking call asks again,
     * or for a poll if that moment has come, so that time can move while that call sleeps for room.
     */
    private void awaitTurn() throws InterruptedException {
      if (time == TimeSource.system()) {
        turn.await();
        return;
      }
      long untilAsked = askingAgainAt - time.nanoTime();
      long nap = untilAsked > 0 ? untilAsked : POLL_NANOS;
      lock.unlock();
      try {
        time.sleep(nap);
      } finally {
        lock.lock();
      }
    }

    /**
     * Asks the store until it admits the call, sleeping as long as it says: true once admitted,
     * false if, before an ask, the call no longer has the turn or a call that ranks before it waits
     * in the line. Withdraws the call from the store unless it was admitted.
     */
    private boolean waitForRoom(ModelCall call, Ticket ticket) throws InterruptedException {
      Waiter waiter = ticket.waiter();
      boolean admitted = false;
      try {
        while (true) {
          if (!keepsTurn(ticket)) {
            return false;
          }
          long wait;
          try {
            wait = store.take(limit, limit.tokensPerCall(), waiter, nowMicros());
          } catch (InterruptedException e) {
            throw e;
          } catch (Exception e) {
            LOG.log(Level.WARNING, "Could not ask for room under " + limit + " for step '"
                + call.stepName() + "' of pipeline '" + call.pipelineName() + "'; trying again"
                + " in " + STORE_RETRY.toMillis() + " ms", e);
            wait = STORE_RETRY.toNanos() / 1_000;
          }
          if (wait == 0) {
            admitted = true;
            return true;
          }
          long nanos = TimeUnit.MICROSECONDS.toNanos(wait);
          lock.lock();
          try {
            askingAgainAt = time.nanoTime() + nanos;
            askerAsleep = true;
          } finally {
            lock.unlock();
          }
          time.sleep(nanos);
        }
      } finally {
        if (!admitted) {
          withdraw(call, waiter);
        }
      }
    }

    /**
     * Whether {@code ticket}, about to ask, still has the turn and no call in the line ranks before
     * it. From here on it is awake, and no other call may take the turn from it.
     */
    private boolean keepsTurn(Ticket ticket) {
      lock.lock();
      try {
        if (asking != ticket) {
          return false; // a call that ranks before it took the turn while it slept
        }
        askerAsleep = false;
        Ticket first = queue.peek();
        return first == null || LINE_ORDER.compare(first, ticket) >= 0;
      } finally {
        lock.unlock();
      }
    }

    private void withdraw(ModelCall call, Waiter waiter) {
      try {
        store.withdraw(limit, waiter);
      } catch (Exception e) {
        LOG.log(Level.WARNING, "Could not withdraw step '" + call.stepName() + "' of pipeline '"
            + call.pipelineName() + "' from the calls waiting under " + limit + "; the store"
            + " forgets it once it stops asking", e);
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
        return calls;
      } finally {
        lock.unlock();
      }
    }
  }

  private record Ticket(Waiter waiter, long order) {
    int priority() {
      return waiter.priority();
    }
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
