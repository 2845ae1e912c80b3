package dev.braid.micronaut;

import dev.braid.runtime.Money;
import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.StepConfig;
import dev.braid.runtime.codegen.ClosestName;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The overrides {@code braid.pipelines.*} gives each pipeline, with the same names and syntax as
 * in Spring Boot: {@code braid.pipelines.TicketPipeline.deadline}, {@code
 * braid.pipelines.TicketPipeline.defaults.retries} for every step, {@code
 * braid.pipelines.TicketPipeline.steps.draft.timeout} for one. Checked once at startup: a key that names
 * no pipeline, step or setting, or a value out of range, fails with the property's name and the
 * fix. Keys match names as Micronaut matches properties: {@code ticket-pipeline} names {@code
 * TicketPipeline}.
 */
final class PipelineProperties {
  static final String PREFIX = "braid.pipelines";
  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
  private static final List<String> PIPELINE_SETTINGS =
      List.of("deadline", "cost-budget", "token-budget");
  /** What {@code defaults.*} may set: every step setting but the cap, which bounds one step. */
  private static final List<String> DEFAULT_SETTINGS = List.of("timeout", "retries",
      "retry-delay", "max-retry-delay", "cost-budget", "token-budget");
  private static final List<String> STEP_SETTINGS = List.of("timeout", "retries", "retry-delay",
      "max-retry-delay", "cost-budget", "token-budget", "max-concurrent");

  private final Map<String, PipelineConfig> byPipeline;

  private PipelineProperties(Map<String, PipelineConfig> byPipeline) {
    this.byPipeline = byPipeline;
  }

  /**
   * Checks {@code values}, keyed by the rest of their name after {@code braid.pipelines.}, against
   * {@code entries}.
   *
   * @throws IllegalArgumentException naming the first property at fault and its fix
   */
  static PipelineProperties check(Map<String, String> values, List<ExecutorEntry> entries) {
    Map<String, List<String>> steps = new LinkedHashMap<>();
    for (ExecutorEntry entry : entries) {
      List<String> known = steps.computeIfAbsent(entry.name(), name -> new ArrayList<>());
      entry.steps().stream().filter(step -> !known.contains(step)).forEach(known::add);
    }
    Map<String, Map<String, String>> byPipelineKey = new TreeMap<>();
    for (Map.Entry<String, String> value : values.entrySet()) {
      int dot = value.getKey().indexOf('.');
      String pipeline = dot < 0 ? value.getKey() : value.getKey().substring(0, dot);
      String rest = dot < 0 ? "" : value.getKey().substring(dot + 1);
      byPipelineKey.computeIfAbsent(pipeline, key -> new TreeMap<>()).put(rest, value.getValue());
    }
    Map<String, PipelineConfig> byPipeline = new LinkedHashMap<>();
    for (Map.Entry<String, Map<String, String>> pipeline : byPipelineKey.entrySet()) {
      String key = pipeline.getKey();
      String name = find(key, steps.keySet());
      if (name == null) {
        throw invalid(PREFIX + "." + key, "names no pipeline of the application"
            + suggestion(key, steps.keySet(), "pipeline"), "write the name of a @Pipeline or"
            + " @Router: its name attribute, or its class's simple name");
      }
      if (byPipeline.containsKey(name)) {
        throw invalid(PREFIX + "." + key, "configures pipeline '" + name + "' a second time",
            "write each pipeline's settings under one name");
      }
      byPipeline.put(name, pipelineConfig(PREFIX + "." + key, pipeline.getValue(),
          steps.get(name), name));
    }
    return new PipelineProperties(byPipeline);
  }

  /** What the properties set for the pipeline named {@code name}: nothing if they do not name it. */
  PipelineConfig forPipeline(String name) {
    return byPipeline.getOrDefault(name, PipelineConfig.empty());
  }

  private static PipelineConfig pipelineConfig(
      String prefix, Map<String, String> values, List<String> steps, String pipeline) {
    PipelineConfig.Builder config = PipelineConfig.builder();
    Map<String, Map<String, String>> byStep = new TreeMap<>();
    Map<String, String> defaults = new TreeMap<>();
    for (Map.Entry<String, String> value : values.entrySet()) {
      String key = value.getKey();
      String property = prefix + "." + key;
      if (key.startsWith("defaults.")) {
        defaults.put(key.substring("defaults.".length()), value.getValue());
        continue;
      }
      if (key.startsWith("steps.")) {
        String rest = key.substring("steps.".length());
        int dot = rest.indexOf('.');
        if (dot < 0) {
          throw invalid(property, "names no setting", "write a setting of the step, one of "
              + STEP_SETTINGS);
        }
        byStep.computeIfAbsent(rest.substring(0, dot), step -> new TreeMap<>())
            .put(rest.substring(dot + 1), value.getValue());
        continue;
      }
      String text = value.getValue();
      switch (setting(key, PIPELINE_SETTINGS, property)) {
        case "deadline" -> set(property, text, v -> config.deadline(duration(property, v)));
        case "cost-budget" -> set(property, text, v -> config.costBudget(Money.dollars(v)));
        default -> set(property, text, v -> config.tokenBudget(number(property, v)));
      }
    }
    config.stepDefaults(stepConfig(prefix + ".defaults", defaults, DEFAULT_SETTINGS));
    for (Map.Entry<String, Map<String, String>> step : byStep.entrySet()) {
      String property = prefix + ".steps." + step.getKey();
      String name = find(step.getKey(), steps);
      if (name == null) {
        throw invalid(property, "names no step of pipeline '" + pipeline + "'"
            + suggestion(step.getKey(), steps, "step"), "write the name of one of its @Step"
            + " methods");
      }
      config.step(name, stepConfig(property, step.getValue(), STEP_SETTINGS));
    }
    return config.build();
  }

