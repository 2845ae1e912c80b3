package dev.braid.durable;

import java.time.Instant;
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
  private final @Nullable Instant submittedFrom;
  private final @Nullable Instant submittedBefore;

  private RunFilter(@Nullable String pipeline, Set<RunStatus> statuses, int limit,
      @Nullable Instant submittedFrom, @Nullable Instant submittedBefore) {
    this.pipeline = pipeline;
    this.statuses = statuses;
    this.limit = limit;
    this.submittedFrom = submittedFrom;
    this.submittedBefore = submittedBefore;
  }

  /** Every run, at most 100. */
  public static RunFilter all() {
    return new RunFilter(null, EnumSet.allOf(RunStatus.class), 100, null, null);
  }

  /** Only runs of {@code pipeline}. */
  public RunFilter pipeline(String pipeline) {
    return new RunFilter(Objects.requireNonNull(pipeline, "pipeline"), statuses, limit,
        submittedFrom, submittedBefore);
  }

  /** Only runs in one of {@code statuses}. */
  public RunFilter status(RunStatus first, RunStatus... more) {
    return new RunFilter(pipeline, EnumSet.of(first, more), limit, submittedFrom,
        submittedBefore);
  }

  /** At most {@code limit} runs, which must be positive. */
  public RunFilter limit(int limit) {
    if (limit < 1) {
      throw new IllegalArgumentException("RunFilter limit must be positive, was " + limit);
    }
    return new RunFilter(pipeline, statuses, limit, submittedFrom, submittedBefore);
  }

  /** Only runs submitted at or after {@code from}. */
  public RunFilter submittedFrom(Instant from) {
    return new RunFilter(pipeline, statuses, limit, Objects.requireNonNull(from, "from"),
        submittedBefore);
  }

  /**
   * Only runs submitted before {@code before}: passing the submit time of the last run of a page
   * reads the next page, since runs are listed newest first.
   */
  public RunFilter submittedBefore(Instant before) {
    return new RunFilter(pipeline, statuses, limit, submittedFrom,
        Objects.requireNonNull(before, "before"));
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

  public Optional<Instant> submittedFrom() {
    return Optional.ofNullable(submittedFrom);
  }

  public Optional<Instant> submittedBefore() {
    return Optional.ofNullable(submittedBefore);
  }
}
