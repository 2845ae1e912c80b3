package dev.braid.processor.validation;

import dev.braid.processor.model.RouteTarget;
import dev.braid.processor.model.RouterModel;
import java.util.ArrayList;
import java.util.List;

/** A route listed twice is surely a slip, such as a copied line whose class was not changed. */
final class DuplicateRouteValidator implements RouterRule {

  @Override
  public List<Finding> validate(RouterModel router) {
    List<Finding> findings = new ArrayList<>();
    List<RouteTarget> seen = new ArrayList<>();
    for (RouteTarget route : router.routes()) {
      if (seen.stream().anyMatch(route::sameClass)) {
        findings.add(Finding.on(router.type(), router.annotation(), route.written(),
            "[Braid/DuplicateRoute] Route " + TypeFormatter.format(route.type()) + " is listed "
                + "twice in routes of " + Prose.router(router) + "; remove one of the entries."));
      } else {
        seen.add(route);
      }
    }
    return findings;
  }
}
