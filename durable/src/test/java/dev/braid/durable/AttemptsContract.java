package dev.braid.durable;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.runtime.AttemptOutcome;
import dev.braid.runtime.ModelCall;
import dev.braid.runtime.ModelClient;
import dev.braid.runtime.ModelException;
import dev.braid.runtime.ModelPrice;
import dev.braid.runtime.ModelResponse;
import dev.braid.runtime.PriceTable;
import dev.braid.runtime.RunOptions;
import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Attempts are stored as they end, with each model call, by every claim of a run; run against
 * each supported database by a subclass.
 */
abstract class AttemptsContract {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String MODEL = "drafter";
  private static final String CHECKER = "checker";

  private final CountingPipeline counting = new CountingPipeline();
  private final CountDownLatch secondAttemptStarted = new CountDownLatch(1);
  private final CountDownLatch finishSecondAttempt = new CountDownLatch(1);
  @RegisterExtension
  final DurableFixture fixture = new DurableFixture(this::newDatabase, counting.release);

  /** A fresh, empty database for one test. */
  abstract HikariDataSource newDatabase() throws Exception;

  @AfterEach
  void releaseBlockedSteps() {
    finishSecondAttempt.countDown();
  }

  @Test
  void runningRunShowsItsFailedAttemptWithEachModelCallBeforeItEnds() throws Exception {
    fixture.startWorker(WorkerConfig.builder().workerId("w1").pollInterval(Duration.ofMillis(20))
        .build(), retryingOnce());
    DurableRuns runs = fixture.runs();
    String id = runs.submit("Drafting", "order 17");
    assertWithMessage("second attempt of %s", id)
        .that(secondAttemptStarted.await(WAIT.toSeconds(), TimeUnit.SECONDS)
            || runs.status(id).orElseThrow().status().isTerminal()).isTrue();
    assertWithMessage("%s", runs.status(id)).that(secondAttemptStarted.getCount()).isEqualTo(0);

    List<StoredAttempt> running = runs.attempts(id);

    assertThat(runs.status(id).orElseThrow().status()).isEqualTo(RunStatus.RUNNING);
    assertThat(running).hasSize(1);
    StoredAttempt failed = running.get(0);
    assertThat(failed.step()).isEqualTo("draft");
    assertThat(failed.number()).isEqualTo(1);
    assertThat(failed.claim()).isEqualTo(1);
    assertThat(failed.worker()).isEqualTo("w1");
    assertThat(failed.outcome()).isEqualTo(AttemptOutcome.FAILED);
    assertThat(failed.error())
        .isEqualTo("java.lang.IllegalStateException: draft of order 17 was not checked");
    assertThat(failed.errorTrace()).contains("\tat dev.braid.durable.AttemptsContract");
    assertThat(failed.calls()).hasSize(2);
    StoredModelCall drafted = failed.calls().get(0);
    assertThat(drafted.model()).isEqualTo(MODEL);
    assertThat(drafted.inputTokens()).isEqualTo(100);
    assertThat(drafted.outputTokens()).isEqualTo(20);
    assertThat(drafted.costMicrocents()).isEqualTo(200);
    assertThat(drafted.error()).isNull();
    assertThat(drafted.startedAt()).isAtLeast(failed.startedAt());
    StoredModelCall checked = failed.calls().get(1);
    assertThat(checked.model()).isEqualTo(CHECKER);
    assertThat(checked.error()).contains("checker is down for order 17");
    assertThat(failed.usage().calls()).isEqualTo(2);
    assertThat(failed.usage().costMicrocents()).isEqualTo(200);
    assertThat(failed.usage().byModel().get(MODEL).inputTokens()).isEqualTo(100);

    finishSecondAttempt.countDown();
    assertThat(runs.await(id, WAIT).status()).isEqualTo(RunStatus.SUCCEEDED);
    List<StoredAttempt> ended = runs.attempts(id);
    assertThat(ended.stream().map(a -> a.step() + "#" + a.number() + " " + a.outcome()).toList())
        .containsExactly("draft#1 FAILED", "draft#2 SUCCEEDED", "send#1 SUCCEEDED").inOrder();
    assertThat(ended.get(1).calls()).hasSize(1);
    assertThat(ended.get(1).error()).isNull();
  }

