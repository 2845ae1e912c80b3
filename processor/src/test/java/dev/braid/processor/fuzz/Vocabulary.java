package dev.braid.processor.fuzz;

import java.util.List;

/**
 * The names, types and setting values the fuzz test's pipelines are made of: odd but legal ones
 * beside plain ones, and names that generated code uses for its own parameters and members.
 */
final class Vocabulary {
  static final List<String> METHOD_NAMES = List.of("a", "b", "load", "_x", "x_", "$y",
      "run", "execute", "plan", "pipeline", "engine", "definition", "options", "previous",
      "outputs", "context", "step", "queue", "inputs", "café", "Steps", "Inputs", "PLAN", "ünï",
      "a1", "submit", "resume", "stream", "executeAll", "dispatcher", "shouldRun", "run0");
  static final List<String> ODD_STEP_NAMES = List.of("my step", "a-b", "class", "1st",
      "Steps", "x.y", "ünï", "PLAN", "step", "_", "inputs", "\\u00e9t\\u00e9");
  static final List<String> INPUT_NAMES = List.of("text", "id", "url", "options",
      "pipeline", "previous", "inputs", "queue", "context", "engine", "step", "Steps", "_in",
      "hashCode", "clone", "café", "definition", "outputs", "chosen", "route", "PLAN", "config");
  static final List<String> ODD_INPUT_NAMES = List.of("target-language", "class", "1st",
      "a b", "Steps", "ünï", "x.y", "_");
  /** Types Jackson stores as JSON and reads back, so that a durable pipeline may use them. */
  static final List<String> STORABLE_TYPES = List.of("java.lang.String", "int", "long",
      "double", "boolean", "java.lang.Integer", "java.util.List<java.lang.String>",
      "java.util.Map<java.lang.String, java.util.List<java.lang.Integer>>", "int[]",
      "java.lang.String[]", "char", "byte");
  static final List<String> OTHER_TYPES = List.of("java.lang.Object",
      "java.util.List<? extends java.lang.Number>", "java.util.Optional<java.lang.String>",
      "java.lang.Runnable", "java.util.function.Function<java.lang.String, java.lang.Integer>");
  static final List<String> GOOD_DURATIONS = List.of("30s", "250ms", "PT5S", "2m", "1h");
  static final List<String> BAD_DURATIONS = List.of("1 min", "0s", "-1s", "x", "5");
  static final List<String> GOOD_THROWN = List.of("java.lang.Exception",
      "java.io.IOException", "java.lang.Error", "java.lang.RuntimeException",
      "java.lang.InterruptedException");
  static final List<String> BAD_THROWN = List.of("java.lang.Throwable", "Oops");


  private Vocabulary() {}
}
