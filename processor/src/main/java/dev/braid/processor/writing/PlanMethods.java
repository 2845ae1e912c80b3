package dev.braid.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import dev.braid.processor.model.ConditionMethod;
import dev.braid.processor.model.ExceptionClass;
import dev.braid.processor.model.OutputSelection;
import dev.braid.processor.model.ParameterBinding;
import dev.braid.processor.model.ParameterModel;
import dev.braid.processor.model.PipelineInput;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepCondition;
import dev.braid.processor.model.StepModel;
import dev.braid.processor.model.StepOutput;
import dev.braid.processor.model.StepSettings;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import javax.lang.model.element.Modifier;

/**
 * Writes {@code plan()}, which builds the pipeline's {@code PipelinePlan}: its inputs, deadline and
 * budgets, then one statement per step with the settings resolved at compile time, each only where
 * it differs from the runtime's default. Budgets are written only where the annotation sets them;
 * a step's are its own, never the pipeline's. Statements rather than one long call chain keep
 * javac's recursion shallow; past a few hundred steps they move into {@code addSteps0(plan)},
 * {@code addSteps1(plan)}, ... so that no method exceeds the JVM's 64 KB limit on a method's code.
 */
final class PlanMethods {
  /** A conservative bytecode budget per method, well below the JVM's 65,535 bytes. */
  private static final int BYTES_PER_METHOD = 30_000;

  private final PipelineModel pipeline;
  private final List<PipelineInput> inputs;
  private final Map<String, Integer> inputIndexes = new HashMap<>();

  PlanMethods(PipelineModel pipeline) {
    this.pipeline = pipeline;
    this.inputs = pipeline.inputs();
    for (PipelineInput input : inputs) {
      inputIndexes.put(input.name(), inputIndexes.size());
    }
  }

  /** {@code plan()} followed by its helpers, if the steps need more than one method. */
  List<MethodSpec> specs() {
    List<List<StepModel>> chunks = chunks();
    List<MethodSpec> methods = new ArrayList<>();
    MethodSpec.Builder plan = MethodSpec.methodBuilder("plan")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(RuntimeTypes.PIPELINE_PLAN)
        .addStatement("$T plan = $T.builder($S)",
            RuntimeTypes.PIPELINE_PLAN_BUILDER, RuntimeTypes.PIPELINE_PLAN, pipeline.name());
    if (!inputs.isEmpty()) {
      plan.addStatement("plan.inputs($L)", inputs.stream()
          .map(input -> CodeBlock.of("$S", input.name()))
          .collect(CodeBlock.joining(",$W")));
    }
    StepSettings.deadlineMillis(pipeline).ifPresent(millis -> plan.addStatement(
        "plan.deadline($T.ofMillis($L))", RuntimeTypes.DURATION, literal(millis)));
    if (pipeline.costBudgetMicrocents() >= 0) {
      plan.addStatement("plan.costBudget($L)", literal(pipeline.costBudgetMicrocents()));
    }
    if (pipeline.tokenBudget().written() != null) {
      plan.addStatement("plan.tokenBudget($L)", literal(pipeline.tokenBudget().value()));
    }
    StepSettings defaults = StepSettings.ofPipeline(pipeline);
    if (!defaults.isEmpty()) {
      plan.addStatement("plan.stepDefaults($T.builder()$L.build())",
          RuntimeTypes.STEP_CONFIG, settingCalls(defaults));
    }
    if (chunks.size() == 1) {
      chunks.getFirst().forEach(step -> plan.addStatement(stepStatement(step)));
    } else {
      for (int i = 0; i < chunks.size(); i++) {
        String helper = "addSteps" + i;
        plan.addStatement("$L(plan)", helper);
        methods.add(helper(helper, chunks.get(i)));
      }
    }
    plan.addStatement("plan.output($L)", outputStep()).addStatement("return plan.build()");
    methods.addFirst(plan.build());
    return methods;
  }

  private MethodSpec helper(String name, List<StepModel> steps) {
    MethodSpec.Builder helper = MethodSpec.methodBuilder(name)
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .addParameter(RuntimeTypes.PIPELINE_PLAN_BUILDER, "plan");
    steps.forEach(step -> helper.addStatement(stepStatement(step)));
    return helper.build();
  }

