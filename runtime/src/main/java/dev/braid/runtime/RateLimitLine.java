package dev.braid.runtime;

import dev.braid.runtime.time.TimeSource;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.PriorityQueue;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

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
 *
 * <p>One per limit of a {@link RateLimiter}. Thread-safe: its state is guarded by its lock, which
 * no call holds while it asks the store or sleeps.
 */
final class RateLimitLine {
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

  private final RateLimit limit;
  private final RateLimiter.Store store;
  private final TimeSource time;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition turn = lock.newCondition();
  private final PriorityQueue<Ticket> queue = new PriorityQueue<>(LINE_ORDER);
  private long arrivals; // guarded by lock
  private int calls; // guarded by lock: the calls in the line or with the turn, for waiting()
  private @Nullable Ticket asking; // guarded by lock: the one call that has the turn
  private long askingAgainAt; // guarded by lock: when it asks next, on time's nanoTime()
  /** Whether the asking call sleeps until {@link #askingAgainAt} and has not looked since. */
  private boolean askerAsleep; // guarded by lock

  RateLimitLine(RateLimit limit, RateLimiter.Store store, TimeSource time) {
    this.limit = limit;
    this.store = store;
    this.time = time;
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
    RateLimiter.Waiter waiter =
        new RateLimiter.Waiter(UUID.randomUUID().toString(), priority, nowMicros());
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
    RateLimiter.Waiter waiter = ticket.waiter();
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

  private void withdraw(ModelCall call, RateLimiter.Waiter waiter) {
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

  private long nowMicros() {
    Instant now = time.instant();
    return ChronoUnit.MICROS.between(Instant.EPOCH, now);
  }

  private record Ticket(RateLimiter.Waiter waiter, long order) {
    int priority() {
      return waiter.priority();
    }
  }
}
