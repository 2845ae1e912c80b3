package dev.braid.durable;

import dev.braid.durable.internal.Json;
import dev.braid.durable.internal.Migrations;
import dev.braid.durable.internal.RunTable;
import java.lang.reflect.Type;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * Submits durable runs and reads what became of them. A run is in the database before {@link
 * #submit} returns, so it survives the submitting process; any {@link Worker} that has its
 * pipeline registered runs it.
 *
 * <pre>{@code
 * DurableRuns runs = DurableRuns.create(DurableDatabase.h2());
 * String id = runs.submit("TicketPipeline", ticket);
 * StoredRun run = runs.await(id, Duration.ofMinutes(2));
 * Reply reply = runs.output(run, Reply.class);
 * }</pre>
 *
 * <p>Creating one brings the schema up to date. Thread-safe; holds no connection between calls.
 */
public final class DurableRuns {
  private static final Duration LONGEST_POLL = Duration.ofMillis(500);

  private final RunTable runs;

  private DurableRuns(RunTable runs) {
    this.runs = runs;
  }

  /**
   * Durable runs stored in {@code dataSource}'s database, H2 or PostgreSQL, whose schema is
   * migrated first.
   *
   * @throws IllegalStateException if the database is neither, or its schema is newer than this
   *     library
   */
  public static DurableRuns create(DataSource dataSource) {
    return new DurableRuns(new RunTable(dataSource, Migrations.migrate(dataSource)));
  }

  /** Queues a run of {@code pipeline} with {@code inputs} in the pipeline's order; its id. */
  public String submit(String pipeline, @Nullable Object... inputs) {
    return submit(SubmitOptions.defaults(), pipeline, inputs);
  }

  /**
   * Queues a run with a priority or a time before which no worker claims it, and returns its id
   * once it is stored.
   *
   * @throws DurableStoreException if the database refused it
   */
  public String submit(SubmitOptions options, String pipeline, @Nullable Object... inputs) {
    Objects.requireNonNull(options, "options");
    Objects.requireNonNull(pipeline, "pipeline");
    String id = UUID.randomUUID().toString();
    Instant now = Instant.now();
    Instant notBefore = options.notBefore() != null ? options.notBefore() : now;
    String json = Json.writeArray(inputs);
    try {
      runs.insert(id, pipeline, options.priority(), notBefore, json, now);
    } catch (SQLException e) {
      throw new DurableStoreException("Could not store a run of pipeline '" + pipeline + "'", e);
    }
    return id;
  }

  /** The run as stored now, or empty if there is no run {@code id}. */
  public Optional<StoredRun> status(String id) {
    try {
      return runs.find(Objects.requireNonNull(id, "id"));
    } catch (SQLException e) {
      throw new DurableStoreException("Could not read durable run " + id, e);
    }
  }

  /**
   * Waits until run {@code id} has ended or {@code timeout} has passed, polling the database, and
   * returns it as stored then: check {@link RunStatus#isTerminal()} to tell which.
   *
   * @throws IllegalArgumentException if there is no run {@code id}
   * @throws InterruptedException if the calling thread is interrupted while it waits
   */
  public StoredRun await(String id, Duration timeout) throws InterruptedException {
    Instant until = Instant.now().plus(timeout);
    Duration pause = Duration.ofMillis(10);
    while (true) {
      StoredRun run = status(id).orElseThrow(
          () -> new IllegalArgumentException("There is no durable run " + id));
      Duration left = Duration.between(Instant.now(), until);
      if (run.status().isTerminal() || left.isNegative() || left.isZero()) {
        return run;
      }
      Thread.sleep(Math.min(pause.toMillis(), left.toMillis()) + 1);
      pause = pause.multipliedBy(2).compareTo(LONGEST_POLL) > 0 ? LONGEST_POLL
          : pause.multipliedBy(2);
    }
  }

  /**
   * Cancels run {@code id}: a queued run at once, a running one by asking its worker, which
   * interrupts it at its next heartbeat and stores it as {@code CANCELLED}. Steps it already
   * checkpointed stay stored.
   *
   * @return false if the run had already ended or does not exist
   */
  public boolean cancel(String id) {
    try {
      return runs.cancel(Objects.requireNonNull(id, "id"), Instant.now());
    } catch (SQLException e) {
      throw new DurableStoreException("Could not cancel durable run " + id, e);
    }
  }

  /** The runs {@code filter} selects, newest first. */
  public List<StoredRun> list(RunFilter filter) {
    try {
      return runs.list(Objects.requireNonNull(filter, "filter"));
    } catch (SQLException e) {
      throw new DurableStoreException("Could not list durable runs", e);
    }
  }

  /**
   * The output of a {@code SUCCEEDED} run, read as {@code type}.
   *
   * @throws IllegalStateException if the run did not succeed
   */
  @SuppressWarnings("unchecked")
  public <T> @Nullable T output(StoredRun run, Type type) {
    if (run.status() != RunStatus.SUCCEEDED || run.resultJson() == null) {
      throw new IllegalStateException("Durable run " + run.id() + " of pipeline '"
          + run.pipeline() + "' has no output: it is " + run.status()
          + (run.error() != null ? " (" + run.error() + ")" : ""));
    }
    return (T) Json.read(run.resultJson(), type);
  }
}
