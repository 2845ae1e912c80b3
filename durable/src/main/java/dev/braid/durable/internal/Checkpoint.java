package dev.braid.durable.internal;

import dev.braid.runtime.Usage;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * One stored step output of a run, its JSON not yet read.
 *
 * @param startedAt when the step's first attempt started; null for rows stored before it was kept
 * @param attempts how many attempts the step took
 * @param fingerprint the step's fingerprint in the build that wrote it; null for rows stored
 *     before fingerprints were kept, which are trusted as they were
 */
public record Checkpoint(String step, String outputJson, Usage usage, @Nullable Instant startedAt,
    Instant finishedAt, int attempts, @Nullable String fingerprint) {

  /** When the step started, or for a row that did not keep it, when it finished. */
  public Instant startedOrFinishedAt() {
    return startedAt != null ? startedAt : finishedAt;
  }
}
