package dev.braid.runtime;

import java.time.Instant;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Which run a {@link RunListener} hears about.
 *
 * @param pipelineName the pipeline's name
 * @param runId an identifier unique to this run, for logs and traces
 * @param startedAt when the run started
 * @param parentRunId the run whose step started this one as its child, or null
 * @param stepCount how many steps the run has, reused ones included
 */
public record RunEvent(String pipelineName, String runId, Instant startedAt,
    @Nullable String parentRunId, int stepCount) {
  public RunEvent {
    Objects.requireNonNull(pipelineName, "pipelineName");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(startedAt, "startedAt");
  }
}
