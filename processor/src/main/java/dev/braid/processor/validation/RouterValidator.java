package dev.braid.processor.validation;

import dev.braid.processor.model.RouterModel;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.util.Types;

/**
 * Runs every rule on a router and collects all findings, so that one compile shows every problem
 * of a router, as {@link PipelineValidator} does for a pipeline. Whether the routes are valid
 * pipelines is for the pipelines' own rules, reported on them.
 */
public final class RouterValidator {
  private final List<RouterRule> rules;

  public RouterValidator(Types types) {
    this.rules = List.of(
        new RouterClassValidator(),
        new RouterSettingsValidator(),
        new EmptyRouterValidator(),
        new RouteNotPipelineValidator(),
        new DuplicateRouteValidator(),
        new UnknownFallbackValidator(),
        new RouteMethodValidator(),
        new RouteSignatureValidator(),
        new RouteOutputMismatchValidator(types),
        new RouteInputValidator(types),
        new TooManyRouterInputsValidator());
  }

  /** All findings on {@code router}, rule by rule; empty when it is valid. */
  public List<Finding> validate(RouterModel router) {
    List<Finding> findings = new ArrayList<>();
    for (RouterRule rule : rules) {
      findings.addAll(rule.validate(router));
    }
    return findings;
  }
}
