package dev.braid.processor.writing;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.WildcardTypeName;
import dev.braid.processor.model.DurationSyntax;
import dev.braid.processor.model.ParameterBinding;
import dev.braid.processor.model.ParameterModel;
import dev.braid.processor.model.RouteMethod;
import dev.braid.processor.model.RouterModel;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.Modifier;

/**
 * Writes what a router executor runs: {@code plan()}, a plan of two steps, and the nested record
 * {@code Steps} that runs them. Step 0, {@code route}, calls the route method and checks that it
 * returned a route; it is optional when the router has a fallback, so that its failure leaves the
 * run going. Step 1, {@code run}, depends on it, takes the chosen class (or the fallback, if
 * {@code route} failed) and runs that route's executor with {@code RunOptions.childOf(context)}.
 * It is conversational, so a child run that stopped early stops the router's run with the child's
 * state.
 */
final class RouterSteps {
  private static final TypeName ANY_CLASS =
      ParameterizedTypeName.get(RuntimeTypes.CLASS, WildcardTypeName.subtypeOf(Object.class));

  private final RouterSignature signature;
  private final RouterModel router;
  private final Optional<AnnotationSpec> nullable;

  /**
   * @param nullable {@code @Nullable} for the return type of {@code run}, if the user's class path
   *     has it
   */
  RouterSteps(RouterSignature signature, Optional<AnnotationSpec> nullable) {
    this.signature = signature;
    this.router = signature.router();
    this.nullable = nullable;
  }

  /** {@code plan()}: the router's name, inputs, deadline and budgets, and its two steps. */
  MethodSpec plan() {
    MethodSpec.Builder plan = MethodSpec.methodBuilder("plan")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(RuntimeTypes.PIPELINE_PLAN)
        .addStatement("$T plan = $T.builder($S)",
            RuntimeTypes.PIPELINE_PLAN_BUILDER, RuntimeTypes.PIPELINE_PLAN, router.name());
    if (!signature.inputs().isEmpty()) {
      plan.addStatement("plan.inputs($L)", signature.inputs().stream()
          .map(input -> CodeBlock.of("$S", RouteMethod.inputName(input)))
          .collect(CodeBlock.joining(",$W")));
    }
    if (!router.deadline().value().isEmpty()) {
      plan.addStatement("plan.deadline($T.ofMillis($L))", RuntimeTypes.DURATION,
          literal(DurationSyntax.requireMillis(
              router.deadline().value())));
    }
    if (router.costBudgetMicrocents() >= 0) {
      plan.addStatement("plan.costBudget($L)", literal(router.costBudgetMicrocents()));
    }
    if (router.tokenBudget().written() != null) {
      plan.addStatement("plan.tokenBudget($L)", literal(router.tokenBudget().value()));
    }
    return plan
        .addStatement(signature.hasFallback() ? "plan.step($S).optional()" : "plan.step($S)",
            "route")
        .addStatement("plan.step($S, 0).conversational()", "run")
        .addStatement("plan.output(1)")
        .addStatement("return plan.build()")
        .build();
  }

  /** {@code new Steps(this.router, this.simpleDocPipelineExecutor, ..., document)}. */
  CodeBlock call() {
    CodeBlock.Builder arguments = CodeBlock.builder().add("this.$L", signature.routerField());
    for (RouterSignature.Route route : signature.routes()) {
      arguments.add(",$Wthis.$L", route.field());
    }
    for (ParameterModel input : signature.inputs()) {
      arguments.add(",$W$L",
          signature.identifier(RouteMethod.inputName(input)));
    }
    return CodeBlock.of("new $T($L)", type(), arguments.build());
  }

  TypeSpec spec() {
    MethodSpec.Builder constructor = MethodSpec.constructorBuilder()
        .addParameter(ClassName.get(router.type()), signature.routerComponent());
    for (RouterSignature.Route route : signature.routes()) {
      constructor.addParameter(route.executor(), route.component());
    }
    constructor.addParameters(signature.inputParameters());
    return TypeSpec.recordBuilder(type())
        .addJavadoc("Runs the two steps of one run with these inputs, by index in plan order.\n")
        .addModifiers(Modifier.PRIVATE)
        .addSuperinterface(RuntimeTypes.STEP_DISPATCHER)
        .recordConstructor(constructor.build())
        .addMethod(dispatch())
        .addMethod(runRoute())
        .build();
  }

  private ClassName type() {
    return signature.stepsType();
  }

