package dev.braid.processor.model;

import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.ExecutableElement;
import org.jspecify.annotations.Nullable;

/**
 * One {@code @Step} method as written: its name, what it depends on, its parameters' bindings, its
 * output, its condition and its own settings (not yet merged with the pipeline's defaults; see
 * {@link StepSettings}).
 *
 * @param index the step's position in declaration order, which is its index in the plan
 * @param name the step's name: {@code @Step(name)} or the method's name
 * @param method the step method
 * @param annotation the method's {@code @Step}
 * @param nameValue the written {@code name} attribute, or null when the method's name is used
 * @param dependsOn the {@code dependsOn} entries, in order, duplicates included
 * @param parameters the method's parameters in order
 * @param output what the step hands its dependents
 * @param timeout the written timeout; empty inherits
 * @param retries the written retries; {@code -1} inherits
 * @param retryDelay the written retry delay; empty inherits
 * @param maxRetryDelay the written cap on retry pauses; empty inherits
 * @param retryOn the written {@code retryOn} classes, in order; empty retries every exception
 * @param abortOn the written {@code abortOn} classes, in order
 * @param optional whether {@code optional = true}: the step's failure does not fail the run
 * @param when the written {@code when}; empty when the step always runs
 * @param condition what {@code when} names
 * @param interruptible whether the run may interrupt the step; {@code false} lets it finish
 * @param markedOutput whether {@code output = true}
 * @param costBudget the step's own budget for model calls in microcents, over all its attempts;
 *     {@code -1} means none (a step does not inherit the pipeline's, which bounds the whole run)
 * @param costBudgetDollars the step's own budget written in dollars; empty means none
 * @param tokenBudget the step's own budget for model calls in tokens; {@code -1} means none
 * @param maxConcurrent the most attempts of the step all runs of one executor may run at once;
 *     {@code 0}, the default, means no cap
 */
public record StepModel(
    int index,
    String name,
    ExecutableElement method,
    AnnotationMirror annotation,
    @Nullable AnnotationValue nameValue,
    List<DependencyName> dependsOn,
    List<ParameterModel> parameters,
    StepOutput output,
    Attribute<String> timeout,
    Attribute<Integer> retries,
    Attribute<String> retryDelay,
    Attribute<String> maxRetryDelay,
    List<ExceptionClass> retryOn,
    List<ExceptionClass> abortOn,
    Attribute<Boolean> optional,
    Attribute<String> when,
    StepCondition condition,
    Attribute<Boolean> interruptible,
    Attribute<Boolean> markedOutput,
    Attribute<Long> costBudget,
    Attribute<String> costBudgetDollars,
    Attribute<Long> tokenBudget,
    Attribute<Integer> maxConcurrent)
    implements BoundMethod {

  public StepModel {
    dependsOn = List.copyOf(dependsOn);
    parameters = List.copyOf(parameters);
    retryOn = List.copyOf(retryOn);
    abortOn = List.copyOf(abortOn);
  }

  /** The step's own cost budget in microcents, from either attribute; {@code -1} means none. */
  public long costBudgetMicrocents() {
    return DollarAmount.costBudget(costBudget, costBudgetDollars);
  }

  /** Whether the step is marked {@code optional = true}. */
  public boolean isOptional() {
    return optional.value();
  }

  /** Whether {@code when} is written: the step runs only when its condition holds. */
  public boolean isConditional() {
    return !when.value().isEmpty();
  }

  /** The step {@code when} names, if it names exactly one step and no method. */
  public Optional<String> conditionStep() {
    return condition instanceof StepCondition.OnStep(String stepName)
        ? Optional.of(stepName)
        : Optional.empty();
  }

  /** Whether the step takes the runtime's {@code StepContext}, through which it calls models. */
  public boolean takesContext() {
    for (ParameterModel parameter : parameters) {
      if (parameter.binding() instanceof ParameterBinding.Context) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the step calls models through the runtime: it takes a {@code StepContext}, or returns
   * a {@code ModelRequest} that the executor sends through one.
   */
  public boolean callsModels() {
    return takesContext() || output.kind() == StepOutput.Kind.MODEL_REQUEST;
  }

  /** Whether {@code dependsOn} lists {@code stepName}. */
  public boolean dependsOn(String stepName) {
    for (DependencyName dependency : dependsOn) {
      if (dependency.name().equals(stepName)) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether the step waits for {@code stepName}: it lists it in {@code dependsOn}, or its {@code
   * when} names that step, an implicit dependency.
   */
  public boolean waitsFor(String stepName) {
    return dependsOn(stepName) || conditionStep().filter(stepName::equals).isPresent();
  }
}
