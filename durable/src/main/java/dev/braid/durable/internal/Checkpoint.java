package dev.braid.durable.internal;

import dev.braid.runtime.Usage;
import java.time.Instant;

/** One stored step output of a run, its JSON not yet read. */
public record Checkpoint(String step, String outputJson, Usage usage, Instant finishedAt) {}
