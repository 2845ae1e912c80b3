package dev.braid.durable;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.runtime.ConversationState;
import dev.braid.runtime.PipelineDefinition;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.RunQueue;
import dev.braid.runtime.StepStatus;
import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepBody;
import dev.braid.runtime.codegen.TypeLiteral;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Human-in-the-loop resumes, typed results, queue limits and per-step concurrency limits, run
 * against each supported database by a subclass.
 */
abstract class ConversationsAndLimitsContract {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Duration WAIT = Duration.ofSeconds(60);

  private final AskingPipeline asking = new AskingPipeline();
  private final PipelineDefinition<String> definition = asking.definition();
  @RegisterExtension
  final DurableFixture fixture = new DurableFixture(this::newDatabase, asking.release);
  private DurableRuns runs;

  abstract HikariDataSource newDatabase() throws Exception;

  @BeforeEach
  void setUp() {
    runs = fixture.runs();
  }

  private Worker worker(WorkerConfig.Builder config) {
    return fixture.startWorker(config.pollInterval(Duration.ofMillis(20)).build(), definition);
  }

  @Test
  void stoppedRunIsResumedWithTheAnswerAndRunsOnlyWhatTheAnswerChanges() throws Exception {
    worker(WorkerConfig.builder());
    RunQueue queue = runs;
    String id = queue.submit(definition, "my card was charged twice", null);

    PipelineResult<String> stopped = runs.await(definition, id, WAIT);

    assertThat(stopped.stoppedEarly()).isTrue();
    assertThat(stopped.stoppedAt()).hasValue("ask");
    assertThat(stopped.conversationState().orElseThrow().context())
        .isEqualTo("Ask the customer for their order number");
    assertThat(stopped.conversationState().orElseThrow().data())
        .isEqualTo("refund for class of my card was charged twice");
    assertThat(stopped.step("classify").status()).isEqualTo(StepStatus.SUCCEEDED);
    assertThat(stopped.step("reply").status()).isEqualTo(StepStatus.NOT_STARTED);
    StoredRun stored = runs.status(id).orElseThrow();
    assertThat(stored.status()).isEqualTo(RunStatus.STOPPED_EARLY);
    assertThat(stored.stoppedAt()).isEqualTo("ask");
    assertThat(stored.question()).isEqualTo("Ask the customer for their order number");
    assertThat(runs.steps(id).stream().map(StoredStep::step).toList())
        .containsExactly("extract", "classify");
    JsonNode stoppedAsk = timelineStep(stored, "ask");
    assertThat(stoppedAsk.get("status").asString()).isEqualTo("STOPPED_EARLY");
    assertThat(stoppedAsk.get("attempts").get(0).get("outcome").asString())
        .isEqualTo("STOPPED_EARLY");

    runs.resume(definition, id, "my card was charged twice", "A-1001");
    PipelineResult<String> done = runs.await(definition, id, WAIT);

    assertThat(done.output()).isEqualTo("reply: refund of order A-1001");
    assertThat(asking.ran("my card was charged twice", 0)).isEqualTo(1);
    assertThat(asking.ran("my card was charged twice", 1)).isEqualTo(1);
    assertThat(asking.ran("my card was charged twice", 2)).isEqualTo(2);
    assertThat(asking.ran("my card was charged twice", 3)).isEqualTo(1);
    assertThat(runs.steps(id).stream().map(StoredStep::step).toList())
        .containsExactly("extract", "classify", "ask", "reply").inOrder();
    assertThat(runs.status(id).orElseThrow().question()).isNull();
    StoredRun resumed = runs.status(id).orElseThrow();
    assertThat(timelineStep(resumed, "classify").get("status").asString()).isEqualTo("REUSED");
    assertThat(timelineStep(resumed, "classify").get("attempts").size()).isEqualTo(0);
    assertThat(timelineStep(resumed, "ask").get("attempts").get(0).get("outcome").asString())
        .isEqualTo("SUCCEEDED");
    assertThat(asking.keys).containsExactly(id + "/extract", id + "/classify", id + "/ask",
        id + "/reply");
  }

  private static JsonNode timelineStep(StoredRun run, String name) {
    for (JsonNode step : JSON.readTree(run.timelineJson()).get("steps")) {
      if (step.get("name").asString().equals(name)) {
        return step;
      }
    }
    throw new AssertionError("No step " + name + " in the timeline of " + run);
  }

