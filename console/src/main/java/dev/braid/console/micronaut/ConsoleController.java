package dev.braid.console.micronaut;

import dev.braid.console.BraidConsole;
import dev.braid.console.ConsoleRequest;
import dev.braid.console.ConsoleResponse;
import dev.braid.durable.DurableRuns;
import dev.braid.durable.RunSchedules;
import dev.braid.runtime.PipelineDefinition;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import java.net.InetAddress;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Serves the console under {@code /braid}. Callers the application authenticated (a principal on
 * the request, as micronaut-security sets it) may act when actions are enabled; others need the
 * token. Only loopback callers are answered unless {@code braid.console.allow-remote} is true.
 */
@Controller(ConsoleController.PATH)
@Requires(property = ConsoleProperties.PREFIX + ".enabled", notEquals = "false")
@Requires(beans = DurableRuns.class)
@Requires(classes = HttpRequest.class)
final class ConsoleController {
  static final String PATH = "/braid";

  private final BraidConsole console;
  private final boolean allowRemote;

  ConsoleController(DurableRuns runs, List<PipelineDefinition<?>> pipelines,
      Optional<RunSchedules> schedules, ConsoleProperties properties) {
    BraidConsole.Builder builder = BraidConsole.builder(runs).pipelines(pipelines)
        .actions(Boolean.TRUE.equals(properties.actionsEnabled()))
        .redact(properties.redact() == null ? new String[0]
            : properties.redact().toArray(String[]::new));
    try {
      builder.token(properties.token());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("Property " + ConsoleProperties.PREFIX + ".token: "
          + e.getMessage(), e);
    }
    schedules.ifPresent(builder::schedules);
    this.console = builder.build();
    this.allowRemote = Boolean.TRUE.equals(properties.allowRemote());
  }

  @Get
  HttpResponse<?> root(HttpRequest<?> request) {
    if (!request.getPath().endsWith("/")) {
      // The pages link to their assets relatively, from /braid/.
      return HttpResponse.permanentRedirect(URI.create(request.getPath() + "/"));
    }
    return serve(request, "/", null);
  }

  @Get("/{+path}")
  HttpResponse<?> get(HttpRequest<?> request, String path) {
    return serve(request, "/" + path, null);
  }

  @Post("/{+path}")
  HttpResponse<?> post(HttpRequest<?> request, String path, @Body @Nullable String body) {
    return serve(request, "/" + path, body);
  }

  private HttpResponse<?> serve(HttpRequest<?> request, String path, @Nullable String body) {
    if (!allowRemote && !isLoopback(request)) {
      return HttpResponse.status(io.micronaut.http.HttpStatus.FORBIDDEN)
          .contentType(MediaType.TEXT_PLAIN_TYPE)
          .body("The Braid console answers callers on this host only; set "
              + ConsoleProperties.PREFIX + ".allow-remote=true to open it to others.");
    }
    Map<String, String> headers = new HashMap<>();
    request.getHeaders().forEach((name, values) -> {
      if (!values.isEmpty()) {
        headers.put(name.toLowerCase(Locale.ROOT), values.getFirst());
      }
    });
    Map<String, String> query = new HashMap<>();
    request.getParameters().forEach((name, values) -> {
      if (!values.isEmpty()) {
        query.put(name, values.getFirst());
      }
    });
    ConsoleResponse response = console.handle(new ConsoleRequest(request.getMethodName(), path,
        query, headers, body == null ? "" : body, request.getUserPrincipal().isPresent()));
    MutableHttpResponse<byte[]> reply = HttpResponse.<byte[]>status(
        io.micronaut.http.HttpStatus.valueOf(response.status()))
        .contentType(response.contentType())
        .body(response.body());
    response.headers().forEach(reply::header);
    return reply;
  }

  private static boolean isLoopback(HttpRequest<?> request) {
    InetAddress address = request.getRemoteAddress().getAddress();
    return address != null && address.isLoopbackAddress();
  }
}
