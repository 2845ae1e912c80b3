package dev.braid.durable.internal;

import org.jspecify.annotations.Nullable;

/**
 * What a run answered without its pipeline's classes carries into the queue: the inputs it stopped
 * with, as JSON, and the step it stopped at. The worker that claims the run compares those inputs
 * with the answer's, through the pipeline's plan, to keep the checkpoints the answer leaves valid,
 * as a resume with the classes does before it queues the run.
 */
public record PendingResume(String previousInputsJson, @Nullable String stoppedAt) {}
