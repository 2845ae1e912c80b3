package dev.braid.durable;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Which runs {@link DurableRuns#list} returns, newest first. Immutable; each method returns a
 * narrowed copy.
 *
 * <pre>{@code
 * runs.list(RunFilter.all().pipeline("TicketPipeline").status(RunStatus.FAILED).limit(20));
 * }</pre>
 */
public final class RunFilter {
  private final @Nullable String pipeline;
  private final Set<RunStatus> statuses;
  private final int limit;

  private RunFilter(@Nullable String pipeline, Set<RunStatus> statuses, int limit) {
    this.pipeline = pipeline;
    this.statuses = statuses;
    this.limit = limit;
  }

  /** Every run, at most 100. */
  public static RunFilter all() {
    return new RunFilter(null, EnumSet.allOf(RunStatus.class), 100);
  }

  /** Only runs of {@code pipeline}. */
  public RunFilter pipeline(String pipeline) {
    return new RunFilter(Objects.requireNonNull(pipeline, "pipeline"), statuses, limit);
  }

  /** Only runs in one of {@code statuses}. */
  public RunFilter status(RunStatus first, RunStatus... more) {
    return new RunFilter(pipeline, EnumSet.of(first, more), limit);
  }

  /** At most {@code limit} runs, which must be positive. */
  public RunFilter limit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("RunFilter limit must be positive, was " + limit);
    }
    return new RunFilter(pipeline, statuses, limit);
  }

  public Optional<String> pipeline() {
    return Optional.ofNullable(pipeline);
  }

  public Set<RunStatus> statuses() {
    return Set.copyOf(statuses);
  }

  public int limit() {
    return limit;
  }
}
