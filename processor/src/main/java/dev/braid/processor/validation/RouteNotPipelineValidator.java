package dev.braid.processor.validation;

import dev.braid.processor.model.RouteTarget;
import dev.braid.processor.model.RouterModel;
import java.util.ArrayList;
import java.util.List;

/**
 * A router runs its routes through their generated executors, so every route must be a {@code
 * @Pipeline} class. Each entry that is not is reported where it is written.
 */
final class RouteNotPipelineValidator implements RouterRule {

  @Override
  public List<Finding> validate(RouterModel router) {
    List<Finding> findings = new ArrayList<>();
    for (RouteTarget route : router.routes()) {
      if (route.pipeline() == null) {
        findings.add(Finding.on(router.type(), router.annotation(), route.written(),
            "[Braid/RouteNotPipeline] Route " + TypeFormatter.format(route.type()) + " of "
                + Prose.router(router) + " is not a @Pipeline class, so it has no executor to "
                + "run; list only @Pipeline classes in routes."));
      }
    }
    return findings;
  }
}
