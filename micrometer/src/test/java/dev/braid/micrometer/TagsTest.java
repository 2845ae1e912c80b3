package dev.braid.micrometer;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.PriceTable;
import dev.braid.runtime.RunEvent;
import dev.braid.runtime.RunListener;
import dev.braid.runtime.StepExecutionException;
import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Meters carry Braid's low-cardinality tags and the common ones, and are registered once. */
@Timeout(30)
class TagsTest {
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  /** Runs of a pipeline that retries, streams, calls a model and, on demand, fails. */
  private static final class Workload {
    final List<String> runIds = new CopyOnWriteArrayList<>();
    final PipelineEngine engine;

    Workload(BraidMetrics metrics) {
      PipelinePlan.Builder plan = PipelinePlan.builder("Replies");
      plan.step("draft").retries(1);
      plan.step("send", 0);
      plan.output(1);
      RunListener ids = new RunListener() {
        @Override
        public void runStarted(RunEvent run) {
          runIds.add(run.runId());
        }
      };
      engine = PipelineEngine.create(plan.build(), PipelineConfig.builder()
          .prices(PriceTable.empty().withFree("m")).listener(metrics).listener(ids).build());
    }

    PipelineResult<String> run(String ticket, boolean fail) {
      ScriptedModel model = ScriptedModel.answering("m", 12, 3);
      return engine.execute(
          (outputs, context) -> {
            context.emit(ticket);
            context.call(model, ticket);
            if (context.attempt() == 1) {
              throw new IllegalStateException("retry " + ticket);
            }
            return "draft for " + ticket;
          },
          (outputs, context) -> {
            if (fail) {
              throw new IllegalStateException("cannot send " + ticket);
            }
            return "sent";
          });
    }
  }

  @Test
  void noMeterCarriesARunIdOrAnInputOnlyBraidsOwnTags() {
    Workload workload = new Workload(BraidMetrics.create(registry));

    workload.run("ticket-1", false);
    workload.run("ticket-2", false);
    assertThrows(StepExecutionException.class, () -> workload.run("ticket-3", true));

    assertThat(workload.runIds).hasSize(3);
    Set<String> names = registry.getMeters().stream()
        .map(meter -> meter.getId().getName()).collect(Collectors.toSet());
    assertThat(names).containsExactly("braid.run.duration", "braid.runs.active",
        "braid.step.duration", "braid.step.retries", "braid.model.calls", "braid.model.tokens",
        "braid.model.cost", "braid.stream.chunks");
    for (Meter meter : registry.getMeters()) {
      for (Tag tag : meter.getId().getTags()) {
        assertThat(tag.getKey()).isIn(Meters.OWN_TAGS);
        assertThat(tag.getValue()).isNotIn(workload.runIds);
        assertThat(tag.getValue()).doesNotContain("ticket");
      }
    }
  }

  @Test
  void registersEachMeterOnceAndReusesItForLaterRuns() {
    Workload workload = new Workload(BraidMetrics.create(registry));

    workload.run("ticket-1", false);
    List<Meter> afterOne = List.copyOf(registry.getMeters());
    workload.run("ticket-2", false);

    assertThat(registry.getMeters()).containsExactlyElementsIn(afterOne);
    assertThat(registry.get("braid.run.duration").timer().count()).isEqualTo(2);
    assertThat(registry.get("braid.step.retries").tag("step", "draft").counter().count())
        .isEqualTo(2.0);
  }

  @Test
  void addsTheCommonTagsToEveryMeter() {
    BraidMetrics metrics = BraidMetrics.builder(registry)
        .commonTags("application", "support-bot")
        .commonTags(List.of(Tag.of("region", "eu")))
        .build();

    new Workload(metrics).run("ticket-1", false);

    assertThat(registry.getMeters()).isNotEmpty();
    for (Meter meter : registry.getMeters()) {
      assertThat(meter.getId().getTags())
          .containsAtLeast(Tag.of("application", "support-bot"), Tag.of("region", "eu"));
    }
  }

  @Test
  void rejectsACommonTagWhoseKeyBraidSetsItself() {
    BraidMetrics.Builder builder = BraidMetrics.builder(registry);

    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> builder.commonTags("step", "ingest"));

    assertThat(e).hasMessageThat().isEqualTo("BraidMetrics.commonTags cannot use the key 'step',"
        + " which Braid sets on its own meters; choose another key, such as 'app.step'");
  }
}
