package dev.braid.processor.model;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.Element;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.element.VariableElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import javax.lang.model.util.ElementFilter;
import javax.lang.model.util.Elements;
import org.jspecify.annotations.Nullable;

/**
 * Reads a {@code @Pipeline} class into a {@link PipelineModel}: the only place that turns {@code
 * javax.lang.model} elements into the model. It records what is written and binds parameters, but
 * judges nothing; a malformed pipeline still yields a model, so that validation can report all of
 * its problems at once.
 */
public final class PipelineModelFactory {
  private final Elements elements;

  public PipelineModelFactory(Elements elements) {
    this.elements = elements;
  }

  /** Whether {@code element} carries {@code @Pipeline}. */
  public static boolean isPipeline(Element element) {
    return AnnotationReader.find(element, BraidNames.PIPELINE) != null;
  }

  /**
   * Reads {@code type}, which must carry {@code @Pipeline}.
   *
   * @throws IllegalArgumentException if it does not
   */
  public PipelineModel create(TypeElement type) {
    AnnotationMirror annotation = AnnotationReader.find(type, BraidNames.PIPELINE);
    if (annotation == null) {
      throw new IllegalArgumentException(type + " is not annotated @" + BraidNames.PIPELINE);
    }
    AnnotationReader pipeline = new AnnotationReader(elements, annotation);
    String name = pipeline.string("name", "").value();

    // Names first: binding a parameter by name needs every step's name.
    List<ExecutableElement> methods = new ArrayList<>();
    List<AnnotationMirror> stepAnnotations = new ArrayList<>();
    List<String> names = new ArrayList<>();
    Map<String, List<ExecutableElement>> otherMethods = new LinkedHashMap<>();
    for (ExecutableElement method : ElementFilter.methodsIn(type.getEnclosedElements())) {
      AnnotationMirror step = AnnotationReader.find(method, BraidNames.STEP);
      if (step != null) {
        String written = new AnnotationReader(elements, step).string("name", "").value();
        methods.add(method);
        stepAnnotations.add(step);
        names.add(written.isEmpty() ? method.getSimpleName().toString() : written);
      } else {
        otherMethods.computeIfAbsent(method.getSimpleName().toString(), _ -> new ArrayList<>())
            .add(method);
      }
    }
    Conditions conditions = new Conditions(new HashSet<>(names), otherMethods);
    List<StepModel> steps = new ArrayList<>(methods.size());
    for (int i = 0; i < methods.size(); i++) {
      steps.add(step(i, names.get(i), methods.get(i), stepAnnotations.get(i), conditions));
    }
    // A step waits for the step its when names, as if dependsOn listed it. A when that names no
    // single method counts as such an entry too: unknown, it leaves the graph incomplete, like an
    // unknown dependsOn entry, so that no rule trusts a step to be final for want of its edge.
    StepGraph graph = StepGraph.of(
        names,
        steps.stream()
            .map(step -> {
              List<String> waitsFor =
                  new ArrayList<>(step.dependsOn().stream().map(DependencyName::name).toList());
              if (step.isConditional()
                  && !(step.condition() instanceof StepCondition.OnMethod)) {
                waitsFor.add(step.when().value());
              }
              return waitsFor;
            })
            .toList());
    return new PipelineModel(
        type,
        annotation,
        name.isEmpty() ? type.getSimpleName().toString() : name,
        pipeline.string("timeout", ""),
        pipeline.integer("retries", 0),
        pipeline.string("retryDelay", ""),
        pipeline.string("maxRetryDelay", ""),
        pipeline.string("deadline", ""),
        pipeline.longValue("costBudget", -1),
        pipeline.string("costBudgetDollars", ""),
        pipeline.longValue("tokenBudget", -1),
        pipeline.bool("durable", false),
        steps,
        graph);
  }

  private StepModel step(
      int index,
      String name,
      ExecutableElement method,
      AnnotationMirror annotation,
      Conditions conditions) {
    AnnotationReader step = new AnnotationReader(elements, annotation);
    Attribute<String> when = step.string("when", "");
    return new StepModel(
        index,
        name,
        method,
        annotation,
        step.string("name", "").written(),
        step.strings("dependsOn"),
        parameters(method, name, conditions.stepNames),
        output(method),
        step.string("timeout", ""),
        step.integer("retries", -1),
        step.string("retryDelay", ""),
        step.string("maxRetryDelay", ""),
        step.classes("retryOn"),
        step.classes("abortOn"),
        step.bool("optional", false),
        when,
        conditions.resolve(when.value()),
        step.bool("interruptible", true),
        step.bool("output", false),
        step.longValue("costBudget", -1),
        step.string("costBudgetDollars", ""),
        step.longValue("tokenBudget", -1),
        step.integer("maxConcurrent", 0));
  }

  /**
   * The parameters of {@code method} with their bindings; {@code stepName} is the step whose method
   * it is, or null for a condition method or a router's route method, which has no steps to read.
   */
  List<ParameterModel> parameters(
      ExecutableElement method, @Nullable String stepName, Set<String> stepNames) {
    List<ParameterModel> parameters = new ArrayList<>();
    @Nullable VariableElement continuation = continuation(method);
    for (VariableElement parameter : method.getParameters()) {
      parameters.add(new ParameterModel(
          parameter,
          parameter.getSimpleName().toString(),
          parameter.asType(),
          NullnessReader.ofParameter(parameter),
          parameter.equals(continuation)
              ? new ParameterBinding.Unbound(ParameterBinding.Unbound.Reason.CONTINUATION)
              : binding(parameter, stepName, stepNames)));
    }
    return parameters;
  }

