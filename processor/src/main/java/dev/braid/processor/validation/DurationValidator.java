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
 * Durations of the pipeline and of each step must be ones Braid can read: a timeout or deadline
 * above zero, a retry delay or its cap of zero or more. Checked at compile time so that a typo
 * never reaches a running application.
 */
final class DurationValidator implements Validator {

  /** What a duration attribute measures, which decides its smallest value and the advice. */
  enum Kind {
    /** A time limit, which must be positive. */
    LIMIT,
    /** A pause or a cap on pauses, which may be zero. */
    DELAY
  }

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    List<Finding> findings = new ArrayList<>();
    Site site =
        new Site(findings, pipeline.type(), pipeline.annotation(), Prose.pipeline(pipeline));
    site.check("timeout", pipeline.timeout(), Kind.LIMIT, "or leave it empty for no limit");
    site.check("retryDelay", pipeline.retryDelay(), Kind.DELAY, "such as 500ms");
    site.check("maxRetryDelay", pipeline.maxRetryDelay(), Kind.DELAY, "such as 30s");
    site.check("deadline", pipeline.deadline(), Kind.LIMIT, "or leave it empty for no limit");
    for (StepModel step : pipeline.steps()) {
      Site stepSite = new Site(findings, step.method(), step.annotation(), Prose.step(step));
      stepSite.check("timeout", step.timeout(), Kind.LIMIT,
          "or leave it empty to inherit the pipeline's");
      stepSite.check("retryDelay", step.retryDelay(), Kind.DELAY, "such as 500ms");
      stepSite.check("maxRetryDelay", step.maxRetryDelay(), Kind.DELAY, "such as 30s");
    }
    return findings;
  }

  /**
   * The annotation whose durations are checked, and where findings about them go; routers check
   * their deadline with it too.
   */
  record Site(
      List<Finding> findings, Element element, AnnotationMirror annotation, String subject) {

    void check(String attribute, Attribute<String> duration, Kind kind, String advice) {
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
      } else if (kind == Kind.LIMIT && millis.getAsLong() <= 0) {
        message = prefix + " is not above zero; set a positive limit such as 30s, " + advice
            + ".";
      } else if (millis.getAsLong() < 0) {
        message = prefix + " is negative; set a delay of zero or more, " + advice + ".";
      } else {
        return;
      }
      findings.add(Finding.on(element, annotation, duration.written(), message));
    }
  }
}
