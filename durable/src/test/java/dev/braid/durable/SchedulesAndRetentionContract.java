package dev.braid.durable;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.durable.internal.Migrations;
import dev.braid.durable.internal.RunSweeper;
import dev.braid.durable.internal.ScheduleFiring;
import dev.braid.durable.internal.ScheduleTable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.BeforeEach;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Recurring schedules and the retention of ended runs, run against each supported database by a
 * subclass. Firing is driven through {@link ScheduleFiring} with explicit times where the test is
 * about when a schedule fires, and through workers where it is about who fires it.
 */
abstract class SchedulesAndRetentionContract {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final Instant NINE_59_30 = Instant.parse("2026-01-01T09:59:30Z");
  private static final Instant TEN = Instant.parse("2026-01-01T10:00:00Z");

  private final CountingPipeline counting = new CountingPipeline();
  private final AtomicReference<Instant> now = new AtomicReference<>(NINE_59_30);
  @RegisterExtension
  final DurableFixture fixture = new DurableFixture(this::newDatabase, counting.release);
  private HikariDataSource dataSource;
  private DurableRuns runs;
  private RunSchedules schedules;
  private ScheduleFiring firing;

  /** A fresh, empty database for one test. */
  abstract HikariDataSource newDatabase() throws Exception;

  @BeforeEach
  void setUp() throws Exception {
    dataSource = fixture.dataSource();
    runs = fixture.runs();
    schedules = RunSchedules.create(dataSource, now::get);
    firing = new ScheduleFiring(dataSource, Migrations.migrate(dataSource));
  }

  private Worker worker(String id, WorkerConfig.Builder config) {
    return fixture.startWorker(config.workerId(id).pollInterval(Duration.ofMillis(20)).build(),
        counting.registration());
  }

  @Test
  void scheduleFiresOneRunAtItsDueTime() throws Exception {
    Instant next = schedules.schedule("digest", "0 * * * *", UTC,
        SubmitOptions.defaults().priority(7), CountingPipeline.NAME, "digest");
    assertThat(next).isEqualTo(TEN);

    assertThat(firing.fireDue(TEN.minusMillis(1))).isEqualTo(0);
    assertThat(runs.list(RunFilter.all())).isEmpty();

    assertThat(firing.fireDue(TEN)).isEqualTo(1);
    StoredRun run = runs.list(RunFilter.all()).getFirst();
    assertThat(run.pipeline()).isEqualTo(CountingPipeline.NAME);
    assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(run.notBefore()).isEqualTo(TEN);
    assertThat(run.priority()).isEqualTo(7);
    assertThat(run.inputsJson()).isEqualTo("[\"digest\"]");
    StoredSchedule fired = schedules.find("digest").orElseThrow();
    assertThat(fired.nextFireAt()).isEqualTo(TEN.plus(Duration.ofHours(1)));
    assertThat(fired.lastFireTime()).isEqualTo(TEN);
    assertThat(fired.lastRunId()).isEqualTo(run.id());

    assertThat(firing.fireDue(TEN.plusSeconds(30))).isEqualTo(0);
    assertThat(runs.list(RunFilter.all())).hasSize(1);
  }

  @Test
  void missedDueTimesFireOnceForTheLatestOfThem() throws Exception {
    schedules.schedule("sync", "*/5 * * * *", UTC, CountingPipeline.NAME, "sync");

    Instant late = Instant.parse("2026-01-01T10:52:10Z");
    assertThat(firing.fireDue(late)).isEqualTo(1);
    assertThat(firing.fireDue(late)).isEqualTo(0);

    List<StoredRun> fired = runs.list(RunFilter.all());
    assertThat(fired).hasSize(1);
    assertThat(fired.getFirst().notBefore()).isEqualTo(Instant.parse("2026-01-01T10:50:00Z"));
    assertThat(schedules.find("sync").orElseThrow().nextFireAt())
        .isEqualTo(Instant.parse("2026-01-01T10:55:00Z"));
    assertThat(firing.fireDue(Instant.parse("2026-01-01T10:55:00Z"))).isEqualTo(1);
    assertThat(runs.list(RunFilter.all())).hasSize(2);
  }

