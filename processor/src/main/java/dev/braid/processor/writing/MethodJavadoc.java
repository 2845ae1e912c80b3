package dev.braid.processor.writing;

import com.palantir.javapoet.CodeBlock;
import dev.braid.processor.model.ConditionMethod;
import dev.braid.processor.model.ParameterBinding;
import dev.braid.processor.model.ParameterModel;
import dev.braid.processor.model.PipelineInput;
import dev.braid.processor.model.StepCondition;
import dev.braid.processor.model.StepModel;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Writes the Javadoc of an executor's public methods from shared pieces, so that every overload
 * documents its inputs, options, result and exceptions the same way. User-written names pass
 * through {@link JavadocText#escape}.
 */
final class MethodJavadoc {
  private final ExecutorSignature signature;
  private final CodeBlock inputs;

  MethodJavadoc(ExecutorSignature signature) {
    this.signature = signature;
    this.inputs = inputsExcept(Set.of());
  }

  /** One {@code @param} per input, naming the steps that read it. */
  CodeBlock inputs() {
    return inputs;
  }

  /** One {@code @param} per input but those whose identifiers are {@code omitted}. */
  CodeBlock inputsExcept(Set<String> omitted) {
    CodeBlock.Builder inputs = CodeBlock.builder();
    for (PipelineInput input : signature.inputs()) {
      String identifier = signature.identifier(input.name());
      if (!omitted.contains(identifier)) {
        inputs.add("@param $L the input $L, read by $L$L\n", identifier, code(input.name()),
            String.join(", ", readers(input.name())), input.isNullable() ? "; may be null"
                : input.isOptional() ? "; {@code Optional.empty()} if there is none" : "");
      }
    }
    return inputs.build();
  }

  CodeBlock options() {
    return CodeBlock.of("@param $L this run's deadline, budgets and step settings, which win "
            + "over the\n    executor's {@link $T} and the annotations\n",
        signature.options(), RuntimeTypes.PIPELINE_CONFIG);
  }

  CodeBlock result() {
    return CodeBlock.of("@return the result of the run: the output step's value or, if a step "
        + "returned an\n    incomplete conversation state, that state\n");
  }

  /** The exceptions a run throws, each with why. */
  CodeBlock runFailures() {
    return CodeBlock.builder()
        .add("@throws $T if a step that is not optional failed after its\n"
                + "    retries; the step's exception is the cause\n",
            RuntimeTypes.STEP_EXECUTION_EXCEPTION)
        .add("@throws $T if the calling thread was interrupted; every step has ended\n"
                + "    by then\n",
            RuntimeTypes.RUN_CANCELLED_EXCEPTION)
        .add("@throws $T if the run outlived its deadline; every step has\n"
                + "    ended by then\n",
            RuntimeTypes.RUN_DEADLINE_EXCEEDED_EXCEPTION)
        .build();
  }

  CodeBlock unknownStep(String parameter) {
    return CodeBlock.of("@throws IllegalArgumentException if {@code $L} names a step the pipeline "
        + "does not have\n", parameter);
  }

  private List<String> readers(String inputName) {
    Set<String> readers = new LinkedHashSet<>();
    for (StepModel step : signature.pipeline().steps()) {
      for (ParameterModel parameter : step.parameters()) {
        if (parameter.binding() instanceof ParameterBinding.Input(String name)
            && name.equals(inputName)) {
          readers.add(code(step.name()));
        }
      }
      if (step.condition() instanceof StepCondition.OnMethod(ConditionMethod condition)) {
        for (ParameterModel parameter : condition.parameters()) {
          if (parameter.binding() instanceof ParameterBinding.Input(String name)
              && name.equals(inputName)) {
            readers.add(code(condition.name()) + " (the condition of " + code(step.name()) + ")");
          }
        }
      }
    }
    return new ArrayList<>(readers);
  }

  static String code(String text) {
    return "<code>" + JavadocText.escape(text) + "</code>";
  }
}
