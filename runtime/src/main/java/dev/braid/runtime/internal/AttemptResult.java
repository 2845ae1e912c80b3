package dev.braid.runtime.internal;

import dev.braid.runtime.AttemptOutcome;
import dev.braid.runtime.AttemptRecord;
import org.jspecify.annotations.Nullable;

/**
 * How one attempt ended, classified.
 *
 * @param value the step's output for {@link AttemptOutcome#SUCCEEDED} (a conversational step's
 *     data), the incomplete {@code ConversationState} for {@link AttemptOutcome#STOPPED_EARLY}
 * @param record the attempt's record, or null if the run stopped before the attempt could start
 *     or the attempt was abandoned on the calling thread ({@link #HANDED_OVER})
 * @param retriesSpent whether the failure escaped a model call that had already retried it, or
 *     refused to, so that the step must not retry it again
 * @param endNanos when the attempt ended on the run clock's {@link RunClock#nanos()} axis, the time of its
 *     record's end; 0 if it has no record
 */
record AttemptResult(
    AttemptOutcome outcome,
    @Nullable Object value,
    @Nullable Throwable failure,
    @Nullable AttemptRecord record,
    boolean abandoned,
    boolean shielded,
    boolean retriesSpent,
    long endNanos) {

  /**
   * What an attempt abandoned while running inline returns to its thread, once it ends at last:
   * another thread already holds the step, so this one must leave it alone. Compared by identity.
   */
  static final AttemptResult HANDED_OVER =
      new AttemptResult(AttemptOutcome.CANCELLED, null, null, null, true, false, false, 0);

  static AttemptResult notStarted() {
    return new AttemptResult(AttemptOutcome.CANCELLED, null, null, null, false, false, false, 0);
  }
}
