package dev.braid.processor.validation;

import dev.braid.processor.model.BoundMethod;
import dev.braid.processor.model.ConditionMethod;
import dev.braid.processor.model.ParameterModel;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.RouteMethod;
import dev.braid.processor.model.RouterModel;
import dev.braid.processor.model.StepModel;
import java.util.List;

/** Renders the recurring parts of messages, so that every message names things the same way. */
final class Prose {
  /** Past this many names a list is cut short; a 1,000-step pipeline must not print them all. */
  private static final int MAX_LISTED = 10;

  private Prose() {}

  static String step(StepModel step) {
    return "@Step " + step.name();
  }

  static String pipeline(PipelineModel pipeline) {
    return "@Pipeline " + pipeline.className();
  }

  static String router(RouterModel router) {
    return "@Router " + router.className();
  }

  /** {@code route method route of DocumentRouter}, lower case for the middle of a sentence. */
  static String routeMethod(RouterModel router, RouteMethod method) {
    return "route method " + method.name() + " of " + router.className();
  }

  /** {@code @Step draft}, or {@code condition method isTechnical}. */
  static String method(BoundMethod method) {
    return switch (method) {
      case StepModel step -> step(step);
      case ConditionMethod condition -> "condition method " + condition.name();
    };
  }

  static String parameter(BoundMethod method, ParameterModel parameter) {
    return "Parameter " + parameter.name() + " of " + method(method);
  }

  /** {@code @Step escalate runs when "isTechnical"}: how messages about a condition start. */
  static String condition(StepModel step) {
    return step(step) + " runs when " + quote(step.when().value());
  }

  static String quote(String text) {
    return '"' + text + '"';
  }

  /** {@code a}, {@code a and b}, {@code a, b and c}, or {@code a, b, ... and 7 others}. */
  static String and(List<String> items) {
    if (items.size() > MAX_LISTED) {
      return String.join(", ", items.subList(0, MAX_LISTED)) + " and "
          + (items.size() - MAX_LISTED) + " others";
    }
    if (items.size() < 2) {
      return String.join("", items);
    }
    return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.getLast();
  }
}
