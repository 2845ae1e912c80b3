package dev.braid.console;

import dev.braid.durable.DurableRuns;
import dev.braid.durable.RunSchedules;
import dev.braid.runtime.PipelineDefinition;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The console over one application's durable runs: pages, their JSON API and their assets, behind
 * one {@link #handle} method that every server adapter calls.
 *
 * <pre>{@code
 * BraidConsole console = BraidConsole.builder(runs)
 *     .pipelines(List.of(tickets.definition()))   // to draw graphs and answer questions
 *     .schedules(schedules)
 *     .actions(true).token(System.getenv("BRAID_CONSOLE_TOKEN"))
 *     .redact("customerEmail")
 *     .build();
 * }</pre>
 *
 * <p>It is read-only unless {@linkplain Builder#actions actions} are enabled. Then answering and
 * cancelling need the host application's authentication ({@link ConsoleRequest#authenticated()})
 * or the configured token, and every action carries the console's anti-forgery token, which only
 * a page of the same origin can read. Thread-safe; it keeps no state between requests but that
 * token.
 */
public final class BraidConsole {
  private final Router router;

  private BraidConsole(Router router) {
    this.router = router;
  }

  public static Builder builder(DurableRuns runs) {
    return new Builder(runs);
  }

  /** Answers one request; never throws for bad input, which gets a 4xx with a message. */
  public ConsoleResponse handle(ConsoleRequest request) {
    return router.route(request);
  }

  /** Collects the console's settings; not thread-safe. */
  public static final class Builder {
    private final DurableRuns runs;
    private final Map<String, PipelineDefinition<?>> pipelines = new LinkedHashMap<>();
    private @Nullable RunSchedules schedules;
    private boolean actions;
    private @Nullable String token;
    private final Set<String> redacted = new LinkedHashSet<>();

    private Builder(DurableRuns runs) {
      this.runs = Objects.requireNonNull(runs, "runs");
    }

    /**
     * The pipelines whose graphs the console draws and whose questions it can answer: it needs
     * their input types to read an answer. Runs of other pipelines are shown without them.
     */
    public Builder pipelines(Collection<? extends PipelineDefinition<?>> definitions) {
      definitions.forEach(definition -> pipelines.put(definition.name(), definition));
      return this;
    }

    /** The schedules to list with their next fire times. */
    public Builder schedules(RunSchedules schedules) {
      this.schedules = Objects.requireNonNull(schedules, "schedules");
      return this;
    }

    /** Whether answering and cancelling runs is allowed at all; false by default. */
    public Builder actions(boolean enabled) {
      this.actions = enabled;
      return this;
    }

    /**
     * The token a caller the host application did not authenticate must send to act; null or
     * blank for none, so that only authenticated callers may act.
     *
     * @throws IllegalArgumentException if it is shorter than 16 characters
     */
    public Builder token(@Nullable String token) {
      if (token != null && !token.isBlank() && token.strip().length() < 16) {
        throw new IllegalArgumentException("The console's token must be at least 16 characters,"
            + " was " + token.strip().length() + "; generate one, e.g. with"
            + " `openssl rand -hex 16`");
      }
      this.token = token == null || token.isBlank() ? null : token.strip();
      return this;
    }

    /**
     * Field names whose values are shown as {@value Redaction#MARK} wherever they appear in
     * inputs, outputs and states, whatever their case: for inputs that hold personal data. An
     * answer keeps the stored value of a field left redacted.
     */
    public Builder redact(String... fieldNames) {
      for (String name : fieldNames) {
        if (!name.isBlank()) {
          redacted.add(name.strip());
        }
      }
      return this;
    }

    public BraidConsole build() {
      Redaction redaction = new Redaction(redacted);
      Pipelines known = new Pipelines(pipelines);
      ActionGate gate = new ActionGate(actions, token);
      return new BraidConsole(new Router(
          new RunsApi(runs, known, redaction),
          new ActionsApi(runs, known, redaction, gate),
          new SchedulesApi(schedules, redaction),
          gate, known));
    }
  }
}
