package dev.braid.processor.model;

import java.util.List;

/**
 * What a step's {@code @Step(when)} names, resolved against the pipeline's steps and its other
 * methods. A name that matches a step and a method, or several methods, resolves to neither:
 * rather than pick one silently, validation asks the user to rename.
 */
public sealed interface StepCondition {

  /** No {@code when}: the step always runs. */
  record Always() implements StepCondition {}

  /**
   * A step returning {@code boolean}, which the conditional step waits for as if it were listed
   * in {@code dependsOn}.
   */
  record OnStep(String stepName) implements StepCondition {}

  /** A method of the pipeline class that is no step, called once the step's dependencies end. */
  record OnMethod(ConditionMethod method) implements StepCondition {}

  /**
   * Nothing of that name.
   *
   * @param methodNames the names of the class's methods that are no steps, for a suggestion
   */
  record Missing(List<String> methodNames) implements StepCondition {

    public Missing {
      methodNames = List.copyOf(methodNames);
    }
  }

  /**
   * More than one thing of that name.
   *
   * @param step whether a step has the name
   * @param methods how many methods that are no steps have it
   */
  record Ambiguous(boolean step, int methods) implements StepCondition {}
}
