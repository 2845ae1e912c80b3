package dev.braid.durable;

import java.time.Duration;
import java.util.Objects;

/**
 * How many runs may wait in the queue before {@link DurableRuns#submit} pushes back, and how: by
 * failing at once ({@link #reject}), or by waiting for workers to make room ({@link #block}). The
 * count is read before each insert, so submitters racing one another can pass the limit by at most
 * their number. Immutable.
 *
 * @param maxQueued the most runs in the {@code QUEUED} state, due or delayed; {@code
 *     Long.MAX_VALUE} for no limit
 * @param maxWait how long a submit waits for room before it throws {@link QueueFullException};
 *     zero to throw at once
 */
public record QueueLimit(long maxQueued, Duration maxWait) {

  public QueueLimit {
    Objects.requireNonNull(maxWait, "maxWait");
    if (maxQueued < 1) {
      throw new IllegalArgumentException("A queue limit of " + maxQueued + " runs would accept"
          + " no run; use at least 1, or QueueLimit.none()");
    }
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("A queue limit cannot wait " + maxWait
          + "; use Duration.ZERO to reject at once");
    }
  }

  /** No limit: every submit is stored. The default. */
  public static QueueLimit none() {
    return new QueueLimit(Long.MAX_VALUE, Duration.ZERO);
  }

  /** A full queue fails the submit at once with {@link QueueFullException}. */
  public static QueueLimit reject(long maxQueued) {
    return new QueueLimit(maxQueued, Duration.ZERO);
  }

  /**
   * A full queue makes the submit wait until workers have taken runs from it, for at most {@code
   * maxWait}, then fail with {@link QueueFullException}.
   */
  public static QueueLimit block(long maxQueued, Duration maxWait) {
    return new QueueLimit(maxQueued, maxWait);
  }

  boolean limited() {
    return maxQueued != Long.MAX_VALUE;
  }
}