  @Test
  void twoFiringLoopsRacingForTheSameDueTimesQueueOneRunEach() throws Exception {
    int count = 40;
    for (int i = 0; i < count; i++) {
      schedules.schedule("race-" + i, "0 * * * *", UTC, CountingPipeline.NAME, "race-" + i);
    }
    CyclicBarrier start = new CyclicBarrier(2);
    Callable<Integer> loop = () -> {
      start.await();
      int fired = 0;
      for (int turn = 0; turn < 3; turn++) {
        fired += firing.fireDue(TEN.plusSeconds(5));
      }
      return fired;
    };
    ExecutorService threads = Executors.newFixedThreadPool(2);
    try {
      Future<Integer> first = threads.submit(loop);
      Future<Integer> second = threads.submit(loop);
      assertThat(first.get() + second.get()).isEqualTo(count);
    } finally {
      threads.shutdownNow();
    }

    List<StoredRun> fired = runs.list(RunFilter.all().limit(500));
    assertThat(fired).hasSize(count);
    Set<String> inputs = new HashSet<>();
    fired.forEach(run -> inputs.add(run.inputsJson()));
    assertThat(inputs).hasSize(count);
    for (StoredSchedule schedule : schedules.list()) {
      assertThat(runs.status(schedule.lastRunId()).orElseThrow().inputsJson())
          .isEqualTo("[\"" + schedule.name() + "\"]");
    }
  }

  @Test
  void firingFromAStaleReadIsFencedAndAFailedInsertFiresNothing() throws Exception {
    ScheduleTable table = new ScheduleTable(dataSource, Migrations.migrate(dataSource));
    schedules.schedule("digest", "0 * * * *", UTC, CountingPipeline.NAME, "digest");
    ScheduleTable.Due due = table.due(TEN, 10).getFirst();
    String existing = runs.submit(CountingPipeline.NAME, "submitted");
    Instant eleven = TEN.plus(Duration.ofHours(1));

    assertThrows(SQLException.class, () -> table.fire(due, TEN, eleven, existing, TEN));
    assertThat(schedules.find("digest").orElseThrow().nextFireAt()).isEqualTo(TEN);
    assertThat(runs.list(RunFilter.all())).hasSize(1);

    assertThat(table.fire(due, TEN, eleven, "a6d1b1c2-0000-4000-8000-00000000000a", TEN))
        .isTrue();
    assertThat(table.fire(due, TEN, eleven, "a6d1b1c2-0000-4000-8000-00000000000b", TEN))
        .isFalse();
    assertThat(runs.status("a6d1b1c2-0000-4000-8000-00000000000b")).isEmpty();
    assertThat(runs.list(RunFilter.all())).hasSize(2);

    ScheduleTable.Due read = table.due(eleven, 10).getFirst();
    schedules.schedule("digest", "0 * * * *", UTC, CountingPipeline.NAME, "changed");
    assertThat(table.fire(read, eleven, eleven.plus(Duration.ofHours(1)),
        "a6d1b1c2-0000-4000-8000-00000000000c", eleven)).isFalse();
    assertThat(runs.list(RunFilter.all())).hasSize(2);
  }

