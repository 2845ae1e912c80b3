package dev.braid.runtime;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.codegen.PipelineEngine;
import dev.braid.runtime.codegen.PipelinePlan;
import dev.braid.runtime.codegen.TypeLiteral;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A pipeline's definition carries what a worker elsewhere needs: full types, the code of its steps
 * for any inputs, and which steps a resume would reuse.
 */
@Timeout(30)
class PipelineDefinitionTest {
  private static final Type ARTICLES = new TypeLiteral<List<String>>() {}.type();

  /** search (reads query) -> ask (conversational, reads answer) -> reply. */
  private static PipelineDefinition<String> definition() {
    PipelinePlan.Builder plan = PipelinePlan.builder("Support").inputs("query", "answer");
    plan.step("search").readsInputs(0);
    plan.step("ask", 0).readsInputs(1).conversational();
    plan.step("reply", 1);
    plan.output(2);
    return PipelineDefinition.of(PipelineEngine.create(plan.build()),
        List.of(String.class, String.class), List.of(ARTICLES, String.class, String.class),
        inputs -> (step, outputs, context) -> switch (step) {
          case 0 -> List.of("article on " + inputs[0]);
          case 1 -> inputs[1] == null
              ? ConversationState.incomplete("draft", "Which order?")
              : ConversationState.complete(outputs.<List<String>>get(0) + " for " + inputs[1]);
          case 2 -> "reply: " + outputs.<String>get(1);
          default -> throw new IndexOutOfBoundsException(step);
        });
  }

  @Test
  void typeLiteralKeepsTheGenericType() {
    assertThat(ARTICLES).isInstanceOf(ParameterizedType.class);
    assertThat(ARTICLES.getTypeName()).isEqualTo("java.util.List<java.lang.String>");
  }

  @Test
  void typeLiteralWithoutATypeArgumentIsRefused() {
    @SuppressWarnings("rawtypes")
    IllegalStateException raw = assertThrows(IllegalStateException.class,
        () -> new TypeLiteral() {});

    assertThat(raw).hasMessageThat().endsWith(
        " must name its type argument, as in new TypeLiteral<List<String>>() {}");
  }

  @Test
  void givesTheTypesOfInputsStepsAndOutput() {
    PipelineDefinition<String> definition = definition();

    assertThat(definition.name()).isEqualTo("Support");
    assertThat(definition.inputTypes()).containsExactly(String.class, String.class).inOrder();
    assertThat(definition.stepTypes()).containsExactlyEntriesIn(
        Map.of("search", ARTICLES, "ask", String.class, "reply", String.class));
    assertThat(List.copyOf(definition.stepTypes().keySet()))
        .containsExactly("search", "ask", "reply").inOrder();
    assertThat(definition.stepType("search")).isEqualTo(ARTICLES);
    assertThat(definition.outputType()).isEqualTo(String.class);
  }

  @Test
  void unknownStepIsNamedWithTheStepsThereAre() {
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
        () -> definition().stepType("serch"));

    assertThat(unknown).hasMessageThat().isEqualTo(
        "Pipeline 'Support' has no step named 'serch'; its steps are [search, ask, reply]");
  }

  @Test
  void typeListsMustMatchThePlan() {
    PipelineEngine engine = definition().engine();

    IllegalArgumentException inputs = assertThrows(IllegalArgumentException.class,
        () -> PipelineDefinition.of(engine, List.of(String.class), List.of(), i -> null));
    IllegalArgumentException steps = assertThrows(IllegalArgumentException.class,
        () -> PipelineDefinition.of(engine, List.of(String.class, String.class),
            List.of(String.class), i -> null));

    assertThat(inputs).hasMessageThat().isEqualTo(
        "Pipeline 'Support' takes 2 inputs [query, answer] but 1 input types were given");
    assertThat(steps).hasMessageThat().isEqualTo(
        "Pipeline 'Support' has 3 steps but 1 step types were given");
  }

  @Test
  void runsAndResumesWithTheStepsOfTheGivenInputs() {
    PipelineDefinition<String> definition = definition();

    PipelineResult<String> stopped = definition.execute(RunOptions.defaults(), "refunds", null);
    PipelineResult<String> done = definition.resume(stopped, RunOptions.defaults(), "refunds", "A-1");

    assertThat(stopped.stoppedAt()).hasValue("ask");
    assertThat(done.output()).isEqualTo("reply: [article on refunds] for A-1");
    assertThat(done.step("search").status()).isEqualTo(StepStatus.REUSED);
  }

  @Test
  void reusableStepsAreThoseWhoseInputsAndDependenciesDidNotChange() {
    PipelineDefinition<String> definition = definition();
    PipelineResult<String> stopped = definition.execute(RunOptions.defaults(), "refunds", null);

    assertThat(definition.reusableSteps(stopped, "refunds", "A-1")).containsExactly("search");
    assertThat(definition.reusableSteps(stopped, "returns", "A-1")).isEmpty();
  }
}
