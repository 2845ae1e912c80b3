package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** How outputs travel: along the edges of the graph, to the step that reads them. */
@Timeout(30)
class DataFlowTest {

  @Test
  void outputsFlowAlongEveryEdgeOfADiamond() {
    PipelinePlan.Builder plan = PipelinePlan.builder("Diamond");
    plan.step("root");
    plan.step("left", 0);
    plan.step("right", 0);
    plan.step("sink", 1, 2);
    plan.output(3);

    PipelineResult<Integer> result = PipelineEngine.create(plan.build()).execute(
        (outputs, context) -> 2,
        (outputs, context) -> outputs.<Integer>get(0) * 3,
        (outputs, context) -> outputs.<Integer>get(0) + 5,
        (outputs, context) -> outputs.<Integer>get(1) * 10 + outputs.<Integer>get(2));

    assertThat(result.output()).isEqualTo(67);
  }

  @Test
  void outputStepNeedNotBeTheLastDeclared() {
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("answer");
    plan.step("audit", 0);
    plan.output(0);

    PipelineResult<String> result = PipelineEngine.create(plan.build()).execute(
        (outputs, context) -> "answer",
        (outputs, context) -> "audited " + outputs.<String>get(0));

    assertThat(result.output()).isEqualTo("answer");
    assertThat(result.step("audit").status()).isEqualTo(StepStatus.SUCCEEDED);
  }

  @Test
  void voidStepOrdersItsDependentsAndHandsThemNull() {
    AtomicReference<String> log = new AtomicReference<>("");
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("record");
    plan.step("reply", 0);
    plan.output(1);

    PipelineResult<String> result = PipelineEngine.create(plan.build()).execute(
        (outputs, context) -> {
          log.set("recorded");
          return null;
        },
        (outputs, context) -> outputs.get(0) + " after " + log.get());

    assertThat(result.output()).isEqualTo("null after recorded");
  }

  @Test
  void voidOutputStepGivesNullOutput() {
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("notify");
    plan.output(0);

    PipelineResult<Void> result =
        PipelineEngine.create(plan.build()).execute((outputs, context) -> null);

    assertThat(result.output()).isNull();
    assertThat(result.stoppedEarly()).isFalse();
  }

  @Test
  void readingTheOutputOfAStepStillRunningThrowsNamingIt() {
    // busy stays inside its body until reader has tried to read its output.
    CountDownLatch readerDone = new CountDownLatch(1);
    AtomicReference<Throwable> readFailure = new AtomicReference<>();
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("busy");
    plan.step("reader");
    plan.step("sink", 0, 1);
    plan.output(2);

    PipelineEngine.create(plan.build()).execute(
        (outputs, context) -> {
          Waits.await(readerDone, "reader to try reading busy's output");
          return "busy";
        },
        (outputs, context) -> {
          try {
            return outputs.<String>get(0);
          } catch (RuntimeException e) {
            readFailure.set(e);
            return "unread";
          } finally {
            readerDone.countDown();
          }
        },
        (outputs, context) -> outputs.<String>get(0) + outputs.<String>get(1));

    assertThat(readFailure.get()).isInstanceOf(IllegalStateException.class);
    assertThat(readFailure.get()).hasMessageThat().isEqualTo(
        "Step 'busy' of pipeline 'OrderFlow' has not finished; its output is not available yet");
  }

  @Test
  void eachRunHasItsOwnOutputs() {
    PipelinePlan.Builder plan = PipelinePlan.builder("OrderFlow");
    plan.step("first");
    plan.step("second", 0);
    plan.output(1);
    PipelineEngine engine = PipelineEngine.create(plan.build());

    PipelineResult<String> one = engine.execute(
        (outputs, context) -> "one", (outputs, context) -> outputs.<String>get(0) + "!");
    PipelineResult<String> two = engine.execute(
        (outputs, context) -> "two", (outputs, context) -> outputs.<String>get(0) + "?");

    assertThat(one.output()).isEqualTo("one!");
    assertThat(two.output()).isEqualTo("two?");
  }
}
