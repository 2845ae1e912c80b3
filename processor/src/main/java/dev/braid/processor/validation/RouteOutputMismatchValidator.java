package dev.braid.processor.validation;

import dev.braid.processor.model.RouteTarget;
import dev.braid.processor.model.RouterModel;
import dev.braid.processor.model.StepOutput;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * Every route must hand back the same output type, up to boxing, because the router's result has
 * one: whichever pipeline a run chooses, {@code result.output()} has that type. One finding lists
 * each route with its type; routes whose output step cannot be told are left to their own rules.
 */
final class RouteOutputMismatchValidator implements RouterRule {
  private final Types types;

  RouteOutputMismatchValidator(Types types) {
    this.types = types;
  }

  @Override
  public List<Finding> validate(RouterModel router) {
    List<RouteTarget> routes = new ArrayList<>();
    List<StepOutput> outputs = new ArrayList<>();
    for (RouteTarget route : router.distinctRoutes()) {
      route.output().ifPresent(output -> {
        routes.add(route);
        outputs.add(output);
      });
    }
    if (outputs.stream().allMatch(output -> same(output, outputs.getFirst()))) {
      return List.of();
    }
    List<String> returns = new ArrayList<>();
    for (int i = 0; i < routes.size(); i++) {
      returns.add(TypeFormatter.format(routes.get(i).type()) + " returns "
          + describe(outputs.get(i)));
    }
    return List.of(Finding.on(router.type(), router.annotation(), router.routesValue(),
        "[Braid/RouteOutputMismatch] The routes of " + Prose.router(router) + " return "
            + "different types: " + Prose.and(returns) + "; make the output steps of all routes "
            + "return one type, since a router's result has one output type."));
  }

  private boolean same(StepOutput a, StepOutput b) {
    if (a.isVoid() || b.isVoid()) {
      return a.isVoid() && b.isVoid();
    }
    TypeMirror x = boxed(a.type());
    TypeMirror y = boxed(b.type());
    // A type with wildcards is not the same as itself to javac, but it is to the executor.
    return types.isSameType(x, y) || x.toString().equals(y.toString());
  }

  private TypeMirror boxed(TypeMirror type) {
    return type.getKind().isPrimitive()
        ? types.boxedClass(types.getPrimitiveType(type.getKind())).asType()
        : type;
  }

  private static String describe(StepOutput output) {
    return output.isVoid() ? "nothing (void)" : TypeFormatter.format(output.type());
  }
}