  @Test
  void twoWorkersFireADueScheduleOnceAndItsRunSucceeds() throws Exception {
    ZonedDateTime due = ZonedDateTime.now(UTC).minusHours(1).truncatedTo(ChronoUnit.MINUTES);
    String cron = due.getMinute() + " " + due.getHour() + " " + due.getDayOfMonth() + " "
        + due.getMonthValue() + " *";
    now.set(due.toInstant().minusSeconds(30));
    assertThat(schedules.schedule("yearly-report", cron, UTC, CountingPipeline.NAME, "report"))
        .isEqualTo(due.toInstant());

    Worker quiet = worker("quiet", WorkerConfig.builder().fireSchedules(false));
    WorkerPolls.awaitWholePoll(quiet);
    assertThat(runs.list(RunFilter.all())).isEmpty();

    Worker w1 = worker("w1", WorkerConfig.builder());
    Worker w2 = worker("w2", WorkerConfig.builder());
    eventually(() -> !runs.list(RunFilter.all().status(RunStatus.SUCCEEDED)).isEmpty());
    // Each has looked for due schedules again since the run ended, and fired nothing more.
    WorkerPolls.awaitWholeScheduleCheck(w1);
    WorkerPolls.awaitWholeScheduleCheck(w2);

    List<StoredRun> fired = runs.list(RunFilter.all());
    assertThat(fired).hasSize(1);
    assertThat(runs.<String>output(fired.getFirst(), String.class))
        .isEqualTo("reply to class of report");
    assertThat(counting.ran("report", 0)).isEqualTo(1);
    assertThat(schedules.find("yearly-report").orElseThrow().nextFireAt())
        .isGreaterThan(Instant.now());
  }

  @Test
  void runOfAPipelineNoWorkerRunsStaysQueued() throws Exception {
    schedules.schedule("orphan", "0 * * * *", UTC, "NoSuchPipeline", "x");
    assertThat(firing.fireDue(TEN)).isEqualTo(1);

    WorkerPolls.awaitWholePoll(worker("w1", WorkerConfig.builder()));

    StoredRun run = runs.list(RunFilter.all()).getFirst();
    assertThat(run.pipeline()).isEqualTo("NoSuchPipeline");
    assertThat(run.status()).isEqualTo(RunStatus.QUEUED);
  }

  @Test
  void schedulingAgainKeepsTheNextFireTimeUnlessTheExpressionOrZoneChanges() throws Exception {
    schedules.schedule("digest", "0 * * * *", UTC, CountingPipeline.NAME, "old");
    now.set(TEN.plus(Duration.ofHours(3)).plusSeconds(10));

    Instant kept = schedules.schedule("digest", "0 * * * *", UTC,
        SubmitOptions.defaults().priority(3), CountingPipeline.NAME, "new");
    assertThat(kept).isEqualTo(TEN);
    assertThat(firing.fireDue(now.get())).isEqualTo(1);
    StoredRun run = runs.list(RunFilter.all()).getFirst();
    assertThat(run.inputsJson()).isEqualTo("[\"new\"]");
    assertThat(run.priority()).isEqualTo(3);
    assertThat(run.notBefore()).isEqualTo(TEN.plus(Duration.ofHours(3)));

    assertThat(schedules.schedule("digest", "30 * * * *", UTC, CountingPipeline.NAME, "new"))
        .isEqualTo(TEN.plus(Duration.ofHours(3)).plus(Duration.ofMinutes(30)));
    assertThat(schedules.schedule("digest", "30 * * * *", ZoneId.of("Asia/Kolkata"),
        CountingPipeline.NAME, "new"))
        .isEqualTo(TEN.plus(Duration.ofHours(4)));
    assertThat(schedules.list()).hasSize(1);
  }

  @Test
  void macrosAndZonesAreAccepted() {
    assertThat(schedules.schedule("hourly", "@hourly", UTC, CountingPipeline.NAME, "h"))
        .isEqualTo(TEN);
    assertThat(schedules.schedule("daily", "@daily", ZoneId.of("Europe/Paris"),
        CountingPipeline.NAME, "d")).isEqualTo(Instant.parse("2026-01-01T23:00:00Z"));
    assertThat(schedules.schedule("weekdays", "0 9 * * MON-FRI", ZoneId.of("America/New_York"),
        CountingPipeline.NAME, "w")).isEqualTo(Instant.parse("2026-01-01T14:00:00Z"));
    assertThat(schedules.list().stream().map(StoredSchedule::name).toList())
        .containsExactly("daily", "hourly", "weekdays").inOrder();
  }

