package dev.braid.micrometer;

import static com.google.common.truth.Truth.assertThat;

import dev.braid.runtime.BudgetExceededException.Scope;
import dev.braid.runtime.ConversationState;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.RunCancelledException;
import dev.braid.runtime.RunDeadlineExceededException;
import dev.braid.runtime.StepExecutionException;
import dev.braid.runtime.TokenBudgetExceededException;
import dev.braid.runtime.Usage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The outcome tag of a run, from its result and the exception it threw. */
class RunOutcomeTest {
  private static final Instant START = Instant.EPOCH;

  private static PipelineResult.Builder<String> result() {
    return PipelineResult.<String>builder("Replies").times(START, START.plusSeconds(1));
  }

  @Test
  void aRunWithoutFailureSucceededOrStoppedEarly() {
    assertThat(RunOutcome.of(result().output("sent").build(), null))
        .isEqualTo(RunOutcome.SUCCEEDED);
    assertThat(RunOutcome.of(result().stoppedEarly("check",
        ConversationState.incomplete("draft", "Ask for the order number.")).build(), null))
        .isEqualTo(RunOutcome.STOPPED_EARLY);
  }

  @Test
  void aRunThatThrewIsNamedAfterWhatStoppedIt() {
    PipelineResult<String> partial = result().build();

    assertThat(RunOutcome.of(partial, new StepExecutionException("Replies", "draft", 1,
        new IllegalStateException("model down"), partial))).isEqualTo(RunOutcome.FAILED);
    assertThat(RunOutcome.of(partial, new RunCancelledException("Replies", null, partial)))
        .isEqualTo(RunOutcome.CANCELLED);
    assertThat(RunOutcome.of(partial, new RunDeadlineExceededException("Replies",
        Duration.ofSeconds(1), List.of("draft"), partial))).isEqualTo(RunOutcome.DEADLINE);
    assertThat(RunOutcome.of(partial, new TokenBudgetExceededException("Replies", "draft",
        Scope.STEP, 100, 120, Usage.NONE, partial))).isEqualTo(RunOutcome.BUDGET);
  }

  @Test
  void tagsAreTheLowerCaseNames() {
    assertThat(RunOutcome.STOPPED_EARLY.tag()).isEqualTo("stopped_early");
    assertThat(RunOutcome.BUDGET.tag()).isEqualTo("budget");
  }
}
