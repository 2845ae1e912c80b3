package dev.braid.micrometer;

import dev.braid.runtime.BraidException;
import dev.braid.runtime.BudgetExceededException;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.RunCancelledException;
import dev.braid.runtime.RunDeadlineExceededException;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** How a run ended, as the {@code outcome} tag of {@code braid.run.duration} names it. */
enum RunOutcome {
  SUCCEEDED,
  STOPPED_EARLY,
  FAILED,
  CANCELLED,
  DEADLINE,
  BUDGET;

  private final String tag = name().toLowerCase(Locale.ROOT);

  /** The tag value: the constant's name in lower case. */
  String tag() {
    return tag;
  }

  /**
   * The outcome of a run that returned {@code result}, or threw {@code failure} with it as its
   * partial result. A budget met by any scope counts as {@link #BUDGET}; any other failure, a
   * step's included, as {@link #FAILED}.
   */
  static RunOutcome of(PipelineResult<?> result, @Nullable BraidException failure) {
    return switch (failure) {
      case null -> result.stoppedEarly() ? STOPPED_EARLY : SUCCEEDED;
      case BudgetExceededException budget -> BUDGET;
      case RunDeadlineExceededException deadline -> DEADLINE;
      case RunCancelledException cancelled -> CANCELLED;
      default -> FAILED;
    };
  }
}