  @Test
  void invalidExpressionsAreRejectedNamingTheScheduleTheExpressionAndTheFault() {
    IllegalArgumentException range = assertThrows(IllegalArgumentException.class,
        () -> schedules.schedule("nightly", "0 25 * * *", UTC, CountingPipeline.NAME, "n"));
    assertThat(range).hasMessageThat().isEqualTo("Schedule 'nightly' has an invalid cron"
        + " expression '0 25 * * *': Value 25 not in range [0, 23]; write five fields (minute"
        + " hour day-of-month month day-of-week), such as '0 3 * * *' for 03:00 every day, or one"
        + " of @yearly, @annually, @monthly, @weekly, @daily, @midnight and @hourly");

    IllegalArgumentException seconds = assertThrows(IllegalArgumentException.class,
        () -> schedules.schedule("fast", "*/5 * * * * *", UTC, CountingPipeline.NAME, "f"));
    assertThat(seconds).hasMessageThat().startsWith("Schedule 'fast' has an invalid cron"
        + " expression '*/5 * * * * *': Cron expression contains 6 parts but we expect one of"
        + " [5]; write five fields");

    IllegalArgumentException reboot = assertThrows(IllegalArgumentException.class,
        () -> schedules.schedule("boot", "@reboot", UTC, CountingPipeline.NAME, "b"));
    assertThat(reboot).hasMessageThat().isEqualTo("Schedule 'boot' has an invalid cron"
        + " expression '@reboot': @reboot has no due time; submit a run when the application"
        + " starts instead");

    IllegalArgumentException never = assertThrows(IllegalArgumentException.class,
        () -> schedules.schedule("leap", "0 0 31 2 *", UTC, CountingPipeline.NAME, "l"));
    assertThat(never).hasMessageThat().isEqualTo("Schedule 'leap' has an invalid cron"
        + " expression '0 0 31 2 *': no date matches it, so it never comes due; check the day"
        + " of the month against the month");

    IllegalArgumentException delayed = assertThrows(IllegalArgumentException.class,
        () -> schedules.schedule("late", "0 * * * *", UTC,
            SubmitOptions.defaults().notBefore(TEN), CountingPipeline.NAME, "l"));
    assertThat(delayed).hasMessageThat().isEqualTo("Schedule 'late' cannot take SubmitOptions"
        + " with a notBefore (2026-01-01T10:00:00Z): its runs are due at the times of"
        + " '0 * * * *'; pass SubmitOptions.defaults().priority(…) only");

    assertThat(schedules.list()).isEmpty();
  }

  @Test
  void unscheduledScheduleFiresNoMore() throws Exception {
    schedules.schedule("digest", "0 * * * *", UTC, CountingPipeline.NAME, "digest");

    assertThat(schedules.unschedule("digest")).isTrue();

    assertThat(schedules.find("digest")).isEmpty();
    assertThat(firing.fireDue(TEN.plus(Duration.ofHours(5)))).isEqualTo(0);
    assertThat(runs.list(RunFilter.all())).isEmpty();
    assertThat(schedules.unschedule("digest")).isFalse();
  }

  @Test
  void retentionDeletesOldEndedRunsWithTheirCheckpointsAndKeepsTheRest() throws Exception {
    Instant old = Instant.now().minus(Duration.ofDays(40));
    String succeeded = ended("succeeded", RunStatus.SUCCEEDED, old);
    String failed = ended("failed", RunStatus.FAILED, old);
    String cancelled = ended("cancelled", RunStatus.CANCELLED, old);
    String recent = ended("recent", RunStatus.SUCCEEDED, Instant.now().minus(Duration.ofDays(1)));
    String stopped = ended("stopped", RunStatus.STOPPED_EARLY, old);
    String queued = runs.submit(CountingPipeline.NAME, "queued");
    String running = ended("running", RunStatus.RUNNING, null);
    RunRetention retention = RunRetention.create(dataSource);

    assertThat(retention.deleteFinished(Duration.ofDays(30))).isEqualTo(3);

    for (String id : List.of(succeeded, failed, cancelled)) {
      assertThat(runs.status(id)).isEmpty();
      assertThat(checkpoints(id)).isEqualTo(0);
    }
    for (String id : List.of(recent, stopped, queued, running)) {
      assertThat(runs.status(id)).isPresent();
    }
    assertThat(checkpoints(recent)).isEqualTo(1);
    assertThat(checkpoints(stopped)).isEqualTo(1);

    assertThat(retention.deleteStoppedEarly(Duration.ofDays(30))).isEqualTo(1);
    assertThat(runs.status(stopped)).isEmpty();
    assertThat(checkpoints(stopped)).isEqualTo(0);
    assertThat(retention.deleteFinished(Duration.ofDays(30))).isEqualTo(0);
  }

