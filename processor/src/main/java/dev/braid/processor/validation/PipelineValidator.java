package dev.braid.processor.validation;

import dev.braid.processor.model.PipelineModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.util.Types;

/**
 * Runs every rule on a pipeline and collects all findings, errors and warnings, so that one compile
 * shows every problem. Rules skip only the parts of a model they cannot judge (an unknown step
 * name, an unresolved type); no rule stops another.
 */
public final class PipelineValidator {
  private final List<Validator> validators;

  public PipelineValidator(Types types) {
    this.validators = List.of(
        new PipelineClassValidator(),
        new EmptyPipelineValidator(),
        new DurationValidator(),
        new RetryDelayCapValidator(),
        new RetriesValidator(),
        new BudgetValidator(),
        new UnusedBudgetValidator(),
        new ConcurrencyCapValidator(),
        new RetryPolicyValidator(types),
        new StepSignatureValidator(),
        new ModelRequestValidator(),
        new PrivateTypeValidator(),
        new DuplicateStepValidator(),
        new MissingDependencyValidator(),
        new MissingConditionValidator(),
        new AmbiguousConditionValidator(),
        new ConditionTypeValidator(),
        new ConditionSignatureValidator(),
        new DependencyCycleValidator(),
        new UnboundParameterValidator(),
        new UndeclaredDependencyValidator(),
        new VoidDependencyValidator(),
        new TypeMismatchValidator(types),
        new OptionalDependencyValidator(types),
        new ConditionalDependencyValidator(types),
        new NullableDependencyValidator(types),
        new InputTypeConflictValidator(types),
        new OptionalInputValidator(),
        new TooManyInputsValidator(),
        new NotStorableValidator(types),
        new OutputStepValidator(),
        new OptionalOutputValidator(),
        new ConditionalOutputValidator());
  }

  /** All findings on {@code pipeline}, rule by rule; empty when it is valid. */
  public List<Finding> validate(PipelineModel pipeline) {
    List<Finding> findings = new ArrayList<>();
    for (Validator validator : validators) {
      findings.addAll(validator.validate(pipeline));
    }
    return findings;
  }
}
