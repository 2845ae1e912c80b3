package dev.braid.processor.validation;

import dev.braid.processor.model.Attribute;
import dev.braid.processor.model.DurationSyntax;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepModel;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;

/**
 * Timeouts and retry delays of the pipeline and of each step must be durations Braid can read: a
 * timeout above zero, a retry delay of zero or more. Checked at compile time so that a typo never
 * reaches a running application.
 */
final class DurationValidator implements Validator {

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    List<Finding> findings = new ArrayList<>();
    String pipelineSubject = Prose.pipeline(pipeline);
    check(findings, pipeline.type(), pipeline.annotation(), pipelineSubject, "timeout",
        pipeline.timeout(), "or leave it empty for no limit");
    check(findings, pipeline.type(), pipeline.annotation(), pipelineSubject, "retryDelay",
        pipeline.retryDelay(), "");
    for (StepModel step : pipeline.steps()) {
      String subject = Prose.step(step);
      check(findings, step.method(), step.annotation(), subject, "timeout", step.timeout(),
          "or leave it empty to inherit the pipeline's");
      check(findings, step.method(), step.annotation(), subject, "retryDelay",
          step.retryDelay(), "");
    }
    return findings;
  }

  private static void check(
      List<Finding> findings,
      Element element,
      AnnotationMirror annotation,
      String subject,
      String attribute,
      Attribute<String> duration,
      String timeoutAlternative) {
    String text = duration.value();
    if (text.isEmpty()) {
      return;
    }
    String prefix = "[Braid/BadDuration] " + attribute + " " + Prose.quote(text) + " of "
        + subject;
    OptionalLong millis = DurationSyntax.parseMillis(text);
    String message;
    if (millis.isEmpty()) {
      message = prefix + " is not a duration; write it as " + DurationSyntax.FORMS
          + ", in whole milliseconds.";
    } else if (attribute.equals("timeout") && millis.getAsLong() <= 0) {
      message = prefix + " is not above zero; set a positive limit such as 30s, "
          + timeoutAlternative + ".";
    } else if (millis.getAsLong() < 0) {
      message = prefix + " is negative; set a delay of zero or more, such as 500ms.";
    } else {
      return;
    }
    findings.add(Finding.on(element, annotation, duration.written(), message));
  }
}
