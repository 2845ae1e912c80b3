package dev.braid.durable;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.zaxxer.hikari.HikariDataSource;
import dev.braid.runtime.ConversationState;
import dev.braid.runtime.PipelineDefinition;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A new build of a pipeline deployed while its runs are in flight: the worker of the new build
 * resumes them from the checkpoints that still fit, runs again the steps whose shape changed and
 * what follows them, and fails, naming the change, the runs it cannot go on with.
 */
abstract class VersionsContract {
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String NAME = "Versioned";

  record Entities(String text) {}

  record Label(String name, int confidence) {}

  private final CountDownLatch release = new CountDownLatch(1);
  @RegisterExtension
  final DurableFixture fixture = new DurableFixture(this::newDatabase, release);
  private final Map<String, AtomicInteger> ran = new ConcurrentHashMap<>();
  private final CountDownLatch replyStarted = new CountDownLatch(1);

  abstract HikariDataSource newDatabase() throws Exception;

  private WorkerConfig config(String id) {
    return WorkerConfig.builder().workerId(id).pollInterval(Duration.ofMillis(20)).build();
  }

  /** {@code extract → classify → reply}; {@code classify} returns a String, {@code reply} hangs. */
  private PipelineDefinition<String> version1() {
    return definition(List.of(String.class), String.class, (step, outputs, text) -> switch (step) {
      case 0 -> new Entities((String) text);
      case 1 -> "class of " + outputs.<Entities>get(0).text();
      default -> {
        replyStarted.countDown();
        release.await();
        yield "never";
      }
    }, "v1");
  }

  /** The same steps, but {@code classify} now returns a {@link Label}. */
  private PipelineDefinition<String> version2() {
    return definition(List.of(String.class), Label.class, (step, outputs, text) -> switch (step) {
      case 0 -> new Entities((String) text);
      case 1 -> new Label("class of " + outputs.<Entities>get(0).text(), 90);
      default -> "reply to " + outputs.<Label>get(1).name();
    }, "v2");
  }

  @FunctionalInterface
  private interface Body {
    Object run(int step, dev.braid.runtime.codegen.StepOutputs outputs, Object input)
        throws Exception;
  }

  private PipelineDefinition<String> definition(List<Type> inputTypes, Type classifyType,
      Body body, String build) {
    PipelinePlan.Builder plan = PipelinePlan.builder(NAME).inputs("text");
    plan.step("extract").readsInputs(0);
    plan.step("classify", 0);
    plan.step("reply", 1);
    plan.output(2);
    return PipelineDefinition.of(PipelineEngine.create(plan.build()), inputTypes,
        List.of(Entities.class, classifyType, String.class),
        inputs -> (step, outputs, context) -> {
          ran.computeIfAbsent(build + "#" + step, key -> new AtomicInteger()).incrementAndGet();
          return body.run(step, outputs, inputs[0]);
        });
  }

  private int ran(String build, int step) {
    AtomicInteger count = ran.get(build + "#" + step);
    return count == null ? 0 : count.get();
  }

  /** Runs version 1 until {@code extract} and {@code classify} are checkpointed, then stops it. */
  private String checkpointedOnVersion1() throws Exception {
    Worker old = fixture.startWorker(config("old"), version1());
    String id = fixture.runs().submit(version1(), "refund");
    assertThat(replyStarted.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
    assertThat(fixture.runs().steps(id).stream().map(StoredStep::step).toList())
        .containsExactly("extract", "classify");
    old.close();
    assertThat(fixture.runs().status(id).orElseThrow().status()).isEqualTo(RunStatus.QUEUED);
    return id;
  }

  @Test
  void aNewVersionRunsAgainTheStepWhoseOutputTypeChangedAndWhatFollows() throws Exception {
    String id = checkpointedOnVersion1();

    fixture.startWorker(config("new"), version2());
    StoredRun run = fixture.runs().await(id, WAIT);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(fixture.runs().<String>output(run, String.class))
        .isEqualTo("reply to class of refund");
    assertThat(ran("v2", 0)).isEqualTo(0);
    assertThat(ran("v2", 1)).isEqualTo(1);
    assertThat(ran("v2", 2)).isEqualTo(1);
    assertThat(run.version()).isEqualTo(version1().version());
    assertThat(version2().version()).isNotEqualTo(version1().version());
    PipelineResult<String> result = fixture.runs().result(version2(), id).orElseThrow();
    assertThat(result.stepOutput("classify")).hasValue(new Label("class of refund", 90));
  }

  @Test
  void aStepWhoseShapeDidNotChangeKeepsItsFingerprintAcrossBuilds() {
    assertThat(version2().stepFingerprints().get("extract"))
        .isEqualTo(version1().stepFingerprints().get("extract"));
    assertThat(version2().stepFingerprints().get("classify"))
        .isNotEqualTo(version1().stepFingerprints().get("classify"));
  }

  @Test
  void aRunWhoseInputsTheNewVersionCannotReadFailsNamingTheChange() throws Exception {
    String id = fixture.runs().submit(version1(), "refund");
    PipelineDefinition<String> counts = definition(List.of(Integer.class), String.class,
        (step, outputs, text) -> "unused", "v3");

    fixture.startWorker(config("new"), counts);
    StoredRun run = fixture.runs().await(id, WAIT);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error()).startsWith("The inputs of durable run " + id + " of pipeline '"
        + NAME + "' cannot be read as [java.lang.Integer]: the run started on version "
        + version1().version() + " with inputs [java.lang.String], and version "
        + counts.version() + " takes [java.lang.Integer] instead (");
    assertThat(run.error()).endsWith("); submit the run again with inputs of the new types");
    assertThat(ran("v3", 0)).isEqualTo(0);
  }

