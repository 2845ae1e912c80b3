package dev.braid.processor.validation;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {

  @Test
  void suggestsANameOneEditAway() {
    assertThat(DidYouMean.closest("extrct", List.of("classify", "extract", "answer")))
        .hasValue("extract");
  }

  @Test
  void suggestsANameThatDiffersOnlyInCase() {
    assertThat(DidYouMean.closest("Extract", List.of("extract"))).hasValue("extract");
  }

  @Test
  void prefersTheNearestAndThenTheFirstDeclared() {
    assertThat(DidYouMean.closest("extrct", List.of("extracts", "extract"))).hasValue("extract");
    assertThat(DidYouMean.closest("stepx", List.of("step1", "step2"))).hasValue("step1");
  }

  @Test
  void suggestsNothingWhenEveryNameIsFar() {
    assertThat(DidYouMean.closest("translate", List.of("extract", "answer"))).isEmpty();
    assertThat(DidYouMean.closest("ab", List.of("xy"))).isEmpty();
  }

  @Test
  void measuresLevenshteinDistance() {
    assertThat(DidYouMean.distance("kitten", "sitting")).isEqualTo(3);
    assertThat(DidYouMean.distance("", "abc")).isEqualTo(3);
    assertThat(DidYouMean.distance("same", "same")).isEqualTo(0);
  }

  @Test
  void neverSuggestsTheMangledNameOfAnInternalKotlinFunction() {
    assertThat(DidYouMean.closest("extract1", List.of("extract$", "extract"))).hasValue("extract");
    assertThat(DidYouMean.closest("extract1", List.of("extract$"))).isEmpty();
  }
}
