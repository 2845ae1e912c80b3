package dev.braid.durable;

import dev.braid.runtime.codegen.JsonValues;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A durable run as the database holds it when read.
 *
 * @param id the run's id, returned by {@link DurableRuns#submit}
 * @param pipeline the pipeline's name
 * @param status where the run stands
 * @param priority higher runs are claimed first
 * @param notBefore no worker claims the run before this
 * @param inputsJson the inputs as a JSON array, in the pipeline's order
 * @param attempts how many times a worker claimed the run
 * @param leaseOwner the worker that holds the run's lease, while it is {@code RUNNING}
 * @param leaseExpiresAt when that lease runs out unless renewed
 * @param cancelRequested whether {@link DurableRuns#cancel} asked the running worker to stop it
 * @param resultJson the output step's value as JSON, for a {@code SUCCEEDED} run
 * @param error why the run failed, stopped early or was cancelled
 * @param stoppedAt the step that stopped a {@code STOPPED_EARLY} run with an incomplete
 *     conversation state
 * @param question that state's context: what to ask the user before {@link DurableRuns#resume}
 * @param stateJson that state's data as JSON
 * @param details that state's {@linkplain dev.braid.runtime.ConversationState#details() details}:
 *     what a program reads to decide what to ask; empty when it gave none
 * @param createdAt when it was submitted
 * @param startedAt when a worker last claimed it
 * @param finishedAt when it reached a terminal status
 * @param errorTrace the stack trace of what a {@code FAILED} run threw, with its causes, when it
 *     threw
 * @param version the {@linkplain dev.braid.runtime.PipelineDefinition#version() version} of the
 *     pipeline the run started on: the submitter's, or for a run submitted by pipeline name, that
 *     of the worker that first ran it; null until then
 * @param notice why a queued run is not moving, such as "no worker runs pipeline X" when it was
 *     submitted while no live worker ran its pipeline; null once a worker claimed it
 * @param timelineJson what each step did in the run's last claim, as JSON, for a run that ended
 *     with a result or a partial result ({@code SUCCEEDED}, {@code STOPPED_EARLY}, {@code FAILED}
 *     by an exception of the pipeline, {@code CANCELLED} while running); null before it ended and
 *     for runs stored before timelines were. An object {@code {startedAt, finishedAt, usage,
 *     steps}}; each step {@code {name, status, startedAt, finishedAt, abandoned, usage,
 *     attempts}}, where {@code status} is a {@link dev.braid.runtime.StepStatus} ({@code REUSED}
 *     for a step an earlier claim checkpointed, which has no attempts here); each attempt {@code
 *     {number, outcome, startedAt, finishedAt, waitedMs, error, errorTrace, usage}}, where {@code
 *     outcome} is an {@link dev.braid.runtime.AttemptOutcome} and the error fields are present
 *     only for an attempt that threw. A {@code usage} is {@code {inputTokens, cachedInputTokens,
 *     outputTokens, calls, costMicrocents, latencyMs, byModel}}, {@code byModel} mapping each
 *     model's name to the same numbers for its calls. Times are ISO-8601 instants.
 * @param inputTypes the names of the pipeline's input types when the run started, in order, as
 *     {@code [java.lang.String, com.acme.Ticket]}: what a reader without the pipeline's classes
 *     knows of its inputs; null until a worker or a submitter with the pipeline stored them
 */
public record StoredRun(
    String id,
    String pipeline,
    RunStatus status,
    int priority,
    Instant notBefore,
    String inputsJson,
    int attempts,
    @Nullable String leaseOwner,
    @Nullable Instant leaseExpiresAt,
    boolean cancelRequested,
    @Nullable String resultJson,
    @Nullable String error,
    @Nullable String stoppedAt,
    @Nullable String question,
    @Nullable String stateJson,
    Map<String, Object> details,
    Instant createdAt,
    @Nullable Instant startedAt,
    @Nullable Instant finishedAt,
    @Nullable String errorTrace,
    @Nullable String version,
    @Nullable String notice,
    @Nullable String timelineJson,
    @Nullable String inputTypes) {

  public StoredRun {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(status, "status");
    details = JsonValues.copyOf(Objects.requireNonNull(details, "details"));
  }
}
