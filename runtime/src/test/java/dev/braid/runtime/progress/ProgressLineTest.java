package dev.braid.runtime.progress;

import static com.google.common.truth.Truth.assertThat;

import dev.braid.runtime.ModelCall;
import dev.braid.runtime.ModelClient;
import dev.braid.runtime.ModelPrice;
import dev.braid.runtime.ModelResponse;
import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.PriceTable;
import dev.braid.runtime.RunOptions;
import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.progress.ProgressLine.Rendering;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The progress line follows a run: steps done of the total, the ones running, what was spent. */
@Timeout(30)
class ProgressLineTest {
  private static final ModelClient<String, String> MODEL = new ModelClient<>() {
    @Override
    public String model() {
      return "m";
    }

    @Override
    public ModelResponse<String> call(String request, ModelCall call) {
      return ModelResponse.of("ok", 1_000, 1_000);
    }
  };

  @Test
  void describesStepsDoneRunningStepsAndSpending() {
    List<String> lines = new CopyOnWriteArrayList<>();
    CyclicBarrier together = new CyclicBarrier(2);
    PipelinePlan.Builder plan = PipelinePlan.builder("Support");
    plan.step("lookup");
    plan.step("search");
    plan.step("draft", 0, 1);
    plan.output(2);
    PipelineEngine engine = PipelineEngine.create(plan.build(), PipelineConfig.builder()
        .prices(PriceTable.empty().with("m", ModelPrice.dollarsPerMillion("1", "1", "1")))
        .build());

    engine.execute(RunOptions.builder().listener(ProgressLine.to(lines::add)).build(),
        new Object[0],
        (outputs, context) -> {
          together.await(10, TimeUnit.SECONDS); // both parallel steps are running here
          return "customer";
        },
        (outputs, context) -> {
          together.await(10, TimeUnit.SECONDS);
          return "articles";
        },
        (outputs, context) -> context.call(MODEL, "draft").value());

    assertThat(lines.getFirst()).isEqualTo("Support: 0/3 steps done · $0.00 spent");
    assertThat(lines).contains("Support: 0/3 steps done · running lookup, search · $0.00 spent");
    assertThat(lines).contains("Support: 2/3 steps done · running draft · $0.00 spent");
    assertThat(lines).contains("Support: 2/3 steps done · running draft · $0.002 spent");
    assertThat(lines.getLast()).isEqualTo("Support: 3/3 steps done · $0.002 spent");
  }

  @Test
  void printedToALogEachLineStandsOnItsOwnWithNoCarriageReturn() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    runOneStep(ProgressLine.printingTo(
        new PrintStream(bytes, true, StandardCharsets.UTF_8), Rendering.LINE_BY_LINE));

    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo("""
        One: 0/1 steps done · $0.00 spent
        One: 0/1 steps done · running only · $0.00 spent
        One: 1/1 steps done · $0.00 spent
        """);
  }

  @Test
  void printedToATerminalTheLineIsRewrittenInPlaceAndEndedWithTheRun() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    runOneStep(ProgressLine.printingTo(
        new PrintStream(bytes, true, StandardCharsets.UTF_8), Rendering.IN_PLACE));

    assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(
        "\rOne: 0/1 steps done · $0.00 spent"
            + "\rOne: 0/1 steps done · running only · $0.00 spent"
            + "\rOne: 1/1 steps done · $0.00 spent" + " ".repeat(" · running only".length()) + "\n");
  }

  @Test
  void withoutATerminalTheLineIsPrintedLineByLine() {
    // Surefire's forked JVM writes to a pipe, as a CI job or a redirected run does.
    assertThat(Rendering.detect()).isEqualTo(Rendering.LINE_BY_LINE);
  }

  private static void runOneStep(ProgressLine progress) {
    PipelinePlan.Builder plan = PipelinePlan.builder("One");
    plan.step("only");
    plan.output(0);
    PipelineEngine.create(plan.build()).execute(RunOptions.builder().listener(progress).build(),
        new Object[0], (outputs, context) -> "done");
  }
}
