package dev.braid.processor.writing;

import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.RouteTarget;
import dev.braid.processor.model.RouterModel;
import java.util.List;

/**
 * Generates a router's graph as a Mermaid flowchart, written next to its executor like a
 * pipeline's: the router, labelled with its name and route method, with an edge to each route,
 * labelled with its pipeline's name. The fallback route is dashed and says so.
 */
public final class RouterMermaidGenerator {
  private RouterMermaidGenerator() {}

  /** The Mermaid text of {@code router}'s graph; its routes must be pipelines. */
  public static String generate(RouterModel router) {
    String method = router.routeMethod().map(route -> route.name() + "()").orElse("");
    StringBuilder text = new StringBuilder("flowchart LR\n")
        .append("  r[\"").append(MermaidGenerator.escape(router.name()))
        .append(" (router, ").append(MermaidGenerator.escape(method)).append(")\"]\n");
    List<RouteTarget> routes = router.distinctRoutes();
    int fallback = -1;
    for (int i = 0; i < routes.size(); i++) {
      RouteTarget route = routes.get(i);
      PipelineModel pipeline = route.pipeline();
      String name = pipeline == null ? route.type().toString() : pipeline.name();
      boolean isFallback = router.fallback() != null && router.fallback().sameClass(route);
      if (isFallback) {
        fallback = i;
      }
      text.append("  p").append(i).append("[\"").append(MermaidGenerator.escape(name))
          .append(isFallback ? " (fallback)" : "").append("\"]\n");
    }
    for (int i = 0; i < routes.size(); i++) {
      text.append("  r --> p").append(i).append('\n');
    }
    if (fallback >= 0) {
      text.append("  classDef fallback stroke-dasharray:5 5\n")
          .append("  class p").append(fallback).append(" fallback\n");
    }
    return text.toString();
  }
}