  /**
   * Annotations first, then the {@code StepContext} type, then another step of the same name (a
   * step cannot read itself, so a parameter named after its own step stays unbound). A condition
   * method's parameter named after any step reads it, and validation checks that the conditional
   * step depends on that step.
   */
  private ParameterBinding binding(
      VariableElement parameter, @Nullable String stepName, Set<String> stepNames) {
    AnnotationMirror input = AnnotationReader.find(parameter, BraidNames.INPUT);
    AnnotationMirror from = AnnotationReader.find(parameter, BraidNames.FROM);
    String name = parameter.getSimpleName().toString();
    if (input != null && from != null) {
      return new ParameterBinding.Unbound(ParameterBinding.Unbound.Reason.INPUT_AND_FROM);
    }
    if (input != null) {
      String inputName = new AnnotationReader(elements, input).string("value", "").value();
      return new ParameterBinding.Input(inputName.isEmpty() ? name : inputName);
    }
    if (from != null) {
      Attribute<String> source = new AnnotationReader(elements, from).string("value", "");
      return new ParameterBinding.Dependency(source.value(), from, source.written());
    }
    if (BraidNames.isType(parameter.asType(), BraidNames.STEP_CONTEXT)) {
      return new ParameterBinding.Context();
    }
    if (stepNames.contains(name) && !name.equals(stepName)) {
      return new ParameterBinding.Dependency(name, null, null);
    }
    return new ParameterBinding.Unbound(ParameterBinding.Unbound.Reason.NO_SOURCE);
  }

  /**
   * Resolves {@code @Step(when)} names against the steps and the class's other methods, building
   * one {@link ConditionMethod} per method however many steps name it.
   */
  private final class Conditions {
    private final Set<String> stepNames;
    private final Map<String, List<ExecutableElement>> otherMethods;
    private final Map<ExecutableElement, ConditionMethod> built = new HashMap<>();

    Conditions(Set<String> stepNames, Map<String, List<ExecutableElement>> otherMethods) {
      this.stepNames = stepNames;
      this.otherMethods = otherMethods;
    }

    StepCondition resolve(String when) {
      if (when.isEmpty()) {
        return new StepCondition.Always();
      }
      boolean step = stepNames.contains(when);
      List<ExecutableElement> methods = otherMethods.getOrDefault(when, List.of());
      if (step && methods.isEmpty()) {
        return new StepCondition.OnStep(when);
      }
      if (!step && methods.size() == 1) {
        return new StepCondition.OnMethod(built.computeIfAbsent(methods.getFirst(),
            method -> new ConditionMethod(
                method, when, parameters(method, null, stepNames))));
      }
      if (!step && methods.isEmpty()) {
        return new StepCondition.Missing(List.copyOf(otherMethods.keySet()));
      }
      return new StepCondition.Ambiguous(step, methods.size());
    }
  }

  /**
   * The continuation parameter of {@code method} if it is a Kotlin {@code suspend} function, as
   * kapt's stub declares it: last, of type {@code Continuation<? super T>} for a return type {@code
   * T}.
   */
  private static @Nullable VariableElement continuation(ExecutableElement method) {
    List<? extends VariableElement> parameters = method.getParameters();
    return !parameters.isEmpty()
            && BraidNames.isType(parameters.getLast().asType(), BraidNames.CONTINUATION)
        ? parameters.getLast()
        : null;
  }

  /**
   * The type the step returns as written: the stub of a {@code suspend} function returns {@code
   * Object}, and its continuation's argument {@code ? super T} holds the {@code T}. Reading that
   * keeps rules about the step's readers from reporting a mismatch the signature rule explains.
   */
  private TypeMirror returnType(ExecutableElement method) {
    @Nullable VariableElement continuation = continuation(method);
    if (continuation != null
        && continuation.asType() instanceof DeclaredType declared
        && declared.getTypeArguments().size() == 1) {
      TypeMirror argument = declared.getTypeArguments().getFirst();
      if (!(argument instanceof WildcardType wildcard)) {
        return argument;
      }
      @Nullable TypeMirror bound = wildcard.getSuperBound();
      return bound == null ? objectType() : bound;
    }
    return method.getReturnType();
  }

  private StepOutput output(ExecutableElement method) {
    TypeMirror returnType = returnType(method);
    if (returnType.getKind() == TypeKind.VOID) {
      return new StepOutput(StepOutput.Kind.VOID, returnType, Nullness.NULLABLE);
    }
    if (BraidNames.isType(returnType, BraidNames.MODEL_REQUEST)) {
      List<? extends TypeMirror> arguments = ((DeclaredType) returnType).getTypeArguments();
      TypeMirror value = arguments.isEmpty() || arguments.getFirst() instanceof WildcardType
          ? objectType()
          : arguments.getFirst();
      return new StepOutput(StepOutput.Kind.MODEL_REQUEST, value, Nullness.NON_NULL);
    }
    if (!BraidNames.isType(returnType, BraidNames.CONVERSATION_STATE)) {
      // A suspend function's stub returns a nullable Object, whatever the function returns.
      return new StepOutput(StepOutput.Kind.VALUE, returnType, continuation(method) == null
          ? NullnessReader.ofReturn(method)
          : Nullness.UNKNOWN);
    }
    List<? extends TypeMirror> arguments = ((DeclaredType) returnType).getTypeArguments();
    @Nullable TypeMirror data = arguments.isEmpty() ? null : arguments.getFirst();
    if (data instanceof WildcardType wildcard) {
      data = wildcard.getExtendsBound();
    }
    return data == null
        ? new StepOutput(StepOutput.Kind.CONVERSATION, objectType(), Nullness.UNKNOWN)
        : new StepOutput(StepOutput.Kind.CONVERSATION, data,
            NullnessReader.ofTypeArgument(method, data));
  }

  private TypeMirror objectType() {
    return Objects.requireNonNull(elements.getTypeElement("java.lang.Object")).asType();
  }
}
