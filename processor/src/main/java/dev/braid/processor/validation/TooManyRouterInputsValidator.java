package dev.braid.processor.validation;

import dev.braid.processor.model.ParameterModel;
import dev.braid.processor.model.RouteMethod;
import dev.braid.processor.model.RouterModel;
import java.util.List;

/**
 * A router's inputs, with one executor per route, must fit in one method of its executor: the
 * {@code Steps} record it builds for a run takes the router, each route's executor and the inputs,
 * within the JVM's limit of {@value TooManyInputsValidator#METHOD_SLOTS} parameter slots. Reported
 * once, on the parameter of the first input past the limit.
 */
final class TooManyRouterInputsValidator implements RouterRule {

  @Override
  public List<Finding> validate(RouterModel router) {
    RouteMethod method = router.routeMethod().orElse(null);
    if (method == null) {
      return List.of();
    }
    int routes = router.distinctRoutes().size();
    // this, the router and the routes' executors.
    int room = TooManyInputsValidator.METHOD_SLOTS - 2 - routes;
    List<ParameterModel> inputs = method.inputs();
    int used = 0;
    for (ParameterModel input : inputs) {
      used += TooManyInputsValidator.slots(input.type());
      if (used > room) {
        int total = inputs.stream()
            .mapToInt(each -> TooManyInputsValidator.slots(each.type()))
            .sum();
        return List.of(Finding.on(input.element(), "[Braid/TooManyInputs] "
            + Prose.router(router) + " has " + inputs.size() + " inputs taking " + total
            + " parameter slots, past the " + room + " its executor has room for beside its "
            + routes + " routes within the JVM's limit of " + TooManyInputsValidator.METHOD_SLOTS
            + " (a long or double takes two); input " + RouteMethod.inputName(input) + " is the "
            + "first past it, so group inputs into a record and read that as one @Input."));
      }
    }
    return List.of();
  }
}
