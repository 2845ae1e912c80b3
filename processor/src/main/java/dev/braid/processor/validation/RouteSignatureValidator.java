package dev.braid.processor.validation;

import dev.braid.processor.model.BraidNames;
import dev.braid.processor.model.ParameterBinding;
import dev.braid.processor.model.ParameterModel;
import dev.braid.processor.model.RouteMethod;
import dev.braid.processor.model.RouterModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.ExecutableElement;
import javax.lang.model.element.Modifier;
import javax.lang.model.type.TypeMirror;

/**
 * A route method must be one the generated executor can call on the router instance with concrete
 * types, and that hands it a pipeline class: not private, static or abstract, without type
 * parameters, throwing no checked throwable but an {@code Exception}, returning {@code Class}, each
 * parameter an {@code @Input} (once per name) or the {@code StepContext}. Each problem is its own
 * message, on the method or the parameter at fault.
 */
final class RouteSignatureValidator implements RouterRule {

  @Override
  public List<Finding> validate(RouterModel router) {
    List<Finding> findings = new ArrayList<>();
    for (RouteMethod route : router.routeMethods()) {
      modifiers(findings, router, route);
      parameters(findings, router, route);
    }
    return findings;
  }

  private static void modifiers(List<Finding> findings, RouterModel router, RouteMethod route) {
    ExecutableElement method = route.method();
    String subject = "[Braid/RouteSignature] Route method " + route.name() + " of "
        + router.className();
    MethodShape.notPrivate(method, subject, findings);
    if (method.getModifiers().contains(Modifier.STATIC)) {
      findings.add(Finding.on(method, subject + " is static, but the executor calls it on the "
          + "router instance; remove the static modifier."));
    }
    MethodShape.notAbstract(method, subject, findings);
    MethodShape.notGeneric(method, subject, findings);
    MethodShape.throwsOnlyExceptions(method, subject, findings);
    TypeMirror returned = method.getReturnType();
    if (!BraidNames.isClass(returned)) {
      findings.add(Finding.on(method, subject + " returns " + TypeFormatter.format(returned)
          + ", but a route method returns the class of the pipeline to run; declare it to "
          + "return Class<?>."));
    }
  }

  private static void parameters(List<Finding> findings, RouterModel router, RouteMethod route) {
    Map<String, ParameterModel> inputs = new HashMap<>();
    for (ParameterModel parameter : route.parameters()) {
      String subject = "[Braid/RouteSignature] Parameter " + parameter.name() + " of "
          + Prose.routeMethod(router, route);
      switch (parameter.binding()) {
        case ParameterBinding.Input(String name) -> {
          ParameterModel first = inputs.putIfAbsent(name, parameter);
          if (first != null) {
            findings.add(Finding.on(parameter.element(), subject + " reads input " + name
                + ", as parameter " + first.name() + " does; remove one of them."));
          }
          PrivateTypeValidator.privateType(parameter.type()).ifPresent(hidden ->
              findings.add(Finding.on(parameter.element(), subject + " has type "
                  + TypeFormatter.format(parameter.type()) + ", but "
                  + PrivateTypeValidator.problem(hidden))));
        }
        case ParameterBinding.Context _ -> {}
        case ParameterBinding.Dependency _ -> findings.add(Finding.on(parameter.element(),
            subject + " has @From, but a router has no steps to read; annotate it @Input to "
                + "make it an input of the router instead."));
        case ParameterBinding.Unbound unbound -> findings.add(Finding.on(parameter.element(),
            switch (unbound.reason()) {
              case NO_SOURCE -> subject + " is neither an @Input nor the StepContext; annotate "
                  + "it @Input to make it an input of the router, or remove it.";
              case INPUT_AND_FROM -> subject + " has both @Input and @From, but a router has "
                  + "no steps to read; remove @From.";
              case CONTINUATION -> subject + " is the continuation of a suspend function, which "
                  + "Braid cannot supply; remove suspend: the route method already runs on a "
                  + "virtual thread of its own.";
            }));
      }
    }
  }
}
