package dev.braid.processor.validation;

import dev.braid.processor.model.ParameterModel;
import dev.braid.processor.model.PipelineInput;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.RouteMethod;
import dev.braid.processor.model.RouteTarget;
import dev.braid.processor.model.RouterModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.SourceVersion;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * The route method's {@code @Input} parameters are the router's inputs, and the router hands each
 * route the inputs it takes, by name: so every input of every route must be one of them, with the
 * same type. The route method may take more inputs than a route does, to decide with. Checked
 * only when the router has exactly one route method; the route-method rule reports otherwise.
 */
final class RouteInputValidator implements RouterRule {
  private final Types types;

  RouteInputValidator(Types types) {
    this.types = types;
  }

  @Override
  public List<Finding> validate(RouterModel router) {
    RouteMethod method = router.routeMethod().orElse(null);
    if (method == null) {
      return List.of();
    }
    Map<String, ParameterModel> inputs = new HashMap<>();
    for (ParameterModel parameter : method.inputs()) {
      inputs.put(RouteMethod.inputName(parameter), parameter);
    }
    List<Finding> findings = new ArrayList<>();
    for (RouteTarget route : router.distinctRoutes()) {
      PipelineModel pipeline = route.pipeline();
      if (pipeline == null) {
        continue;
      }
      for (PipelineInput input : pipeline.inputs()) {
        ParameterModel parameter = inputs.get(input.name());
        if (parameter == null) {
          findings.add(Finding.on(method.method(), "[Braid/RouteInput] Route "
              + pipeline.className() + " of " + Prose.router(router) + " takes input "
              + input.name() + ", which " + Prose.routeMethod(router, method)
              + " does not declare; add a parameter " + declaration(input) + " to "
              + method.name() + "."));
        } else if (!sameType(parameter.type(), input.type())) {
          findings.add(Finding.on(parameter.element(), "[Braid/RouteInput] Input "
              + input.name() + " has type " + TypeFormatter.format(parameter.type()) + " in "
              + Prose.routeMethod(router, method) + " but " + TypeFormatter.format(input.type())
              + " in route " + pipeline.className() + "; declare it with the same type in "
              + "both."));
        }
      }
    }
    return findings;
  }

  /** Like {@link Types#isSameType}, but a type with wildcards is the same as itself. */
  private boolean sameType(TypeMirror a, TypeMirror b) {
    return types.isSameType(a, b) || a.toString().equals(b.toString());
  }

  /** {@code @Input String language}, or {@code @Input("customer-id") String input}. */
  private static String declaration(PipelineInput input) {
    String type = TypeFormatter.format(input.type());
    return SourceVersion.isIdentifier(input.name()) && !SourceVersion.isKeyword(input.name())
        ? "@Input " + type + " " + input.name()
        : "@Input(\"" + input.name() + "\") " + type + " input";
  }
}
