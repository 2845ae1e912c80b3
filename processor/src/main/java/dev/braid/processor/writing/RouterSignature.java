package dev.braid.processor.writing;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.NameAllocator;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import dev.braid.processor.model.ParameterModel;
import dev.braid.processor.model.PipelineInput;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.RouteMethod;
import dev.braid.processor.model.RouteTarget;
import dev.braid.processor.model.RouterModel;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The names and types a router executor's methods share: its routes with their executors, one
 * identifier per router input, the identifiers of generated parameters and locals, and the output
 * type. Identifiers that share a scope come from one {@link NameAllocator}: the inputs, the {@code
 * Steps} record's components and the parameters and locals of its methods; the executor's fields,
 * which its methods always name with {@code this.}, from another.
 */
final class RouterSignature {
  /** Names a record component may not have (JLS 8.10.1). */
  private static final List<String> RECORD_RESERVED = List.of(
      "clone", "finalize", "getClass", "hashCode", "notify", "notifyAll", "toString", "wait");

  /** One route: its pipeline, its executor, the executor's field and the record component. */
  record Route(PipelineModel pipeline, ClassName executor, String field, String component) {}

  private final RouterModel router;
  private final ClassName executor;
  private final ClassName stepsType;
  private final RouteMethod method;
  private final List<ParameterModel> inputs;
  private final Map<String, String> inputIdentifiers = new LinkedHashMap<>();
  private final List<Route> routes = new ArrayList<>();
  private final String routerField;
  private final String routerComponent;
  private final String options;
  private final String step;
  private final String outputs;
  private final String context;
  private final String route;
  private final String chosen;

  RouterSignature(RouterModel router, ClassName executor) {
    this.router = router;
    this.executor = executor;
    this.stepsType = ExecutorNames.NestedTypes.of(executor, router.type()).steps();
    this.method = router.routeMethod().orElseThrow(
        () -> new IllegalStateException("No single route method in " + router.className()));
    this.inputs = method.inputs();
    NameAllocator fields = new NameAllocator();
    List.of("PLAN", "engine").forEach(fields::newName);
    this.routerField = fields.newName("router");
    NameAllocator names = new NameAllocator();
    RECORD_RESERVED.forEach(names::newName);
    for (ParameterModel input : inputs) {
      String name = RouteMethod.inputName(input);
      inputIdentifiers.put(name, names.newName(name, name));
    }
    this.routerComponent = names.newName("router");
    for (RouteTarget target : router.distinctRoutes()) {
      PipelineModel pipeline = Objects.requireNonNull(target.pipeline(), "route pipeline");
      ClassName routeExecutor = ExecutorNames.executorOf(pipeline.type());
      String name = decapitalize(routeExecutor.simpleName());
      routes.add(new Route(pipeline, routeExecutor, fields.newName(name), names.newName(name)));
    }
    this.options = names.newName("options");
    this.step = names.newName("step");
    this.outputs = names.newName("outputs");
    this.context = names.newName("context");
    this.route = names.newName("route");
    this.chosen = names.newName("chosen");
  }

  RouterModel router() {
    return router;
  }

  ClassName executor() {
    return executor;
  }

  /** The record that runs the two steps of one run, nested in the executor. */
  ClassName stepsType() {
    return stepsType;
  }

  RouteMethod method() {
    return method;
  }

  List<Route> routes() {
    return routes;
  }

  /** The route the router runs when its route method fails, if it declares one. */
  Route fallback() {
    RouteTarget fallback = Objects.requireNonNull(router.fallback(), "fallback");
    return routes.stream()
        .filter(route -> ClassName.get(route.pipeline().type())
            .equals(ClassName.get(fallback.element().orElseThrow())))
        .findFirst()
        .orElseThrow();
  }

  boolean hasFallback() {
    return router.fallback() != null;
  }

  List<ParameterModel> inputs() {
    return inputs;
  }

  /** The identifier of input {@code inputName}, as a parameter and as a record component. */
  String identifier(String inputName) {
    return inputIdentifiers.get(inputName);
  }

  /** One parameter per input, in {@code execute} order. */
  List<ParameterSpec> inputParameters() {
    return inputs.stream()
        .map(input -> ParameterSpec.builder(TypeName.get(input.type()),
            identifier(RouteMethod.inputName(input))).build())
        .toList();
  }

  /** The inputs followed by {@code extra}, as arguments of a call. */
  CodeBlock inputArgumentsAnd(CodeBlock extra) {
    List<CodeBlock> arguments = new ArrayList<>();
    inputs.forEach(input -> arguments.add(
        CodeBlock.of("$L", identifier(RouteMethod.inputName(input)))));
    arguments.add(extra);
    return CodeBlock.join(arguments, ",$W");
  }

  /** {@code new Object[] {document}}, which boxes primitive inputs. */
  CodeBlock inputArray() {
    return CodeBlock.of("new $T[] {$L}", RuntimeTypes.OBJECT, inputs.stream()
        .map(input -> CodeBlock.of("$L", identifier(RouteMethod.inputName(input))))
        .collect(CodeBlock.joining(",$W")));
  }

  /** The arguments of {@code route}'s {@code execute}: the inputs it takes, in its order. */
  CodeBlock routeArgumentsAnd(Route route, CodeBlock extra) {
    List<CodeBlock> arguments = new ArrayList<>();
    for (PipelineInput input : route.pipeline().inputs()) {
      arguments.add(CodeBlock.of("$L", identifier(input.name())));
    }
    arguments.add(extra);
    return CodeBlock.join(arguments, ",$W");
  }

  String routerField() {
    return routerField;
  }

  String routerComponent() {
    return routerComponent;
  }

  String options() {
    return options;
  }

  String step() {
    return step;
  }

  String outputs() {
    return outputs;
  }

  String context() {
    return context;
  }

  /** The parameter of the {@code run} step's method that holds the {@code route} step's outcome. */
  String route() {
    return route;
  }

  /** The local holding the chosen pipeline's class. */
  String chosen() {
    return chosen;
  }

  /** The {@code O} of {@code PipelineResult<O>}: every route's, validation made sure. */
  TypeName outputType() {
    return ExecutorSignature.outputTypeOf(routes.getFirst().pipeline(), UnaryOperator.identity());
  }

  /** {@code PipelineResult<O>}. */
  TypeName resultType() {
    return ParameterizedTypeName.get(RuntimeTypes.PIPELINE_RESULT, outputType());
  }

  private static String decapitalize(String name) {
    return name.substring(0, 1).toLowerCase(Locale.ROOT) + name.substring(1);
  }
}
