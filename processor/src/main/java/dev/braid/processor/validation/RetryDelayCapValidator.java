package dev.braid.processor.validation;

import dev.braid.processor.model.Attribute;
import dev.braid.processor.model.DurationSyntax;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepModel;
import dev.braid.processor.model.StepSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A cap on retry pauses ({@code maxRetryDelay}) must not be below the first pause it caps ({@code
 * retryDelay}), or the written delay would never apply. Judged on the values each step ends up
 * with after inheritance, and reported once, where the two values meet: on the pipeline when both
 * are its defaults, otherwise on the step's own value. Durations that do not parse or are negative
 * are left to {@link DurationValidator}.
 */
final class RetryDelayCapValidator implements Validator {
  private static final String ID = "[Braid/BadDuration] ";

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    List<Finding> findings = new ArrayList<>();
    Attribute<String> pipelineCap = pipeline.maxRetryDelay();
    Attribute<String> pipelineDelay = pipeline.retryDelay();
    if (below(pipelineCap, pipelineDelay)) {
      findings.add(Finding.on(pipeline.type(), pipeline.annotation(), pipelineCap.written(),
          ID + "maxRetryDelay " + Prose.quote(pipelineCap.value()) + " of "
              + Prose.pipeline(pipeline) + " is below its retryDelay "
              + Prose.quote(pipelineDelay.value()) + "; raise maxRetryDelay to "
              + Prose.quote(pipelineDelay.value()) + " or more, or lower retryDelay."));
    }
    for (StepModel step : pipeline.steps()) {
      Attribute<String> cap = StepSettings.inherited(step.maxRetryDelay(), pipelineCap);
      Attribute<String> delay = StepSettings.inherited(step.retryDelay(), pipelineDelay);
      boolean ownCap = !step.maxRetryDelay().value().isEmpty();
      boolean ownDelay = !step.retryDelay().value().isEmpty();
      if ((ownCap || ownDelay) && below(cap, delay)) {
        findings.add(ownCap
            ? Finding.on(step.method(), step.annotation(), cap.written(),
                capMessage(pipeline, step, cap, delay, ownDelay))
            : Finding.on(step.method(), step.annotation(), delay.written(),
                delayMessage(pipeline, step, cap, delay)));
      }
    }
    return findings;
  }

  /** The step's own cap is below its delay, its own or the pipeline's. */
  private static String capMessage(PipelineModel pipeline, StepModel step,
      Attribute<String> cap, Attribute<String> delay, boolean ownDelay) {
    String prefix = ID + "maxRetryDelay " + Prose.quote(cap.value()) + " of " + Prose.step(step)
        + " is below ";
    String raise = "raise maxRetryDelay to " + Prose.quote(delay.value()) + " or more";
    return ownDelay
        ? prefix + "its retryDelay " + Prose.quote(delay.value()) + "; " + raise
            + ", or lower retryDelay."
        : prefix + "retryDelay " + Prose.quote(delay.value()) + ", which it inherits from "
            + Prose.pipeline(pipeline) + "; " + raise + ", or set a lower retryDelay on the step.";
  }

  /** The step's own delay is above the cap it inherits from the pipeline. */
  private static String delayMessage(PipelineModel pipeline, StepModel step,
      Attribute<String> cap, Attribute<String> delay) {
    return ID + "retryDelay " + Prose.quote(delay.value()) + " of " + Prose.step(step)
        + " is above maxRetryDelay " + Prose.quote(cap.value()) + ", which it inherits from "
        + Prose.pipeline(pipeline) + "; lower retryDelay to " + Prose.quote(cap.value())
        + " or less, or set maxRetryDelay to " + Prose.quote(delay.value())
        + " or more on the step.";
  }

  /** Whether both durations are written and valid, and {@code cap} is below {@code delay}. */
  private static boolean below(Attribute<String> cap, Attribute<String> delay) {
    OptionalLong capMillis = DurationSyntax.parseMillis(cap.value());
    OptionalLong delayMillis = DurationSyntax.parseMillis(delay.value());
    return capMillis.isPresent() && delayMillis.isPresent()
        && capMillis.getAsLong() >= 0
        && capMillis.getAsLong() < delayMillis.getAsLong();
  }
}
