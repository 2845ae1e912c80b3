package dev.braid.runtime.internal;

import static com.google.common.truth.Truth.assertThat;
import static java.util.concurrent.TimeUnit.SECONDS;

import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.RunCancelledException;
import dev.braid.runtime.RunListener;
import dev.braid.runtime.RunOptions;
import dev.braid.runtime.StepEvent;
import dev.braid.runtime.StepRecord;
import dev.braid.runtime.StepStatus;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.StepBody;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The coordinator tells listeners only after releasing the run's lock: a listener that takes its
 * time holds up neither another step's transitions nor a cancel.
 */
@Timeout(30)
class RunCoordinatorTest {
  private static final long GUARD_SECONDS = 10;

  @Test
  void aListenerStillHearingOneStepEndHoldsUpNeitherAnotherStepNorACancel() throws Exception {
    CountDownLatch hearingA = new CountDownLatch(1);
    CountDownLatch releaseA = new CountDownLatch(1);
    CountDownLatch bEnded = new CountDownLatch(1);
    RunListener slow = new RunListener() {
      @Override
      public void stepEnded(StepEvent step, StepRecord record) {
        if (step.stepName().equals("a")) {
          hearingA.countDown();
          try {
            releaseA.await(GUARD_SECONDS, SECONDS);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        } else if (step.stepName().equals("b")) {
          bEnded.countDown();
        }
      }
    };
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("a");
    plan.step("b");
    plan.step("sink", 0, 1);
    plan.output(2);
    RunSettings settings = RunSettings.resolve(plan.build(),
        PipelineConfig.builder().listener(slow).build(), RunOptions.defaults());
    PipelineRun<Object> run = new PipelineRun<>(Schedule.of(plan.build()), settings,
        new StepBody[] {
            (outputs, context) -> "a",
            (outputs, context) -> {
              // Ends while a's listener still hears of a's end.
              if (!hearingA.await(GUARD_SECONDS, SECONDS)) {
                throw new IllegalStateException("a's listener never heard a end");
              }
              return "b";
            },
            (outputs, context) -> "sink"},
        null, null, RetryPolicy.of(settings.time()));

    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Thread caller = Thread.ofVirtual().start(() -> {
      try {
        run.execute();
      } catch (Throwable t) {
        thrown.set(t);
      }
    });
    try {
      // Were listeners told under the run's lock, b could not end, nor the run be cancelled.
      assertThat(bEnded.await(GUARD_SECONDS, SECONDS)).isTrue();
      CountDownLatch cancelled = new CountDownLatch(1);
      Thread.ofVirtual().start(() -> {
        run.cancel();
        cancelled.countDown();
      });
      assertThat(cancelled.await(GUARD_SECONDS, SECONDS)).isTrue();
    } finally {
      releaseA.countDown();
    }

    assertThat(caller.join(Duration.ofSeconds(GUARD_SECONDS))).isTrue();
    // The sink never started: the cancel came before a released it.
    assertThat(thrown.get()).isInstanceOf(RunCancelledException.class);
    RunCancelledException cancel = (RunCancelledException) thrown.get();
    assertThat(cancel.partialResult().orElseThrow().step("sink").status())
        .isEqualTo(StepStatus.NOT_STARTED);
    assertThat(cancel.partialResult().orElseThrow().step("b").status())
        .isEqualTo(StepStatus.SUCCEEDED);
  }
}