  /** The same, answered without the classes: the worker of the new version fails it. */
  @Test
  void aRunAnsweredAsJsonAtAStepTheNewVersionRemovedFailsNamingTheStep() throws Exception {
    AskingPipeline asking = new AskingPipeline();
    Worker old = fixture.startWorker(config("old"), asking.definition());
    String id = fixture.runs().submit(asking.definition(), "refund", null);
    assertThat(fixture.runs().await(id, WAIT).status()).isEqualTo(RunStatus.STOPPED_EARLY);
    old.close();
    PipelineDefinition<String> withoutAsk = withoutAsk();

    fixture.runs().resume(id, "[\"refund\", \"42\"]");
    fixture.startWorker(config("new"), withoutAsk);
    StoredRun run = fixture.runs().await(id, WAIT);

    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error()).isEqualTo("Durable run " + id + " stopped early at step 'ask',"
        + " which version " + withoutAsk.version() + " of pipeline 'Asking' no longer has (the"
        + " run started on version " + asking.definition().version() + "; its steps are now"
        + " [extract, classify, reply]), so it cannot be resumed and is FAILED; submit a new run");
    assertThat(asking.ran("refund", 0)).isEqualTo(1);
  }

  /**
   * An answer as JSON to a run whose old inputs the new version cannot read: nothing says what the
   * answer changed, so even {@code greet}, which reads no input and whose checkpoint the new
   * version could read, runs again, and the run completes.
   */
  @Test
  void aRunAnsweredAsJsonWhoseOldInputsTheNewVersionCannotReadRunsEveryStepAgain()
      throws Exception {
    Worker old = fixture.startWorker(config("old"), greeting(String.class, "g1"));
    String id = fixture.runs().submit(greeting(String.class, "g1"), "ann", null);
    assertThat(fixture.runs().await(id, WAIT).status()).isEqualTo(RunStatus.STOPPED_EARLY);
    old.close();

    fixture.runs().resume(id, "[7, \"yes\"]");
    fixture.startWorker(config("new"), greeting(Integer.class, "g2"));
    StoredRun run = fixture.runs().await(id, WAIT);

    assertThat(run.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(run.resultJson()).isEqualTo("\"hello, 7: yes\"");
    assertThat(ran("g1", 0)).isEqualTo(1);
    assertThat(ran("g2", 0)).isEqualTo(1);
  }

  /**
   * {@code greet → ask}: {@code greet} reads no input; {@code ask} reads both, a name of type
   * {@code nameType} and an answer, and stops until the answer is given. Its fingerprints are fixed,
   * as a pipeline's that does not declare its types, so every build reads the others' checkpoints.
   */
  private PipelineDefinition<String> greeting(Type nameType, String build) {
    PipelinePlan.Builder plan = PipelinePlan.builder("Greeting").inputs("name", "answer");
    plan.step("greet");
    plan.step("ask", 0).readsInputs(0, 1).conversational();
    plan.output(1);
    return PipelineDefinition.of(PipelineEngine.create(plan.build()),
        List.of(nameType, String.class), List.of(String.class, String.class),
        List.of("greet-fingerprint", "ask-fingerprint"), inputs -> (step, outputs, context) -> {
          ran.computeIfAbsent(build + "#" + step, key -> new AtomicInteger()).incrementAndGet();
          if (step == 0) {
            return "hello";
          }
          String greeting = outputs.<String>get(0) + ", " + inputs[0];
          return inputs[1] == null ? ConversationState.incomplete(greeting, "Answer?")
              : ConversationState.complete(greeting + ": " + inputs[1]);
        });
  }

  /** {@link AskingPipeline} without its {@code ask} step, whose steps must not run. */
  private static PipelineDefinition<String> withoutAsk() {
    PipelinePlan.Builder plan = PipelinePlan.builder(AskingPipeline.NAME).inputs("text", "answer");
    plan.step("extract").readsInputs(0);
    plan.step("classify", 0);
    plan.step("reply", 1);
    plan.output(2);
    return PipelineDefinition.of(PipelineEngine.create(plan.build()),
        List.of(String.class, String.class),
        List.of(CountingPipeline.Entities.class, String.class, String.class),
        inputs -> (step, outputs, context) -> {
          throw new AssertionError("step " + step + " ran");
        });
  }

  @Test
  void aRunStoppedAtAStepTheNewVersionRemovedFailsNamingTheStep() throws Exception {
    AskingPipeline asking = new AskingPipeline();
    fixture.startWorker(config("old"), asking.definition());
    String id = fixture.runs().submit(asking.definition(), "refund", null);
    assertThat(fixture.runs().await(id, WAIT).status()).isEqualTo(RunStatus.STOPPED_EARLY);
    PipelineDefinition<String> withoutAsk = withoutAsk();

    IllegalStateException thrown = assertThrows(IllegalStateException.class,
        () -> fixture.runs().resume(withoutAsk, id, "refund", "42"));

    StoredRun run = fixture.runs().status(id).orElseThrow();
    assertThat(run.status()).isEqualTo(RunStatus.FAILED);
    assertThat(run.error()).isEqualTo(thrown.getMessage());
    assertThat(thrown).hasMessageThat().isEqualTo("Durable run " + id + " stopped early at step"
        + " 'ask', which version " + withoutAsk.version() + " of pipeline 'Asking' no longer has"
        + " (the run started on version " + asking.definition().version() + "; its steps are"
        + " now [extract, classify, reply]), so it cannot be resumed and is FAILED; submit a new"
        + " run");
  }
}