  @Test
  void detailsOfAStopSurviveTheWorkerAndAreReadBackByAnotherInstance() throws Exception {
    Worker first = worker(WorkerConfig.builder());
    String id = runs.submit(definition, "where is my parcel", null);
    runs.await(definition, id, WAIT);
    first.close();

    DurableRuns elsewhere = DurableRuns.create(fixture.dataSource());
    StoredRun stored = elsewhere.status(id).orElseThrow();
    PipelineResult<String> stopped = elsewhere.result(definition, id).orElseThrow();

    assertThat(stored.status()).isEqualTo(RunStatus.STOPPED_EARLY);
    assertThat(stored.details())
        .containsExactly("missing", List.of("orderNumber"), "attempt", 1);
    ConversationState<?> state = stopped.conversationState().orElseThrow();
    assertThat(state.context()).isEqualTo("Ask the customer for their order number");
    assertThat(state.details()).isEqualTo(stored.details());
    assertThat(stopped.htmlTimeline()).contains("<dt data-detail=\"missing\">missing</dt>"
        + "<dd><code>[&quot;orderNumber&quot;]</code></dd>");

    worker(WorkerConfig.builder());
    elsewhere.resume(definition, id, "where is my parcel", "A-42");

    assertThat(elsewhere.await(definition, id, WAIT).output())
        .isEqualTo("reply: refund of order A-42");
    assertThat(runs.status(id).orElseThrow().details()).isEmpty();
    assertThat(asking.ran("where is my parcel", 1)).isEqualTo(1);
  }

  /**
   * A pipeline whose second input is {@code Optional<String>}, as a generated executor's {@code
   * submit} without it queues {@code Optional.empty()}: the worker reads both forms back.
   */
  @Test
  void anOptionalInputLeftOutIsStoredAndReadBackEmpty() throws Exception {
    PipelinePlan.Builder plan = PipelinePlan.builder("Formatting").inputs("text", "format");
    plan.step("render").readsInputs(0, 1);
    plan.output(0);
    PipelineDefinition<String> formatting = PipelineDefinition.of(
        PipelineEngine.create(plan.build()),
        List.of(String.class, new TypeLiteral<Optional<String>>() {}.type()),
        List.of(String.class),
        inputs -> (step, outputs, context) -> {
          @SuppressWarnings("unchecked")
          Optional<String> format = (Optional<String>) inputs[1];
          return format.orElse("json") + ":" + inputs[0];
        });
    fixture.startWorker(WorkerConfig.builder().pollInterval(Duration.ofMillis(20)).build(),
        formatting);

    String omitted = runs.submit(formatting, "a", Optional.empty());
    String given = runs.submit(formatting, "b", Optional.of("xml"));

    assertThat(runs.await(formatting, omitted, WAIT).output()).isEqualTo("json:a");
    assertThat(runs.await(formatting, given, WAIT).output()).isEqualTo("xml:b");
    assertThat(runs.status(omitted).orElseThrow().inputsJson()).isEqualTo("[\"a\",null]");
  }

  @Test
  void resumeWithAChangedTextRunsEveryStepThatReadsItAgain() throws Exception {
    worker(WorkerConfig.builder());
    String id = runs.submit(definition, "refund please", null);
    runs.await(definition, id, WAIT);

    runs.resume(definition, id, "refund please, order A-7", "A-7");

    assertThat(runs.await(definition, id, WAIT).output()).isEqualTo("reply: refund of order A-7");
    assertThat(asking.ran("refund please", 0)).isEqualTo(1);
    assertThat(asking.ran("refund please, order A-7", 0)).isEqualTo(1);
    assertThat(asking.ran("refund please, order A-7", 1)).isEqualTo(1);
  }