  @Test
  void takenOverRunKeepsTheAttemptsOfEachClaimWithItsWorker() throws Exception {
    Worker dying = fixture.startWorker(WorkerConfig.builder().workerId("dying")
        .lease(Duration.ofSeconds(1)).heartbeat(Duration.ofMillis(200))
        .pollInterval(Duration.ofMillis(20)).build(), counting.registration());
    DurableRuns runs = fixture.runs();
    String id = runs.submit(CountingPipeline.NAME, "block-takeover");
    assertThat(counting.replyBlocked.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(summaries(runs.attempts(id)))
        .containsExactly("extract#1 claim 1 dying", "classify#1 claim 1 dying").inOrder();
    dying.halt();

    fixture.startWorker(WorkerConfig.builder().workerId("survivor")
        .lease(Duration.ofSeconds(10)).heartbeat(Duration.ofSeconds(2))
        .pollInterval(Duration.ofMillis(20)).build(), counting.registration());
    assertThat(runs.await(id, WAIT).status()).isEqualTo(RunStatus.SUCCEEDED);

    assertThat(summaries(runs.attempts(id))).containsExactly("extract#1 claim 1 dying",
        "classify#1 claim 1 dying", "reply#1 claim 2 survivor").inOrder();
  }

  @Test
  void attemptsGoWithTheirRun() throws Exception {
    fixture.startWorker(WorkerConfig.builder().workerId("w1").pollInterval(Duration.ofMillis(20))
        .build(), counting.registration());
    DurableRuns runs = fixture.runs();
    String id = runs.submit(CountingPipeline.NAME, "short");
    assertThat(runs.await(id, WAIT).status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(runs.attempts(id)).hasSize(3);

    assertThat(RunRetention.create(fixture.dataSource()).deleteFinished(Duration.ZERO))
        .isEqualTo(1);

    assertThat(runs.attempts(id)).isEmpty();
    assertThat(runs.attempts("no such run")).isEmpty();
  }

  private static List<String> summaries(List<StoredAttempt> attempts) {
    return attempts.stream().map(attempt -> attempt.step() + "#" + attempt.number() + " claim "
        + attempt.claim() + " " + attempt.worker()).toList();
  }

  /**
   * {@code draft → send}: the first attempt of {@code draft} calls the drafter, then the checker,
   * which refuses it, and fails; the second waits for {@link #finishSecondAttempt} after one call.
   */
  private DurablePipeline retryingOnce() {
    PipelinePlan.Builder plan = PipelinePlan.builder("Drafting").inputs("text");
    plan.step("draft").readsInputs(0).retries(1).retryDelay(Duration.ofMillis(1));
    plan.step("send", 0);
    plan.output(1);
    return DurablePipeline.builder(PipelineEngine.create(plan.build()),
        inputs -> (step, outputs, context) -> {
          String text = (String) inputs[0];
          if (step == 1) {
            return "sent " + outputs.<String>get(0);
          }
          String draft = context.call(client(MODEL, null), text).value();
          if (context.attempt() == 1) {
            try {
              context.call(client(CHECKER, "checker is down for " + text), draft);
            } catch (RuntimeException refused) {
              // Without the refusal as its cause, which a retry would not get past either.
              throw new IllegalStateException("draft of " + text + " was not checked");
            }
          }
          secondAttemptStarted.countDown();
          finishSecondAttempt.await();
          return draft;
        })
        .inputTypes(String.class)
        .stepType("draft", String.class)
        .stepType("send", String.class)
        .options(RunOptions.builder()
            .prices(PriceTable.empty().with(MODEL, new ModelPrice(1_000_000, 0, 5_000_000))
                .with(CHECKER, new ModelPrice(1_000_000, 0, 5_000_000)))
            .build())
        .build();
  }

  private static ModelClient<String, String> client(String model, @Nullable String failure) {
    return new ModelClient<>() {
      @Override
      public String model() {
        return model;
      }

      @Override
      public ModelResponse<String> call(String prompt, ModelCall call) {
        if (failure != null) {
          throw new ModelException(failure, false, 400, null);
        }
        return ModelResponse.of("draft of " + prompt, 100, 20);
      }
    };
  }
}
