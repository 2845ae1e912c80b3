package dev.braid.processor.validation;

import dev.braid.processor.model.RouteTarget;
import dev.braid.processor.model.RouterModel;
import java.util.List;

/**
 * The fallback must be one of the routes: the router runs only its routes' executors, and a
 * pipeline that is never chosen would otherwise run only when the route method fails.
 */
final class UnknownFallbackValidator implements RouterRule {

  @Override
  public List<Finding> validate(RouterModel router) {
    RouteTarget fallback = router.fallback();
    // Without routes, the router's emptiness is the problem to fix first.
    if (fallback == null || router.routes().isEmpty()
        || router.routes().stream().anyMatch(fallback::sameClass)) {
      return List.of();
    }
    List<String> routes = router.distinctRoutes().stream()
        .map(route -> TypeFormatter.format(route.type()))
        .toList();
    return List.of(Finding.on(router.type(), router.annotation(), fallback.written(),
        "[Braid/UnknownFallback] fallback " + TypeFormatter.format(fallback.type()) + " of "
            + Prose.router(router) + " is not one of its routes (" + Prose.and(routes)
            + "); add it to routes, or fall back to one of them."));
  }
}