  /**
   * The resume of a caller without the pipeline's classes (a standalone console): the run waits in
   * the queue with its checkpoints, and the worker that claims it keeps those the answer leaves
   * valid, as an in-process resume does.
   */
  @Test
  void anAnswerAsJsonKeepsTheCheckpointsItDoesNotAffect() throws Exception {
    Worker first = worker(WorkerConfig.builder());
    String id = runs.submit(definition, "my parcel is late", null);
    assertThat(runs.await(definition, id, WAIT).stoppedEarly()).isTrue();
    first.close();

    runs.resume(id, "[\"my parcel is late\", \"A-55\"]");

    StoredRun queued = runs.status(id).orElseThrow();
    assertThat(queued.status()).isEqualTo(RunStatus.QUEUED);
    assertThat(runs.steps(id).stream().map(StoredStep::step).toList())
        .containsExactly("extract", "classify");
    worker(WorkerConfig.builder());
    assertThat(runs.await(definition, id, WAIT).output()).isEqualTo("reply: refund of order A-55");
    assertThat(asking.ran("my parcel is late", 0)).isEqualTo(1);
    assertThat(asking.ran("my parcel is late", 1)).isEqualTo(1);
    assertThat(asking.ran("my parcel is late", 2)).isEqualTo(2);
    assertThat(asking.ran("my parcel is late", 3)).isEqualTo(1);
    StoredRun done = runs.status(id).orElseThrow();
    assertThat(timelineStep(done, "extract").get("status").asString()).isEqualTo("REUSED");
    assertThat(timelineStep(done, "classify").get("status").asString()).isEqualTo("REUSED");
    assertThat(runs.steps(id).stream().map(StoredStep::step).toList())
        .containsExactly("extract", "classify", "ask", "reply").inOrder();
  }

  @Test
  void anAnswerAsJsonThatChangesTheTextRunsEveryStepThatReadsItAgain() throws Exception {
    worker(WorkerConfig.builder());
    String id = runs.submit(definition, "refund", null);
    runs.await(definition, id, WAIT);

    runs.resume(id, "[\"refund, order A-8\", \"A-8\"]");

    assertThat(runs.await(definition, id, WAIT).output()).isEqualTo("reply: refund of order A-8");
    assertThat(asking.ran("refund", 0)).isEqualTo(1);
    assertThat(asking.ran("refund", 1)).isEqualTo(1);
    assertThat(asking.ran("refund, order A-8", 0)).isEqualTo(1);
    assertThat(asking.ran("refund, order A-8", 1)).isEqualTo(1);
    assertThat(asking.ran("refund, order A-8", 3)).isEqualTo(1);
    assertThat(timelineStep(runs.status(id).orElseThrow(), "extract").get("status").asString())
        .isEqualTo("SUCCEEDED");
  }

  /** Answers sent at once, with and without the classes: one resumes the run, none is lost. */
  @Test
  void ofAnswersSentAtOnceExactlyOneResumesTheRun() throws Exception {
    Worker first = worker(WorkerConfig.builder());
    String id = runs.submit(definition, "late again", null);
    runs.await(definition, id, WAIT);
    first.close();
    int answers = 6;
    CountDownLatch ready = new CountDownLatch(answers);
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    List<String> refusals = Collections.synchronizedList(new ArrayList<>());
    List<String> winners = Collections.synchronizedList(new ArrayList<>());
    for (int i = 0; i < answers; i++) {
      String order = "A-" + i;
      boolean withClasses = i % 2 == 0;
      threads.add(Thread.ofVirtual().start(() -> {
        ready.countDown();
        try {
          go.await();
          if (withClasses) {
            runs.resume(definition, id, "late again", order);
          } else {
            runs.resume(id, "[\"late again\", \"" + order + "\"]");
          }
          winners.add(order);
        } catch (IllegalStateException e) {
          refusals.add(e.getMessage());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }));
    }
    assertThat(ready.await(60, TimeUnit.SECONDS)).isTrue();
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }

    assertThat(winners).hasSize(1);
    assertThat(refusals).hasSize(answers - 1);
    for (String refusal : refusals) {
      assertThat(refusal).startsWith("Durable run " + id + " of pipeline 'Asking'");
    }
    worker(WorkerConfig.builder());
    assertThat(runs.await(definition, id, WAIT).output())
        .isEqualTo("reply: refund of order " + winners.getFirst());
    assertThat(asking.ran("late again", 1)).isEqualTo(1);
    assertThat(asking.ran("late again", 2)).isEqualTo(2);
  }

