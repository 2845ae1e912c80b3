package dev.braid.durable.internal;

import dev.braid.durable.WorkerConfig;
import java.time.Duration;

/**
 * How long a worker's poller waits after failed claims, and how it describes the failure: from
 * the poll interval, doubling with each further failure in a row up to the heartbeat, so that a
 * worker whose database is away neither spins nor floods its log, and notices soon once the
 * database is back. Immutable.
 */
public final class ClaimBackoff {
  private final WorkerConfig config;

  public ClaimBackoff(WorkerConfig config) {
    this.config = config;
  }

  /** How long the poller waits after its {@code failures}th failure in a row. */
  public Duration retryDelay(int failures) {
    Duration longest = config.heartbeat().compareTo(config.pollInterval()) > 0
        ? config.heartbeat() : config.pollInterval();
    Duration wait = config.pollInterval().multipliedBy(1L << Math.min(failures - 1, 30));
    return wait.compareTo(longest) > 0 ? longest : wait;
  }

  /** The exception's message, and its root cause's when that is another exception. */
  public static String describe(Throwable e) {
    Throwable root = e;
    for (int depth = 0; depth < 10 && root.getCause() != null; depth++) {
      root = root.getCause();
    }
    return root == e ? e.toString() : e + " (caused by " + root + ")";
  }
}