  /** {@code plan.step("name", deps...)} followed by the settings that differ from the default. */
  CodeBlock stepStatement(StepModel step) {
    CodeBlock.Builder statement = CodeBlock.builder().add("plan.step($S", step.name());
    for (int dependency : pipeline.graph().dependencies(step.index())) {
      statement.add(", $L", dependency);
    }
    statement.add(")");
    statement.add(settingCalls(StepSettings.ofStep(step)));
    if (!step.retryOn().isEmpty()) {
      statement.add(".retryOn($L)", classLiterals(step.retryOn()));
    }
    if (!step.abortOn().isEmpty()) {
      statement.add(".abortOn($L)", classLiterals(step.abortOn()));
    }
    if (step.isOptional()) {
      statement.add(".optional()");
    }
    if (step.isConditional()) {
      statement.add(".when($S)", step.when().value());
    }
    if (!step.interruptible().value()) {
      statement.add(".uninterruptible()");
    }
    if (step.costBudgetMicrocents() >= 0) {
      statement.add(".costBudget($L)", literal(step.costBudgetMicrocents()));
    }
    if (step.tokenBudget().written() != null) {
      statement.add(".tokenBudget($L)", literal(step.tokenBudget().value()));
    }
    if (step.maxConcurrent().written() != null) {
      statement.add(".maxConcurrent($L)", step.maxConcurrent().value());
    }
    List<Integer> reads = inputsReadBy(step);
    if (!reads.isEmpty()) {
      statement.add(".readsInputs($L)", reads.stream()
          .map(index -> CodeBlock.of("$L", index))
          .collect(CodeBlock.joining(", ")));
    }
    if (step.output().kind() == StepOutput.Kind.CONVERSATION) {
      statement.add(".conversational()");
    }
    return statement.build();
  }

  /** {@code .timeout(…)} and the like for each setting written, as the builders of both take them. */
  private static CodeBlock settingCalls(StepSettings settings) {
    CodeBlock.Builder calls = CodeBlock.builder();
    settings.timeoutMillis().ifPresent(millis ->
        calls.add(".timeout($T.ofMillis($L))", RuntimeTypes.DURATION, literal(millis)));
    settings.retries().ifPresent(retries -> calls.add(".retries($L)", retries));
    settings.retryDelayMillis().ifPresent(millis ->
        calls.add(".retryDelay($T.ofMillis($L))", RuntimeTypes.DURATION, literal(millis)));
    settings.maxRetryDelayMillis().ifPresent(millis ->
        calls.add(".maxRetryDelay($T.ofMillis($L))", RuntimeTypes.DURATION, literal(millis)));
    return calls.build();
  }

  private static CodeBlock classLiterals(List<ExceptionClass> classes) {
    return classes.stream()
        .map(type -> CodeBlock.of("$T.class", ClassName.get(type.element())))
        .collect(CodeBlock.joining(", "));
  }

  /**
   * The indexes, in {@code execute} order, of the inputs the step's own parameters read, and its
   * condition method's: a changed input the condition reads may change whether the step runs, so a
   * resumed run must not reuse the step's earlier output.
   */
  private List<Integer> inputsReadBy(StepModel step) {
    TreeSet<Integer> reads = new TreeSet<>();
    for (ParameterModel parameter : parametersOf(step)) {
      if (parameter.binding() instanceof ParameterBinding.Input(String name)) {
        reads.add(inputIndexes.get(name));
      }
    }
    return List.copyOf(reads);
  }

  /** The step's parameters, then its condition method's. */
  private static List<ParameterModel> parametersOf(StepModel step) {
    if (step.condition() instanceof StepCondition.OnMethod(ConditionMethod method)) {
      List<ParameterModel> parameters = new ArrayList<>(step.parameters());
      parameters.addAll(method.parameters());
      return parameters;
    }
    return step.parameters();
  }

  private int outputStep() {
    if (OutputSelection.of(pipeline) instanceof OutputSelection.Selected selected) {
      return selected.step();
    }
    throw new IllegalStateException("No output step in " + pipeline.className());
  }

  /** Splits the steps so that each method's estimated bytecode stays within the budget. */
  private List<List<StepModel>> chunks() {
    List<List<StepModel>> chunks = new ArrayList<>();
    List<StepModel> chunk = new ArrayList<>();
    int bytes = 0;
    for (StepModel step : pipeline.steps()) {
      int cost = estimatedBytes(step);
      if (!chunk.isEmpty() && bytes + cost > BYTES_PER_METHOD) {
        chunks.add(chunk);
        chunk = new ArrayList<>();
        bytes = 0;
      }
      chunk.add(step);
      bytes += cost;
    }
    chunks.add(chunk);
    return chunks;
  }

  /**
   * An over-estimate: a call with its settings, plus filling a varargs array per dependency, input
   * read and exception class.
   */
  private int estimatedBytes(StepModel step) {
    int arrayElements = pipeline.graph().dependencies(step.index()).size()
        + parametersOf(step).size() + step.retryOn().size() + step.abortOn().size();
    return 96 + 10 * arrayElements + (step.isConditional() ? 8 : 0);
  }

  private static String literal(long value) {
    return value <= Integer.MAX_VALUE ? Long.toString(value) : value + "L";
  }
}
