package dev.braid.processor.validation;

import dev.braid.processor.model.PipelineInput;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepModel;
import dev.braid.processor.model.StepOutput;
import dev.braid.processor.validation.Storability.Unstorable;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.Element;
import javax.lang.model.util.Types;

/**
 * A durable pipeline's runs are stored as JSON and run later by a worker, possibly in another
 * process, which reads each input and each step's output back into its declared type. So every
 * input and every output of a step that returns one must be a type Jackson 3 can store and read
 * back: reported on the input's first parameter or on the step method. A class that Jackson can
 * create only from its constructor's parameter names is a warning, since builds that compile with
 * {@code -parameters} store it fine; everything else is an error. Pipelines that are not durable
 * are not checked.
 */
final class NotStorableValidator implements Validator {
  private final Storability storability;

  NotStorableValidator(Types types) {
    this.storability = new Storability(types);
  }

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    if (!pipeline.isDurable()) {
      return List.of();
    }
    // In source order: each step's output, then the inputs it declares first; then the inputs
    // that a condition method declares first.
    List<Finding> findings = new ArrayList<>();
    List<PipelineInput> inputs = pipeline.inputs();
    for (StepModel step : pipeline.steps()) {
      output(pipeline, step, findings);
      inputs.stream()
          .filter(input -> input.firstReader() == step)
          .forEach(input -> input(pipeline, input, findings));
    }
    inputs.stream()
        .filter(input -> !(input.firstReader() instanceof StepModel))
        .forEach(input -> input(pipeline, input, findings));
    return findings;
  }

  private void output(PipelineModel pipeline, StepModel step, List<Finding> findings) {
    StepOutput output = step.output();
    if (output.isVoid()) {
      return;
    }
    storability.check(output.type()).ifPresent(problem -> {
      String subject = Prose.step(step) + " of durable pipeline " + pipeline.className()
          + " returns ";
      findings.add(finding(step.method(), problem,
          switch (output.kind()) {
            case CONVERSATION -> subject + TypeFormatter.format(step.method().getReturnType())
                + ", whose data " + TypeFormatter.format(output.type());
            case MODEL_REQUEST -> subject + TypeFormatter.format(step.method().getReturnType())
                + ", whose model's answer " + TypeFormatter.format(output.type());
            default -> subject + TypeFormatter.format(output.type()) + ", which";
          }));
    });
  }

  private void input(PipelineModel pipeline, PipelineInput input, List<Finding> findings) {
    storability.check(input.type()).ifPresent(problem -> {
      String role = input.name().equals(input.firstParameter().name())
          ? "an input"
          : "input " + input.name();
      findings.add(finding(input.firstParameter().element(), problem,
          Prose.parameter(input.firstReader(), input.firstParameter()) + ", " + role
              + " of durable pipeline " + pipeline.className() + ", has type "
              + TypeFormatter.format(input.type()) + ", which"));
    });
  }

  /** {@code lead} names the value and ends in {@code which} or {@code whose data X}. */
  private static Finding finding(Element element, Unstorable problem, String lead) {
    String message = "[Braid/NotStorable] " + lead
        + (problem.reason().isWarning()
            ? " may not be read back from JSON: "
            : " cannot be stored as JSON and read back: ")
        + problem.problem() + "; " + problem.fix() + ", or drop durable = true.";
    return problem.reason().isWarning()
        ? Finding.warning(element, message)
        : Finding.on(element, message);
  }
}
