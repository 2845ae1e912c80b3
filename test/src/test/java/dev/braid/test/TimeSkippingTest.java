package dev.braid.test;

import static com.google.common.truth.Truth.assertThat;
import static dev.braid.runtime.AttemptOutcome.SUCCEEDED;
import static dev.braid.runtime.AttemptOutcome.TIMED_OUT;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.AttemptRecord;
import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.PriceTable;
import dev.braid.runtime.RunDeadlineExceededException;
import dev.braid.runtime.StepRecord;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A pipeline with a 30-second timeout, three retries and a two-minute deadline, whose run takes
 * well over a minute of real time, runs on virtual time; the test asserts the outcome and the
 * recorded durations, which are those of a real-time run. The JUnit timeout only guards against a
 * hang.
 */
@Timeout(30)
class TimeSkippingTest {
  private static final PriceTable PRICES = PriceTable.empty().withFree("draft-model");

  @Test
  void threeTimeoutsThenAnAnswerTakeTheirFullVirtualDurations() {
    try (VirtualTime time = VirtualTime.seeded(7)) {
      PipelineResult<String> result = run(time, slowThenAnswering(time));

      BraidTruth.assertThat(result).hasOutput("Dear Sam");
      BraidTruth.assertThat(result).step("draft")
          .hadOutcomes(TIMED_OUT, TIMED_OUT, TIMED_OUT, SUCCEEDED);
      StepRecord draft = result.step("draft");
      List<Duration> durations = draft.attempts().stream().map(AttemptRecord::duration).toList();
      assertThat(durations).containsExactly(Duration.ofSeconds(30), Duration.ofSeconds(30),
          Duration.ofSeconds(30), Duration.ofSeconds(10)).inOrder();
      Duration pauses = Duration.ZERO;
      for (int i = 1; i < draft.attempts().size(); i++) {
        Duration pause = Duration.between(draft.attempts().get(i - 1).finishedAt(),
            draft.attempts().get(i).startedAt());
        // Full jitter: from zero up to 2 s, 4 s and 8 s before retries 1, 2 and 3.
        assertThat(pause).isAtMost(Duration.ofSeconds(2L << (i - 1)));
        pauses = pauses.plus(pause);
      }
      assertThat(draft.duration()).isEqualTo(Duration.ofSeconds(100).plus(pauses));
      assertThat(result.duration()).isEqualTo(draft.duration());
      assertThat(result.duration()).isGreaterThan(Duration.ofSeconds(60));
    }
  }

  @Test
  void theSameSeedReplaysTheSameTimeline() {
    List<AttemptRecord> first;
    try (VirtualTime time = VirtualTime.seeded(42)) {
      first = run(time, slowThenAnswering(time)).step("draft").attempts();
    }
    try (VirtualTime time = VirtualTime.seeded(42)) {
      List<AttemptRecord> second = run(time, slowThenAnswering(time)).step("draft").attempts();
      assertThat(second.stream().map(AttemptRecord::startedAt).toList())
          .isEqualTo(first.stream().map(AttemptRecord::startedAt).toList());
      assertThat(second.stream().map(AttemptRecord::finishedAt).toList())
          .isEqualTo(first.stream().map(AttemptRecord::finishedAt).toList());
    }
  }

  @Test
  void aModelThatNeverAnswersMeetsTheDeadlineAfterExactlyTwoMinutes() {
    try (VirtualTime time = VirtualTime.seeded(1)) {
      ScriptedModel<String, String> model = ScriptedModel.<String, String>builder("draft-model")
          .time(time)
          .whenRequest(request -> true, ScriptedReply.hang())
          .build();

      RunDeadlineExceededException thrown =
          assertThrows(RunDeadlineExceededException.class, () -> run(time, model));

      PipelineResult<?> partial = thrown.partialResult().orElseThrow();
      assertThat(partial.duration()).isEqualTo(Duration.ofMinutes(2));
      BraidTruth.assertThat(partial).step("draft").outcomes().contains(TIMED_OUT);
      assertThat(model.calls().size()).isEqualTo(partial.step("draft").attempts().size());
    }
  }

  private static ScriptedModel<String, String> slowThenAnswering(VirtualTime time) {
    return ScriptedModel.<String, String>builder("draft-model")
        .time(time)
        .thenReply(ScriptedReply.hang())
        .thenReply(ScriptedReply.<String>value("too late").after(Duration.ofSeconds(45)))
        .thenReply(ScriptedReply.hang())
        .thenReply(ScriptedReply.value("Dear Sam", 900, 120).after(Duration.ofSeconds(10)))
        .build();
  }

  private static PipelineResult<String> run(VirtualTime time, ScriptedModel<String, String> model) {
    SlowDraftPipelineExecutor executor = new SlowDraftPipelineExecutor(new SlowDraftPipeline(model),
        PipelineConfig.builder().timeSource(time).prices(PRICES).build());
    return executor.execute("My camera does not work");
  }
}
