package dev.braid.samples.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.braid.durable.RunStatus;
import dev.braid.durable.StoredRun;
import dev.braid.durable.StoredStep;
import dev.braid.samples.ticket.Reply;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A run as {@code GET /runs/{id}} shows it. Fields without a value are left out, except {@code
 * steps}, which is an empty list until the first step has finished; both annotations are spelled
 * out, because Jackson writes nulls and Micronaut Serialization leaves out empty lists by default.
 *
 * @param id the run's id
 * @param pipeline the pipeline it runs
 * @param status {@code QUEUED}, {@code RUNNING}, {@code SUCCEEDED}, {@code STOPPED_EARLY}, {@code
 *     FAILED} or {@code CANCELLED}
 * @param createdAt when it was submitted
 * @param startedAt when a worker last took it
 * @param finishedAt when it ended
 * @param steps the steps that have finished so far, in the order they finished: the timeline
 * @param answer the reply, once the run has {@code SUCCEEDED}
 * @param stoppedAt the step that stopped a {@code STOPPED_EARLY} run
 * @param question what to ask the customer before resuming a {@code STOPPED_EARLY} run
 * @param details what a program reads to decide what to ask, such as {@code {"missing":
 *     ["orderNumber"]}}, when the step that stopped the run gave any
 * @param error why a {@code FAILED} or {@code CANCELLED} run ended
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunView(
    String id,
    String pipeline,
    RunStatus status,
    Instant createdAt,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt,
    @JsonInclude(JsonInclude.Include.ALWAYS) List<StepView> steps,
    @Nullable Reply answer,
    @Nullable String stoppedAt,
    @Nullable String question,
    @Nullable Map<String, Object> details,
    @Nullable String error) {

  /** The view of {@code run}, with its finished {@code steps} and its {@code answer}, if any. */
  public static RunView of(StoredRun run, List<StoredStep> steps, @Nullable Reply answer) {
    boolean waiting = run.status() == RunStatus.STOPPED_EARLY;
    return new RunView(run.id(), run.pipeline(), run.status(), run.createdAt(), run.startedAt(),
        run.finishedAt(), steps.stream().map(StepView::of).toList(), answer,
        waiting ? run.stoppedAt() : null, waiting ? run.question() : null,
        waiting && !run.details().isEmpty() ? run.details() : null,
        waiting ? null : run.error());
  }

  /**
   * One finished step: when it ran and what its model calls used.
   *
   * @param name the step's name
   * @param startedAt when its first attempt started
   * @param finishedAt when it succeeded
   * @param durationMillis how long it ran, retries included
   * @param attempts how many attempts it took
   * @param calls the model calls it made
   * @param inputTokens the tokens those calls sent
   * @param outputTokens the tokens they generated
   * @param costMicrocents what they cost, in millionths of a US cent
   */
  public record StepView(
      String name,
      Instant startedAt,
      Instant finishedAt,
      long durationMillis,
      int attempts,
      long calls,
      long inputTokens,
      long outputTokens,
      long costMicrocents) {

    public static StepView of(StoredStep step) {
      return new StepView(step.step(), step.startedAt(), step.finishedAt(),
          step.duration().toMillis(), step.attempts(), step.usage().calls(),
          step.usage().inputTokens(), step.usage().outputTokens(),
          step.usage().costMicrocents());
    }
  }
}