  private MethodSpec dispatch() {
    TypeName returns = nullable.<TypeName>map(RuntimeTypes.OBJECT::annotated)
        .orElse(RuntimeTypes.OBJECT);
    CodeBlock chosen = signature.hasFallback()
        ? CodeBlock.of("$L.<$T>outcome(0)", signature.outputs(), ANY_CLASS)
        : CodeBlock.of("$L.<$T>get(0)", signature.outputs(), ANY_CLASS);
    return MethodSpec.methodBuilder("run")
        .addAnnotation(Override.class)
        .addModifiers(Modifier.PUBLIC)
        .returns(returns)
        .addParameter(TypeName.INT, signature.step())
        .addParameter(RuntimeTypes.STEP_OUTPUTS, signature.outputs())
        .addParameter(RuntimeTypes.STEP_CONTEXT, signature.context())
        .addException(Exception.class)
        .addCode(CodeBlock.builder()
            .add("return switch ($L) {\n$>", signature.step())
            .add("case 0 -> $L;\n", checkedRoute())
            .add("case 1 -> runRoute($L, $L);\n", chosen, signature.context())
            .add("default -> throw new $T($L);\n",
                IndexOutOfBoundsException.class, signature.step())
            .add("$<};\n")
            .build())
        .build();
  }

  /** {@code Routing.check("DocumentRouter", "route", router.route(document, context), A.class)}. */
  private CodeBlock checkedRoute() {
    CodeBlock call = CodeBlock.of("$L.$L($L)", signature.routerComponent(),
        signature.method().name(), signature.method().parameters().stream()
            .map(this::argument)
            .collect(CodeBlock.joining(",$W")));
    CodeBlock routes = signature.routes().stream()
        .map(route -> CodeBlock.of("$T.class", ClassName.get(route.pipeline().type())))
        .collect(CodeBlock.joining(",$W"));
    return CodeBlock.of("$T.check($S,$W$S,$W$L,$W$L)", RuntimeTypes.ROUTING, router.name(),
        signature.method().name(), call, routes);
  }

  private CodeBlock argument(ParameterModel parameter) {
    return switch (parameter.binding()) {
      case ParameterBinding.Input(String name) -> CodeBlock.of("$L", signature.identifier(name));
      case ParameterBinding.Context _ -> CodeBlock.of("$L", signature.context());
      default -> throw new IllegalStateException(
          "Unbound parameter " + parameter.name() + " reached code generation");
    };
  }

  /**
   * {@code runRoute}, the {@code run} step: picks the route, the fallback if the route method
   * failed, and runs its executor as a child run of this step.
   */
  private MethodSpec runRoute() {
    MethodSpec.Builder method = MethodSpec.methodBuilder("runRoute")
        .addJavadoc(signature.hasFallback()
            ? "Runs the pipeline the {@code route} step chose, or the fallback if it failed, as "
                + "a child run\nof the {@code run} step.\n"
            : "Runs the pipeline the {@code route} step chose as a child run of the {@code run} "
                + "step.\n")
        .addModifiers(Modifier.PRIVATE)
        .returns(ParameterizedTypeName.get(
            RuntimeTypes.CONVERSATION_STATE, WildcardTypeName.subtypeOf(Object.class)));
    if (signature.hasFallback()) {
      method.addParameter(
              ParameterizedTypeName.get(RuntimeTypes.STEP_OUTCOME, ANY_CLASS), signature.route())
          .addParameter(RuntimeTypes.STEP_CONTEXT, signature.context())
          .addStatement("$T $L = $L.isSuccess() ? $L.value() : $T.class", ANY_CLASS,
              signature.chosen(), signature.route(), signature.route(),
              ClassName.get(signature.fallback().pipeline().type()));
    } else {
      method.addParameter(ANY_CLASS, signature.chosen())
          .addParameter(RuntimeTypes.STEP_CONTEXT, signature.context());
    }
    List<RouterSignature.Route> routes = signature.routes();
    for (RouterSignature.Route route : routes.subList(0, routes.size() - 1)) {
      method.beginControlFlow("if ($L == $T.class)",
              signature.chosen(), ClassName.get(route.pipeline().type()))
          .addStatement("return $L", childRun(route))
          .endControlFlow();
    }
    // The route step let only routes through, so the last one needs no test.
    return method.addStatement("return $L", childRun(routes.getLast())).build();
  }

  /** {@code Routing.state(executor.execute(document, RunOptions.childOf(context)))}. */
  private CodeBlock childRun(RouterSignature.Route route) {
    return CodeBlock.of("$T.state($L.execute($L))", RuntimeTypes.ROUTING, route.component(),
        signature.routeArgumentsAnd(route,
            CodeBlock.of("$T.childOf($L)", RuntimeTypes.RUN_OPTIONS, signature.context())));
  }

  private static String literal(long value) {
    return value <= Integer.MAX_VALUE ? Long.toString(value) : value + "L";
  }
}
