package dev.braid.processor.validation;

import dev.braid.processor.model.AnnotationMirrors;
import dev.braid.processor.model.BraidNames;
import dev.braid.processor.model.RouterModelFactory;
import java.util.List;
import javax.lang.model.element.Element;

/**
 * A {@code @Route} method outside a {@code @Router} class would be silently ignored; it is
 * reported instead. Like the step rule it mirrors, it looks at single methods, which have no model.
 */
public final class RouteOutsideRouterValidator {

  /** The finding on {@code method}, annotated {@code @Route}, if its class is not a router. */
  public List<Finding> validate(Element method) {
    Element owner = method.getEnclosingElement();
    if (RouterModelFactory.isRouter(owner)) {
      return List.of();
    }
    String message = "[Braid/RouteOutsideRouter] @Route method " + method.getSimpleName()
        + " is in " + owner.getSimpleName() + ", which is not a @Router class; annotate "
        + owner.getSimpleName() + " with @Router or remove @Route.";
    return List.of(AnnotationMirrors.find(method, BraidNames.ROUTE)
        .map(route -> Finding.on(method, route, message))
        .orElseGet(() -> Finding.on(method, message)));
  }
}
