package dev.braid.processor.validation;

import dev.braid.processor.model.AnnotationMirrors;
import dev.braid.processor.model.BraidNames;
import dev.braid.processor.model.RouteMethod;
import dev.braid.processor.model.RouterModel;
import java.util.ArrayList;
import java.util.List;

/**
 * A router has exactly one {@code @Route} method, which its executor calls to choose. None is
 * reported on {@code @Router}; several on each {@code @Route} after the first.
 */
final class RouteMethodValidator implements RouterRule {

  @Override
  public List<Finding> validate(RouterModel router) {
    List<RouteMethod> methods = router.routeMethods();
    if (methods.isEmpty()) {
      return List.of(Finding.on(router.type(), router.annotation(), "[Braid/RouteMethod] "
          + Prose.router(router) + " has no @Route method; annotate the method that returns "
          + "the class of the pipeline to run with @Route."));
    }
    List<Finding> findings = new ArrayList<>();
    String names = Prose.and(methods.stream().map(RouteMethod::name).toList());
    for (RouteMethod method : methods.subList(1, methods.size())) {
      String message = "[Braid/RouteMethod] " + Prose.router(router) + " has " + methods.size()
          + " @Route methods (" + names + "), but it calls exactly one; keep @Route on one of "
          + "them.";
      findings.add(AnnotationMirrors.find(method.method(), BraidNames.ROUTE)
          .map(route -> Finding.on(method.method(), route, message))
          .orElseGet(() -> Finding.on(method.method(), message)));
    }
    return findings;
  }
}
