package dev.braid.processor.model;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OutputSelectionTest {
  /** extract; then reply, archive and audit all after extract. */
  private static final StepGraph FAN_OUT = StepGraph.of(
      List.of("extract", "reply", "archive", "audit"),
      List.of(List.of(), List.of("extract"), List.of("extract"), List.of("extract")));

  @Test
  void picksTheSingleFinalStep() {
    StepGraph chain = StepGraph.of(List.of("a", "b"), List.of(List.of(), List.of("a")));

    assertThat(OutputSelection.select(chain, Set.of(), Set.of()))
        .isEqualTo(new OutputSelection.Selected(1));
  }

  @Test
  void picksTheMarkedStepEvenIfOthersAreFinal() {
    assertThat(OutputSelection.select(FAN_OUT, Set.of(2), Set.of()))
        .isEqualTo(new OutputSelection.Selected(2));
  }

  @Test
  void picksTheOnlyNonVoidFinalStep() {
    assertThat(OutputSelection.select(FAN_OUT, Set.of(), Set.of(1, 3)))
        .isEqualTo(new OutputSelection.Selected(2));
  }

  @Test
  void reportsSeveralFinalStepsThatLeaveNoSingleAnswer() {
    assertThat(OutputSelection.select(FAN_OUT, Set.of(), Set.of(3)))
        .isEqualTo(new OutputSelection.SeveralFinal(List.of(1, 2, 3)));
    assertThat(OutputSelection.select(FAN_OUT, Set.of(), Set.of(1, 2, 3)))
        .isEqualTo(new OutputSelection.SeveralFinal(List.of(1, 2, 3)));
  }

  @Test
  void reportsSeveralMarkedSteps() {
    assertThat(OutputSelection.select(FAN_OUT, Set.of(0, 2), Set.of()))
        .isEqualTo(new OutputSelection.SeveralMarked(List.of(0, 2)));
  }

  @Test
  void findsNoFinalStepInACycle() {
    StepGraph loop = StepGraph.of(List.of("a", "b"), List.of(List.of("b"), List.of("a")));

    assertThat(OutputSelection.select(loop, Set.of(), Set.of()))
        .isEqualTo(new OutputSelection.NoFinalStep());
  }
}
