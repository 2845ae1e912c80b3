package dev.braid.spring.boot.autoconfigure;

import static com.google.common.truth.Truth.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** A bad property is printed at startup as what is wrong, then the fix. */
class InvalidBraidPropertyFailureAnalyzerTest {

  @Test
  void describesThePropertyAndTheFixApart() {
    InvalidBraidPropertyException cause = new InvalidBraidPropertyException(
        "braid.pipelines.TicketPipeline.steps.draftt",
        "names no step of pipeline 'TicketPipeline'; did you mean 'draft'?",
        "write the name of one of its @Step methods");

    FailureAnalysis analysis = new InvalidBraidPropertyFailureAnalyzer()
        .analyze(new BeanCreationException("braidPipelineConfigs", "failed", cause));

    assertThat(analysis.getDescription()).isEqualTo("Property"
        + " braid.pipelines.TicketPipeline.steps.draftt names no step of pipeline"
        + " 'TicketPipeline'; did you mean 'draft'?");
    assertThat(analysis.getAction()).isEqualTo("Write the name of one of its @Step methods.");
  }
}
