package dev.braid.test;

import static com.google.common.truth.Truth.assertThat;
import static dev.braid.test.BraidTruth.assertThat;

import com.google.common.collect.Range;
import dev.braid.durable.RunFilter;
import dev.braid.durable.RunStatus;
import dev.braid.durable.StoredRun;
import dev.braid.durable.StoredStep;
import dev.braid.durable.SubmitOptions;
import dev.braid.durable.WorkerConfig;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.PriceTable;
import dev.braid.runtime.RateLimit;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A durable testbed's workers run on the test's virtual time: schedules fire, leases end and
 * heartbeats renew them at their virtual instants, in milliseconds of wall time.
 */
@BraidTest(seed = 19)
@Timeout(60)
class DurableVirtualTimeTest {
  private static final PriceTable PRICES = PriceTable.empty().withFree("draft-model");
  /** The databases keep microseconds: a lease has ended one tick after its expiry. */
  private static final Duration DATABASE_TICK = Duration.ofNanos(1_000);

  @Test
  void anHourlyScheduleFiresEachRunAtItsVirtualHour(BraidKit kit, DurableTestbed durable)
      throws Exception {
    CountDownLatch ticks = new CountDownLatch(3);
    TickPipelineExecutor executor =
        new TickPipelineExecutor(new TickPipeline(ticks), kit.config().build());
    Instant start = kit.time().instant();
    Instant first = durable.schedules().schedule("hourly-digest", "@hourly", ZoneOffset.UTC,
        executor.definition().name(), "digest");
    durable.startWorker(executor.definition());

    assertThat(ticks.await(30, TimeUnit.SECONDS)).isTrue();
    durable.schedules().unschedule("hourly-digest");

    assertThat(first).isEqualTo(start.plus(Duration.ofHours(1)));
    List<StoredRun> fired = durable.runs().list(RunFilter.all()).stream()
        .sorted(Comparator.comparing(StoredRun::notBefore)).limit(3).toList();
    assertThat(fired).hasSize(3);
    for (int hour = 1; hour <= 3; hour++) {
      StoredRun run = fired.get(hour - 1);
      Instant due = start.plus(Duration.ofHours(hour));
      assertThat(run.notBefore()).isEqualTo(due);
      assertThat(run.createdAt()).isEqualTo(due);
      assertThat(run.startedAt()).isEqualTo(due);
      assertThat(run.attempts()).isEqualTo(1);
    }
    StoredRun third = durable.runs().await(fired.get(2).id(), DurableTestbed.DEFAULT_WAIT);
    assertThat(third.status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  @Test
  void aWorkerSleepsUntilARunIsDueAndClaimsItAtThatInstant(BraidKit kit, DurableTestbed durable)
      throws Exception {
    CountDownLatch ticks = new CountDownLatch(1);
    TickPipelineExecutor executor =
        new TickPipelineExecutor(new TickPipeline(ticks), kit.config().build());
    durable.startWorker(executor.definition());
    // Between two polls of a worker polling each second: only a worker that sleeps until the due
    // time claims the run at it.
    Instant due = kit.time().instant().plus(Duration.ofHours(2)).plusMillis(300);

    String id = durable.runs().submit(SubmitOptions.defaults().notBefore(due),
        executor.definition(), "later");
    StoredRun run = durable.runs().await(id, DurableTestbed.DEFAULT_WAIT);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.startedAt()).isEqualTo(due);
  }

  @Test
  void aRunWhoseWorkerStopsHeartbeatingIsTakenOverWhenItsLeaseEnds(BraidKit kit,
      DurableTestbed durable) throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch released = new CountDownLatch(1);
    HeldPipelineExecutor executor = new HeldPipelineExecutor(
        new HeldPipeline(entered, released, kit.time()), kit.config().build());
    WorkerConfig.Builder config = WorkerConfig.builder()
        .lease(Duration.ofSeconds(30)).heartbeat(Duration.ofSeconds(10));
    var dying = durable.startWorker(config.workerId("dying").build(), executor.definition());
    String id = durable.runs().submit(executor.definition(), "refund");
    assertThat(entered.await(30, TimeUnit.SECONDS)).isTrue();
    // The step runs, so time stands still: the dying worker's lease is as it claimed it.
    StoredRun claimed = durable.runs().status(id).orElseThrow();
    dying.halt();
    durable.startWorker(config.workerId("survivor").build(), executor.definition());

    released.countDown();
    PipelineResult<String> result =
        durable.runs().await(executor.definition(), id, DurableTestbed.DEFAULT_WAIT);

    assertThat(claimed.leaseOwner()).isEqualTo("dying");
    assertThat(claimed.leaseExpiresAt()).isEqualTo(claimed.startedAt().plusSeconds(30));
    StoredRun taken = durable.runs().status(id).orElseThrow();
    assertThat(taken.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(taken.attempts()).isEqualTo(2);
    assertThat(taken.startedAt()).isEqualTo(claimed.leaseExpiresAt().plus(DATABASE_TICK));
    assertThat(result).hasOutput("refund held");
    StoredStep hold = durable.runs().steps(id).getFirst();
    assertThat(hold.startedAt()).isEqualTo(taken.startedAt());
    assertThat(hold.finishedAt()).isEqualTo(taken.startedAt().plus(Duration.ofHours(1)));
  }

  @Test
  void aDurableRunTimesOutAndRetriesOnVirtualTimeAndKeepsItsLeaseThroughHeartbeats(BraidKit kit,
      DurableTestbed durable) throws Exception {
    ScriptedModel<String, String> model = kit.<String, String>model("draft-model", String.class)
        .thenReply(ScriptedReply.hang())
        .thenReply(ScriptedReply.hang())
        .thenReply(ScriptedReply.value("Dear Sam").after(Duration.ofSeconds(5)))
        .build();
    DurableDraftPipelineExecutor executor = new DurableDraftPipelineExecutor(
        new DurableDraftPipeline(model), kit.config().prices(PRICES).build());
    // A lease of 20 s, shorter than the run's 65 s and more: heartbeats must renew it meanwhile.
    durable.startWorker(WorkerConfig.builder().lease(Duration.ofSeconds(20))
        .heartbeat(Duration.ofSeconds(5)).build(), executor.definition());

    PipelineResult<String> result = durable.runToEnd(executor.definition(), "refund");

    assertThat(result).hasOutput("Dear Sam\n-- Support");
    assertThat(model.calls()).hasSize(3);
    StoredRun run = durable.runs().list(RunFilter.all()).getFirst();
    assertThat(run.attempts()).isEqualTo(1);
    StoredStep draft = durable.runs().steps(run.id()).getFirst();
    assertThat(draft.step()).isEqualTo("draft");
    assertThat(draft.attempts()).isEqualTo(3);
    assertThat(Duration.between(draft.startedAt(), draft.finishedAt()))
        .isAtLeast(Duration.ofSeconds(65));
    assertThat(draft.startedAt()).isEqualTo(run.startedAt());
  }

  @Test
  void aRunHandedToAnIdleWorkerHoldsTimeStillFromTheMomentItIsDated(BraidKit kit)
      throws Exception {
    CountingTime time = new CountingTime(kit.time());
    ScriptedModel<String, String> model = kit.<String, String>model("draft-model", String.class)
        .whenRequest(request -> true, ScriptedReply.value("Dear Sam"))
        .build();
    DurableDraftPipelineExecutor executor = new DurableDraftPipelineExecutor(
        new DurableDraftPipeline(model), kit.config().timeSource(time).prices(PRICES).build());
    try (DurableTestbed durable = DurableTestbed.inMemory(time)) {
      durable.startWorker(executor.definition());
      // Nothing runs and nothing is due: every thread of the worker waits, none counted busy.
      time.awaitIdle(Duration.ofSeconds(30));

      List<String> submitted = new ArrayList<>();
      List<Integer> busyAtReads = time.busyAtReadsOf(
          () -> submitted.add(durable.runs().submit(executor.definition(), "refund")));
      PipelineResult<String> result = durable.runs().await(executor.definition(),
          submitted.getFirst(), DurableTestbed.DEFAULT_WAIT);

      // The run was dated while the worker's reserved slot counted busy: time could not move
      // between the stored start and the start of its first step.
      assertThat(busyAtReads).isNotEmpty();
      assertThat(busyAtReads).doesNotContain(0);
      assertThat(result).hasOutput("Dear Sam\n-- Support");
      StoredRun run = durable.runs().status(submitted.getFirst()).orElseThrow();
      assertThat(run.startedAt()).isEqualTo(run.createdAt());
      assertThat(durable.runs().steps(run.id()).getFirst().startedAt())
          .isEqualTo(run.startedAt());
    }
  }

  @Test
  void aWorkersRateLimitSpacesTheCallsOfItsRunsOnVirtualTime(BraidKit kit,
      DurableTestbed durable) throws Exception {
    ScriptedModel<String, String> model = kit.<String, String>model("draft-model", String.class)
        .whenRequest(request -> true, ScriptedReply.value("Dear Sam"))
        .build();
    DurableDraftPipelineExecutor executor = new DurableDraftPipelineExecutor(
        new DurableDraftPipeline(model), kit.config().prices(PRICES).build());
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      ids.add(durable.runs().submit(executor.definition(), "ticket " + i));
    }
    durable.startWorker(WorkerConfig.builder()
        .rateLimit(RateLimit.model("draft-model").requestsPerMinute(6)).build(),
        executor.definition());

    for (String id : ids) {
      assertThat(durable.runs().await(id, DurableTestbed.DEFAULT_WAIT).status())
          .isEqualTo(RunStatus.SUCCEEDED);
    }

    // One call's room every 10 s; the buckets' arithmetic in the database may add a microsecond.
    List<Instant> calls = model.calls().stream().map(ScriptedModel.RecordedCall::at).sorted()
        .toList();
    assertThat(calls).hasSize(3);
    for (int i = 1; i < calls.size(); i++) {
      assertThat(Duration.between(calls.get(i - 1), calls.get(i)))
          .isIn(Range.closed(Duration.ofSeconds(10),
              Duration.ofSeconds(10).plusMillis(1)));
    }
  }
}