  @Test
  void retentionDeletesInBatchesOfBoundedSize() throws Exception {
    Instant old = Instant.now().minus(Duration.ofDays(2));
    for (int i = 0; i < 10; i++) {
      ended("old-" + i, RunStatus.SUCCEEDED, old);
    }
    RunSweeper sweeper = new RunSweeper(dataSource, Migrations.migrate(dataSource), 4);
    Set<RunStatus> finished = EnumSet.of(RunStatus.SUCCEEDED);

    assertThat(sweeper.delete(finished, Instant.now().minus(Duration.ofDays(1)), 2)).isEqualTo(8);
    assertThat(sweeper.delete(finished, Instant.now().minus(Duration.ofDays(1)), 10))
        .isEqualTo(2);
    assertThat(runs.list(RunFilter.all())).isEmpty();
    assertThrows(IllegalArgumentException.class,
        () -> sweeper.delete(EnumSet.of(RunStatus.QUEUED), Instant.now(), 1));
  }

  @Test
  void workerDeletesRunsPastTheirRetention() throws Exception {
    Instant old = Instant.now().minus(Duration.ofDays(10));
    String expired = ended("expired", RunStatus.FAILED, old);
    String stopped = ended("stopped", RunStatus.STOPPED_EARLY, old);
    String recent = ended("recent", RunStatus.SUCCEEDED, Instant.now().minusSeconds(60));

    worker("sweeper", WorkerConfig.builder().retainFinishedRuns(Duration.ofDays(7))
        .retentionInterval(Duration.ofMillis(50)));

    eventually(() -> runs.status(expired).isEmpty());
    assertThat(checkpoints(expired)).isEqualTo(0);
    assertThat(runs.status(stopped)).isPresent();
    assertThat(runs.status(recent)).isPresent();
  }

  /** A run of {@code input} in {@code status}, ended at {@code finishedAt}, with a checkpoint. */
  private String ended(String input, RunStatus status, @Nullable Instant finishedAt)
      throws SQLException {
    String id = runs.submit(CountingPipeline.NAME, input);
    try (Connection connection = dataSource.getConnection()) {
      try (PreparedStatement update = connection.prepareStatement(
          "UPDATE braid_runs SET status = ?, finished_at = ? WHERE id = ?")) {
        update.setString(1, status.name());
        update.setObject(2, finishedAt == null ? null : finishedAt.atOffset(ZoneOffset.UTC));
        update.setString(3, id);
        update.executeUpdate();
      }
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO"
          + " braid_step_checkpoints (run_id, step, output, input_tokens, cached_input_tokens,"
          + " output_tokens, calls, cost_microcents, finished_at)"
          + " VALUES (?, 'extract', '{}', 0, 0, 0, 0, 0, CURRENT_TIMESTAMP)")) {
        insert.setString(1, id);
        insert.executeUpdate();
      }
    }
    return id;
  }

  private int checkpoints(String runId) throws SQLException {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement count = connection.prepareStatement(
            "SELECT COUNT(*) FROM braid_step_checkpoints WHERE run_id = ?")) {
      count.setString(1, runId);
      try (ResultSet rows = count.executeQuery()) {
        rows.next();
        return rows.getInt(1);
      }
    }
  }

  private static void eventually(BooleanSupplier condition) throws InterruptedException {
    Instant until = Instant.now().plus(WAIT);
    while (!condition.getAsBoolean()) {
      assertThat(Instant.now().isBefore(until)).isTrue();
      Thread.sleep(20);
    }
  }
}