  private static StepConfig stepConfig(
      String prefix, Map<String, String> values, List<String> settings) {
    StepConfig.Builder step = StepConfig.builder();
    for (Map.Entry<String, String> value : values.entrySet()) {
      String property = prefix + "." + value.getKey();
      String text = value.getValue();
      switch (setting(value.getKey(), settings, property)) {
        case "timeout" -> set(property, text, v -> step.timeout(duration(property, v)));
        case "retries" -> set(property, text, v -> step.retries((int) number(property, v)));
        case "retry-delay" -> set(property, text, v -> step.retryDelay(duration(property, v)));
        case "max-retry-delay" ->
            set(property, text, v -> step.maxRetryDelay(duration(property, v)));
        case "cost-budget" -> set(property, text, v -> step.costBudget(Money.dollars(v)));
        case "max-concurrent" ->
            set(property, text, v -> step.maxConcurrent(
                Math.clamp(number(property, v), Integer.MIN_VALUE, Integer.MAX_VALUE)));
        default -> set(property, text, v -> step.tokenBudget(number(property, v)));
      }
    }
    try {
      return step.build();
    } catch (IllegalArgumentException e) {
      throw invalid(prefix, "holds retry delays that do not fit together (" + e.getMessage()
          + ")", "raise max-retry-delay or lower retry-delay");
    }
  }

  private static String setting(String key, List<String> settings, String property) {
    String name = find(key, settings);
    if (name == null) {
      throw invalid(property, "names no setting" + suggestion(key, settings, "setting"),
          "write one of " + settings);
    }
    return name;
  }

  private static void set(String property, String value, Consumer<String> setter) {
    try {
      setter.accept(value.strip());
    } catch (InvalidProperty e) {
      throw e;
    } catch (IllegalArgumentException e) {
      throw invalid(property, "is \"" + value + "\" (" + e.getMessage() + ")",
          "write a value in range");
    }
  }

  /** {@code 250ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 2d}, or ISO-8601 such as {@code PT30S}. */
  private static Duration duration(String property, String text) {
    Matcher matcher = SHORT.matcher(text);
    try {
      if (matcher.matches()) {
        long amount = Long.parseLong(matcher.group(1));
        return switch (matcher.group(2)) {
          case "ms" -> Duration.ofMillis(amount);
          case "s" -> Duration.ofSeconds(amount);
          case "m" -> Duration.ofMinutes(amount);
          case "h" -> Duration.ofHours(amount);
          default -> Duration.ofDays(amount);
        };
      }
      return Duration.parse(text);
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      throw invalid(property, "is \"" + text + "\", which is not a duration",
          "write it as 250ms, 30s, 2m, 1h or ISO-8601 such as PT30S");
    }
  }

  private static long number(String property, String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw invalid(property, "is \"" + text + "\", which is not a whole number",
          "write a whole number, 0 or more");
    }
  }

  private static @Nullable String find(String key, Iterable<String> names) {
    for (String name : names) {
      if (uniform(key).equals(uniform(name))) {
        return name;
      }
    }
    return null;
  }

  private static String suggestion(String key, Collection<String> names, String kind) {
    if (names.isEmpty()) {
      return "; there are no " + kind + "s";
    }
    String closest = ClosestName.of(uniform(key), names.stream()
        .map(PipelineProperties::uniform).toList());
    for (String name : names) {
      if (uniform(name).equals(closest)) {
        return "; did you mean '" + name + "'?";
      }
    }
    return "; the " + kind + "s are " + names;
  }

  private static String uniform(String name) {
    return name.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
  }

  /** A failure Micronaut shows as the cause of the bean it could not create. */
  private static InvalidProperty invalid(String property, String problem, String fix) {
    return new InvalidProperty("Property " + property + " " + problem + "; " + fix);
  }

  /** A property the application cannot start with: its name, what is wrong, and the fix. */
  static final class InvalidProperty extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    InvalidProperty(String message) {
      super(message);
    }
  }
}