  @Test
  void onlyARunThatStoppedEarlyCanBeResumed() throws Exception {
    worker(WorkerConfig.builder());
    String id = runs.submit(definition, "hello", "A-1");
    assertThat(runs.await(definition, id, WAIT).output()).isEqualTo("reply: refund of order A-1");

    IllegalStateException refused = assertThrows(IllegalStateException.class,
        () -> runs.resume(definition, id, "hello", "A-2"));

    assertThat(refused).hasMessageThat().isEqualTo("Durable run " + id + " of pipeline 'Asking'"
        + " cannot be resumed: it is SUCCEEDED, and only a run that stopped early for an answer"
        + " (STOPPED_EARLY) can be; submit a new run instead");
  }

  @Test
  void awaitNamesWhatAFailedRunDied() throws Exception {
    CountingPipeline counting = new CountingPipeline();
    PipelineDefinition<?> failing = counting.registration().definition();
    fixture.startWorker(WorkerConfig.builder().pollInterval(Duration.ofMillis(20)).build(),
        failing);
    String id = runs.submit(failing, "fail now");

    DurableRunException failed = assertThrows(DurableRunException.class,
        () -> runs.await(failing, id, WAIT));

    assertThat(failed.run().status()).isEqualTo(RunStatus.FAILED);
    assertThat(failed).hasMessageThat().contains("of pipeline 'Counting' ended FAILED: ");
    assertThat(failed).hasMessageThat().contains("no class for fail now");
  }

  @Test
  void awaitOfARunNoWorkerTakesTimesOutSayingSo() {
    String id = runs.submit(definition, "nobody runs this", "A-1");

    TimeoutException timeout = assertThrows(TimeoutException.class,
        () -> runs.await(definition, id, Duration.ofMillis(50)));

    assertThat(timeout).hasMessageThat().isEqualTo("Durable run " + id + " of pipeline 'Asking'"
        + " is still QUEUED after PT0.05S; is a worker running this pipeline?");
  }

  @Test
  void submitChecksTheNumberOfInputs() {
    IllegalArgumentException wrong = assertThrows(IllegalArgumentException.class,
        () -> runs.submit(definition, "only the text"));

    assertThat(wrong).hasMessageThat().isEqualTo(
        "Pipeline 'Asking' takes 2 inputs [text, answer] but 1 were given");
  }

  @Test
  void fullQueueRejectsASubmitAndStoresNothing() {
    DurableRuns limited = DurableRuns.create(fixture.dataSource(), QueueLimit.reject(2));
    limited.submit(definition, "one", "A-1");
    limited.submit(definition, "two", "A-2");

    QueueFullException full = assertThrows(QueueFullException.class,
        () -> limited.submit(definition, "three", "A-3"));

    assertThat(full).hasMessageThat().isEqualTo("The queue of durable runs holds 2 runs, at its"
        + " limit of 2, so a run of pipeline 'Asking' was not stored; submit it again later,"
        + " start more workers, or raise the QueueLimit");
    assertThat(runs.list(RunFilter.all())).hasSize(2);
  }

  @Test
  void fullQueueMakesASubmitWaitUntilAWorkerMakesRoom() throws Exception {
    DurableRuns limited = DurableRuns.create(fixture.dataSource(), QueueLimit.block(1, WAIT));
    limited.submit(definition, "first", "A-1");
    Thread starter = Thread.ofVirtual().start(() -> worker(WorkerConfig.builder()));

    String second = limited.submit(definition, "second", "A-2");

    starter.join();
    assertThat(runs.await(definition, second, WAIT).output()).isEqualTo("reply: refund of order A-2");
  }

  @Test
  void stepConcurrencyLimitsHowManyRunsRunAStepAtOnce() throws Exception {
    Worker worker =
        worker(WorkerConfig.builder().maxConcurrentRuns(6).stepConcurrency("classify", 2));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      ids.add(runs.submit(definition, "hold " + i, "A-" + i));
    }
    // Six runs are in flight: two in classify, the other four waiting at its door.
    WorkerPolls.await("two runs in classify and four waiting for it",
        () -> asking.classifying.get() >= 2 && worker.waitingForStep("classify") == 4);
    assertThat(asking.classifying.get()).isEqualTo(2);

    asking.release.countDown();

