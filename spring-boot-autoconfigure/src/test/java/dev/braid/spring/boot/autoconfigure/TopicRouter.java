package dev.braid.spring.boot.autoconfigure;

import dev.braid.Input;
import dev.braid.Route;
import dev.braid.Router;

/** A router with one route, whose executor takes the route's executor. */
@Router(routes = GreetingPipeline.class)
class TopicRouter {

  @Route
  Class<?> route(@Input String name) {
    return GreetingPipeline.class;
  }
}
