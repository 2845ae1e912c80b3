package dev.braid.runtime.internal;

import dev.braid.runtime.StepContext;

/** The {@link StepContext} of one attempt of one step. */
record AttemptContext(String pipelineName, String stepName, int attempt) implements StepContext {}
