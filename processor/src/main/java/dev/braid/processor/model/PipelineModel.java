package dev.braid.processor.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;

/**
 * One {@code @Pipeline} class as written: its settings, its steps in declaration order, and the
 * graph their {@code dependsOn} entries and the steps their {@code when} names form.
 *
 * @param type the pipeline class, the originating element of everything generated for it
 * @param annotation the class's {@code @Pipeline}
 * @param name the pipeline's name: {@code @Pipeline(name)} or the class's simple name
 * @param timeout the default timeout of each attempt; empty means none
 * @param retries the default number of retries
 * @param retryDelay the default pause before a retry; empty means none
 * @param maxRetryDelay the default cap on retry pauses; empty leaves the runtime's default
 * @param deadline the time limit of a whole run; empty means none
 * @param costBudget the run's budget for model calls in microcents; {@code -1} means none
 * @param costBudgetDollars the run's budget written in dollars; empty means none
 * @param tokenBudget the run's budget for model calls in tokens; {@code -1} means none
 * @param durable whether {@code durable = true}: runs may be stored as JSON and run by a worker
 * @param steps the steps in declaration order
 * @param graph the steps' names and resolved {@code dependsOn} and {@code when} edges
 */
public record PipelineModel(
    TypeElement type,
    AnnotationMirror annotation,
    String name,
    Attribute<String> timeout,
    Attribute<Integer> retries,
    Attribute<String> retryDelay,
    Attribute<String> maxRetryDelay,
    Attribute<String> deadline,
    Attribute<Long> costBudget,
    Attribute<String> costBudgetDollars,
    Attribute<Long> tokenBudget,
    Attribute<Boolean> durable,
    List<StepModel> steps,
    StepGraph graph) {

  public PipelineModel {
    steps = List.copyOf(steps);
  }

  /** The run's cost budget in microcents, from either attribute; {@code -1} means none. */
  public long costBudgetMicrocents() {
    return DollarAmount.costBudget(costBudget, costBudgetDollars);
  }

  /** Whether {@code durable = true}: the pipeline's inputs and outputs are stored as JSON. */
  public boolean isDurable() {
    return durable.value();
  }

  /**
   * The class's name as a reader of the source writes it: {@code TicketPipeline}, or {@code
   * Outer.Inner} for a nested class.
   */
  public String className() {
    StringBuilder name = new StringBuilder(type.getSimpleName());
    for (Element outer = type.getEnclosingElement();
        outer instanceof TypeElement enclosing;
        outer = enclosing.getEnclosingElement()) {
      name.insert(0, enclosing.getSimpleName() + ".");
    }
    return name.toString();
  }

  /**
   * The distinct inputs in order of first appearance, reading each step's parameters and then its
   * condition method's: the parameters of {@code execute(...)}. An input is nullable when every
   * parameter that reads it is.
   */
  public List<PipelineInput> inputs() {
    Map<String, PipelineInput> inputs = new LinkedHashMap<>();
    for (StepModel step : steps) {
      List<BoundMethod> readers = new ArrayList<>(List.of(step));
      if (step.condition() instanceof StepCondition.OnMethod(ConditionMethod method)) {
        readers.add(method);
      }
      for (BoundMethod reader : readers) {
        for (ParameterModel parameter : reader.parameters()) {
          if (parameter.binding() instanceof ParameterBinding.Input input) {
            inputs.merge(input.name(),
                new PipelineInput(
                    input.name(), parameter.type(), parameter.nullness(), reader, parameter),
                (first, next) -> new PipelineInput(first.name(), first.type(),
                    first.nullness().stricter(next.nullness()), first.firstReader(),
                    first.firstParameter()));
          }
        }
      }
    }
    return new ArrayList<>(inputs.values());
  }

  /** The distinct condition methods that steps' {@code when} names, in order of first naming. */
  public List<ConditionMethod> conditionMethods() {
    Set<ConditionMethod> methods = new LinkedHashSet<>();
    for (StepModel step : steps) {
      if (step.condition() instanceof StepCondition.OnMethod(ConditionMethod method)) {
        methods.add(method);
      }
    }
    return new ArrayList<>(methods);
  }

  /** The steps and then the condition methods: every method whose parameters are bound. */
  public List<BoundMethod> boundMethods() {
    List<BoundMethod> methods = new ArrayList<>(steps);
    methods.addAll(conditionMethods());
    return methods;
  }

  /** The step declared first under {@code stepName}, if any. */
  public Optional<StepModel> step(String stepName) {
    int index = graph.indexOf(stepName);
    return index < 0 ? Optional.empty() : Optional.of(steps.get(index));
  }

  /**
   * Every parameter that reads the output of a step of this pipeline, with the step it reads: the
   * steps' parameters in declaration order, then the condition methods'. Reads of names that are no
   * step are left to the missing-dependency rule.
   */
  public List<DependencyRead> dependencyReads() {
    List<DependencyRead> reads = new ArrayList<>();
    for (BoundMethod reader : boundMethods()) {
      for (ParameterModel parameter : reader.parameters()) {
        if (parameter.binding() instanceof ParameterBinding.Dependency dependency) {
          step(dependency.stepName())
              .ifPresent(source -> reads.add(new DependencyRead(reader, parameter, source)));
        }
      }
    }
    return reads;
  }

  /**
   * A parameter of {@code reader}, a step or a condition method, that receives the output of
   * {@code source}.
   */
  public record DependencyRead(BoundMethod reader, ParameterModel parameter, StepModel source) {

    /** Whether the parameter receives the output as is or wrapped. */
    public DependencyForm form() {
      return DependencyForm.of(parameter.type(), source.output());
    }
  }
}
