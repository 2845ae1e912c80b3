package dev.braid.durable.internal;

import dev.braid.durable.NoWorkerException;
import dev.braid.durable.WhenNoWorker;
import java.lang.System.Logger.Level;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Tells a submitter whether a live worker runs a pipeline, from {@link WorkerRegistry}. A pipeline
 * found live is not looked up again until the registration found expires, so that a busy
 * submitter asks the database about once per lease, not once per run. Warns at most once a minute
 * per pipeline that no worker runs. Thread-safe.
 */
public final class LiveWorkers {
  private static final System.Logger LOG = System.getLogger(LiveWorkers.class.getName());
  private static final Duration WARN_EVERY = Duration.ofMinutes(1);

  private final WorkerRegistry registry;
  private final Map<String, Instant> liveUntil = new ConcurrentHashMap<>();
  private final Map<String, Instant> warned = new ConcurrentHashMap<>();

  public LiveWorkers(WorkerRegistry registry) {
    this.registry = registry;
  }

  /** The notice a run of {@code pipeline} is stored with: null if a live worker runs it. */
  public static String notice(String pipeline) {
    return "no worker runs pipeline " + pipeline;
  }

  /**
   * Null if a live worker runs {@code pipeline}; else its notice, or under {@link
   * WhenNoWorker#REJECT} a {@link NoWorkerException}.
   */
  public @Nullable String check(String pipeline, WhenNoWorker when, Instant now)
      throws SQLException {
    Instant cached = liveUntil.get(pipeline);
    if (cached != null && cached.isAfter(now)) {
      return null;
    }
    Optional<Instant> until = registry.liveUntil(pipeline, now);
    if (until.isPresent()) {
      liveUntil.put(pipeline, until.get());
      return null;
    }
    if (when == WhenNoWorker.REJECT) {
      throw new NoWorkerException("A run of pipeline '" + pipeline + "' was not stored: "
          + notice(pipeline) + " (no worker that registered it has shown it is alive within its"
          + " lease); start a Worker with this pipeline, or submit with WhenNoWorker.WARN to"
          + " queue the run until one starts");
    }
    return notice(pipeline);
  }

  /** Logs that run {@code id} waits for a worker of {@code pipeline}, once a minute at most. */
  public void warn(String id, String pipeline) {
    Instant now = Instant.now();
    Instant last = warned.get(pipeline);
    if (last != null && Duration.between(last, now).compareTo(WARN_EVERY) < 0) {
      return;
    }
    warned.put(pipeline, now);
    LOG.log(Level.WARNING, "Durable run " + id + " is queued, but " + notice(pipeline)
        + ": it waits until a worker with this pipeline starts (further runs of the pipeline are"
        + " not logged for a minute)");
  }
}
