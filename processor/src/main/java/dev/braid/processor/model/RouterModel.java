package dev.braid.processor.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.lang.model.element.AnnotationMirror;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import org.jspecify.annotations.Nullable;

/**
 * One {@code @Router} class as written: the pipelines it routes to, its fallback, its {@code
 * @Route} methods and the settings of its whole run.
 *
 * @param type the router class, the originating element of everything generated for it
 * @param annotation the class's {@code @Router}
 * @param name the router's name: {@code @Router(name)} or the class's simple name
 * @param routesValue the written {@code routes} array, or null if javac could not read it
 * @param routes the entries of {@code routes} in order, duplicates included
 * @param fallback the written {@code fallback}, or null when there is none
 * @param routeMethods the methods annotated {@code @Route}, in declaration order
 * @param deadline the time limit of a whole run; empty means none
 * @param costBudget the run's budget for model calls in microcents; {@code -1} means none
 * @param costBudgetDollars the run's budget written in dollars; empty means none
 * @param tokenBudget the run's budget for model calls in tokens; {@code -1} means none
 */
public record RouterModel(
    TypeElement type,
    AnnotationMirror annotation,
    String name,
    @Nullable AnnotationValue routesValue,
    List<RouteTarget> routes,
    @Nullable RouteTarget fallback,
    List<RouteMethod> routeMethods,
    Attribute<String> deadline,
    Attribute<Long> costBudget,
    Attribute<String> costBudgetDollars,
    Attribute<Long> tokenBudget) {

  public RouterModel {
    routes = List.copyOf(routes);
    routeMethods = List.copyOf(routeMethods);
  }

  /** The run's cost budget in microcents, from either attribute; {@code -1} means none. */
  public long costBudgetMicrocents() {
    return DollarAmount.costBudget(costBudget, costBudgetDollars);
  }

  /** The class's name as a reader of the source writes it, such as {@code Outer.Inner}. */
  public String className() {
    StringBuilder name = new StringBuilder(type.getSimpleName());
    for (Element outer = type.getEnclosingElement();
        outer instanceof TypeElement enclosing;
        outer = enclosing.getEnclosingElement()) {
      name.insert(0, enclosing.getSimpleName() + ".");
    }
    return name.toString();
  }

  /** The route method, if there is exactly one. */
  public Optional<RouteMethod> routeMethod() {
    return routeMethods.size() == 1 ? Optional.of(routeMethods.getFirst()) : Optional.empty();
  }

  /** The routes without repeats, in order of first listing: one executor each. */
  public List<RouteTarget> distinctRoutes() {
    List<RouteTarget> distinct = new ArrayList<>();
    for (RouteTarget route : routes) {
      if (distinct.stream().noneMatch(route::sameClass)) {
        distinct.add(route);
      }
    }
    return distinct;
  }
}