    for (String id : ids) {
      assertThat(runs.await(definition, id, WAIT).hasOutput()).isTrue();
    }
    assertThat(asking.mostClassifying.get()).isEqualTo(2);
  }

  /** A pipeline of one step, {@code draft}, whose code is {@code body}. */
  private static PipelineDefinition<String> drafting(String name, Duration timeout,
      StepBody body) {
    PipelinePlan.Builder plan = PipelinePlan.builder(name).inputs("ticket");
    plan.step("draft").timeout(timeout).readsInputs(0);
    plan.output(0);
    return PipelineDefinition.of(PipelineEngine.create(plan.build()), List.of(String.class),
        List.of(String.class), inputs -> (step, outputs, context) -> body.run(outputs, context));
  }

  @Test
  void stepConcurrencySpansTheWorkersPipelinesAndItsWaitCountsAgainstTheStepsTimeout()
      throws Exception {
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    PipelineDefinition<String> holder = drafting("Holding", Duration.ofMinutes(1),
        (outputs, context) -> {
          holding.countDown();
          release.await();
          return "held";
        });
    PipelineDefinition<String> timed = drafting("Timed", Duration.ofMillis(100),
        (outputs, context) -> "never");
    fixture.startWorker(WorkerConfig.builder().pollInterval(Duration.ofMillis(20))
        .maxConcurrentRuns(4).stepConcurrency("draft", 1).build(), holder, timed);
    String held = runs.submit(holder, "first");
    DurableRunException failed;
    try {
      assertThat(holding.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
      String waiting = runs.submit(timed, "second");
      failed = assertThrows(DurableRunException.class, () -> runs.await(timed, waiting, WAIT));
    } finally {
      release.countDown();
    }

    assertThat(failed.run().error()).contains("Step 'draft' of pipeline 'Timed' timed out after"
        + " 100ms waiting for a concurrency slot (attempt 1 of 1)");
    assertThat(runs.await(holder, held, WAIT).output()).isEqualTo("held");
  }

  @Test
  void aLimitOnAStepNoPipelineHasIsRefused() {
    IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
        () -> Worker.start(fixture.dataSource(), WorkerConfig.builder().workerId("w")
            .stepConcurrency("classfy", 2).build(), definition));

    assertThat(refused).hasMessageThat().isEqualTo("WorkerConfig stepConcurrency limits step"
        + " 'classfy', but none of the pipelines of worker w (Asking) has a step of that name;"
        + " their steps are [ask, classify, extract, reply]");
  }

  @Test
  void aStepOutputThatCannotBeStoredFailsTheRunAndSaysWhy() throws Exception {
    PipelinePlan.Builder plan = PipelinePlan.builder("Opaque").inputs("text");
    plan.step("load").readsInputs(0);
    plan.step("use", 0);
    plan.output(1);
    PipelineDefinition<String> opaque = PipelineDefinition.of(PipelineEngine.create(plan.build()),
        List.of(String.class), List.of(Supplier.class, String.class),
        inputs -> (step, outputs, context) -> switch (step) {
          case 0 -> (Supplier<String>) () -> "lazy " + inputs[0];
          case 1 -> outputs.<Supplier<String>>get(0).get();
          default -> throw new IndexOutOfBoundsException(step);
        });
    fixture.startWorker(WorkerConfig.builder().pollInterval(Duration.ofMillis(20)).build(),
        opaque);
    String id = runs.submit(opaque, "text");

    DurableRunException failed = assertThrows(DurableRunException.class,
        () -> runs.await(opaque, id, WAIT));

    assertThat(failed.run().status()).isEqualTo(RunStatus.FAILED);
    assertThat(failed.run().error()).startsWith("Step 'load' of durable pipeline 'Opaque'"
        + " returned a dev.braid.durable.ConversationsAndLimitsContract$$Lambda");
    assertThat(failed.run().error()).contains(", which cannot be stored as JSON and read back as"
        + " java.util.function.Supplier (Cannot construct instance of");
    assertThat(failed.run().error()).endsWith("so durable run " + id + " cannot be checkpointed;"
        + " return a record or a value class, and mark the pipeline @Pipeline(durable = true)"
        + " to have such types reported at compile time");
    assertThat(runs.steps(id).stream().map(StoredStep::step).toList()).doesNotContain("load");
  }
}
