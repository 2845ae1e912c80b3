package dev.braid.processor.validation;

import dev.braid.processor.model.RouterModel;
import java.util.List;

/**
 * A router without routes has nothing to choose from. A {@code routes} attribute left out is
 * javac's to report, since it has no default.
 */
final class EmptyRouterValidator implements RouterRule {

  @Override
  public List<Finding> validate(RouterModel router) {
    if (!router.routes().isEmpty() || router.routesValue() == null) {
      return List.of();
    }
    return List.of(Finding.on(router.type(), router.annotation(), router.routesValue(),
        "[Braid/EmptyRouter] " + Prose.router(router) + " lists no routes; name the @Pipeline "
            + "classes it chooses from in routes."));
  }
}
