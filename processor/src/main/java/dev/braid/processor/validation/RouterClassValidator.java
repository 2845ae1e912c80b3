package dev.braid.processor.validation;

import dev.braid.processor.model.RouterModel;
import java.util.List;

/**
 * A router class must have the shape a pipeline class has, for the same reasons: the executor
 * generated beside it names it, and an application or a container creates it.
 */
final class RouterClassValidator implements RouterRule {

  @Override
  public List<Finding> validate(RouterModel router) {
    return ClassShape.check(router.type(), "[Braid/RouterClass] " + Prose.router(router),
        "router", "the route method's types");
  }
}
