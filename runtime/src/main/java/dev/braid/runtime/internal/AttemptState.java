package dev.braid.runtime.internal;

/**
 * Where one {@link Attempt} stands. Every attempt starts {@link #RUNNING} and ends in one of the
 * three final states; in between, its timeout or the run's stop may interrupt it or shield it:
 *
 * <pre>
 *   RUNNING ──timeout──▶ TIMED_OUT ──grace over──▶ ABANDONED
 *      │  └──run stops──▶ STOPPED ────grace over──▶ ABANDONED
 *      │  └──run stops──▶ SHIELDED (own thread) ──timeout──▶ TIMED_OUT
 *      │                           └──deadline, grace over──▶ ABANDONED
 *      ├──code returns or throws (from any state above)──▶ ENDED
 *      └──run stopped before the code began──▶ WITHDRAWN
 * </pre>
 *
 * The state an attempt ended in (or was abandoned from) is kept as {@link Attempt#endedFrom()}, as
 * it says whether its timeout or the run's stop interrupted it; that decides how it is recorded.
 */
enum AttemptState {
  /** Its code runs, or waits for a concurrency slot. */
  RUNNING,
  /** Its timeout passed: its thread was interrupted and has {@link Attempt#GRACE} to end. */
  TIMED_OUT,
  /**
   * The run stopped: its thread was interrupted and has {@link Attempt#GRACE} to end; or, waiting
   * on a thread of its own for a concurrency slot, it was interrupted before its code began.
   */
  STOPPED,
  /**
   * The run stopped, but lets it end on its own: an uninterruptible step's attempt, on a thread of
   * its own. Its timeout may still interrupt it, and a deadline abandons it after the grace.
   */
  SHIELDED,
  /** Final: its code returned or threw, and the step goes on with what it gave. */
  ENDED,
  /**
   * Final: it outlived its grace; the step goes on without it, its thread left to end on its own
   * and its result discarded.
   */
  ABANDONED,
  /** Final: the run stopped before its code could begin. */
  WITHDRAWN;

  /** Whether the attempt is over as far as its step is concerned. */
  boolean over() {
    return this == ENDED || this == ABANDONED || this == WITHDRAWN;
  }

  /** Whether its thread was interrupted and the grace before abandonment runs. */
  boolean interrupted() {
    return this == TIMED_OUT || this == STOPPED;
  }
}
