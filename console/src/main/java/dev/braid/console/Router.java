package dev.braid.console;

import dev.braid.durable.DurableStoreException;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Sends each request to the page, asset or API call its method and path name. Immutable. */
final class Router {
  private static final String RUNS = "/api/runs/";

  private final RunsApi runs;
  private final ActionsApi actions;
  private final SchedulesApi schedules;
  private final ActionGate gate;
  private final Pipelines pipelines;

  Router(RunsApi runs, ActionsApi actions, SchedulesApi schedules, ActionGate gate,
      Pipelines pipelines) {
    this.runs = runs;
    this.actions = actions;
    this.schedules = schedules;
    this.gate = gate;
    this.pipelines = pipelines;
  }

  ConsoleResponse route(ConsoleRequest request) {
    String path = request.path().isEmpty() ? "/" : request.path();
    try {
      return switch (request.method()) {
        case "GET", "HEAD" -> get(request, path);
        case "POST" -> post(request, path);
        default -> Json.problem(405, "The console answers GET and POST, not "
            + request.method() + ".");
      };
    } catch (DurableStoreException e) {
      return Json.problem(503, e.getMessage() + (e.getCause() != null
          ? ": " + e.getCause().getMessage() : "") + ". Try again once the database answers.");
    }
  }

  private ConsoleResponse get(ConsoleRequest request, String path) {
    return switch (path) {
      case "/" -> page("runs.html");
      case "/run" -> page("run.html");
      case "/schedules" -> page("schedules.html");
      case "/api/session" -> session(request);
      case "/api/runs" -> runs.list(request.query());
      case "/api/schedules" -> schedules.list();
      default -> {
        if (path.startsWith(RUNS) && path.indexOf('/', RUNS.length()) < 0
            && path.length() > RUNS.length()) {
          yield runs.run(path.substring(RUNS.length()));
        }
        if (path.startsWith("/assets/")) {
          yield Assets.find(path.substring("/assets/".length()))
              .orElseGet(() -> Assets.notFound(path));
        }
        yield path.startsWith("/api/") ? Json.problem(404, "The console's API has no " + path + ".")
            : Assets.notFound(path);
      }
    };
  }

  private ConsoleResponse post(ConsoleRequest request, String path) {
    if (path.startsWith(RUNS)) {
      String rest = path.substring(RUNS.length());
      int slash = rest.indexOf('/');
      if (slash > 0) {
        String id = rest.substring(0, slash);
        switch (rest.substring(slash + 1)) {
          case "answer" -> {
            return actions.answer(request, id);
          }
          case "cancel" -> {
            return actions.cancel(request, id);
          }
          default -> { }
        }
      }
    }
    return Json.problem(404, "The console takes no POST to " + path + "; its actions are POST"
        + " api/runs/{id}/answer and api/runs/{id}/cancel.");
  }

  private ConsoleResponse session(ConsoleRequest request) {
    ObjectNode body = gate.session(request);
    ArrayNode known = body.putArray("pipelines");
    pipelines.names().forEach(known::add);
    return Json.ok(body);
  }

  private static ConsoleResponse page(String name) {
    return Assets.find(name).orElseThrow();
  }
}
