package dev.braid.processor.fuzz;

import static dev.braid.processor.fuzz.Vocabulary.BAD_DURATIONS;
import static dev.braid.processor.fuzz.Vocabulary.BAD_THROWN;
import static dev.braid.processor.fuzz.Vocabulary.GOOD_DURATIONS;
import static dev.braid.processor.fuzz.Vocabulary.GOOD_THROWN;
import static dev.braid.processor.fuzz.Vocabulary.INPUT_NAMES;
import static dev.braid.processor.fuzz.Vocabulary.METHOD_NAMES;
import static dev.braid.processor.fuzz.Vocabulary.ODD_INPUT_NAMES;
import static dev.braid.processor.fuzz.Vocabulary.ODD_STEP_NAMES;
import static dev.braid.processor.fuzz.Vocabulary.OTHER_TYPES;
import static dev.braid.processor.fuzz.Vocabulary.STORABLE_TYPES;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.SourceVersion;

/**
 * Writes one {@code @Pipeline} class of legal Java. A careful writer makes a pipeline the
 * processor should accept, with odd but legal names and types; a careless one also makes mistakes
 * (cycles, misspelled or mistyped dependencies, bad settings, private or unusable methods and
 * types, too many inputs) that it should report. Every name the sources use is fully qualified, so
 * that user types of any simple name can sit beside the pipeline.
 */
final class PipelineClassWriter {
  /** The kinds of mistake a careless writer makes. */
  private enum Slip {
    SHAPE, SETTING, METHOD, THROWS, DEPENDENCY, INPUT, PRIVATE_TYPE, TYPE, CONDITION, OUTPUT
  }

  private final Dice dice;
  /**
   * The kinds of mistake this writer makes: none for half the classes, one kind for most others,
   * so that a rule the processor lacks is not hidden behind another error, and every kind for a
   * few.
   */
  private final Set<Slip> slips;
  private final boolean durable;
  private final List<String> userTypes;
  private final List<String> methods = new ArrayList<>();
  private final List<String> stepNames = new ArrayList<>();
  private final List<String> types = new ArrayList<>();
  private final List<Boolean> mayBeAbsent = new ArrayList<>();
  private final Map<String, String> outputTypes = new LinkedHashMap<>();
  private final Map<String, Boolean> absentOutputs = new LinkedHashMap<>();
  private final Set<String> methodNames = new HashSet<>();
  private final Map<String, String> inputTypes = new LinkedHashMap<>();
  private final Map<String, String> allInputs = new LinkedHashMap<>();
  private final StringBuilder members = new StringBuilder();
  private boolean secret;
  private boolean oops;
  private int conditions;

  private PipelineClassWriter(Dice dice, List<String> userTypes) {
    this.dice = dice;
    double kind = dice.fraction();
    this.slips = kind < 0.5 ? EnumSet.noneOf(Slip.class)
        : kind < 0.85 ? EnumSet.of(dice.pick(List.of(Slip.values())))
        : EnumSet.allOf(Slip.class);
    this.durable = dice.chance(0.25);
    this.userTypes = userTypes;
  }

  /**
   * The class {@code name} with {@code modifiers}, such as {@code "static "} for a nested one.
   *
   * @param userTypes the simple names of records beside the pipeline, which it may use
   */
  static Written write(Dice dice, String name, String modifiers, List<String> userTypes) {
    PipelineClassWriter writer = new PipelineClassWriter(dice, userTypes);
    String source = writer.write(name, modifiers);
    return new Written(source, writer.allInputs,
        writer.types.isEmpty() ? "void" : writer.types.getLast(), writer.slips.isEmpty());
  }

  /**
   * A written class.
   *
   * @param source its text
   * @param inputs the type of each input, by name, as first declared
   * @param outputType the type its last step returns, the output of a careful pipeline
   * @param careful whether the writer made no mistakes on purpose
   */
  record Written(String source, Map<String, String> inputs, String outputType, boolean careful) {}

  private String write(String name, String modifiers) {
    StringBuilder out = new StringBuilder();
    out.append("@dev.braid.Pipeline").append(pipelineAttributes()).append('\n');
    String generic = mistake(Slip.SHAPE, 0.03) ? "<P>" : "";
    out.append(mistake(Slip.SHAPE, 0.03) ? modifiers + "abstract " : modifiers)
        .append("class ").append(name).append(generic).append(" {\n");
    int count = mistake(Slip.SHAPE, 0.04) ? 0
        : dice.chance(0.04) ? dice.between(8, 40) : dice.between(1, 7);
    Set<String> usedNames = new HashSet<>();
    for (int i = 0; i < count; i++) {
      String method = uniqueMethodName();
      String stepName = dice.chance(0.12) ? dice.pick(ODD_STEP_NAMES) : method;
      if (!usedNames.add(stepName) && !mistake(Slip.DEPENDENCY, 0.5)) {
        stepName = method;
        usedNames.add(method);
      }
      methods.add(method);
      stepNames.add(stepName);
      types.add(outputType());
      mayBeAbsent.add(i < count - 1 && dice.chance(0.15));
      outputTypes.put(stepName, types.getLast());
      absentOutputs.put(stepName, mayBeAbsent.getLast());
    }
    for (int i = 0; i < count; i++) {
      step(i, count);
    }
    out.append(members);
    if (secret) {
      out.append("  private record Secret(int value) {}\n");
    }
    if (oops) {
      out.append("  static class Oops extends java.lang.Throwable {}\n");
    }
    return out.append("}\n").toString();
  }

  private String pipelineAttributes() {
    List<String> attributes = new ArrayList<>();
    if (durable) {
      attributes.add("durable = true");
    }
    if (dice.chance(0.1)) {
      attributes.add("timeout = \"" + duration() + "\"");
    }
    if (dice.chance(0.1)) {
      attributes.add("retries = " + (mistake(Slip.SETTING, 0.5) ? -2 : dice.between(0, 3)));
    }
    if (dice.chance(0.1)) {
      attributes.add(
          "costBudget = " + (mistake(Slip.SETTING, 0.5) ? -1 : dice.between(0, 100)));
    }
    if (dice.chance(0.05)) {
      attributes.add("deadline = \"" + duration() + "\"");
    }
    if (dice.chance(0.1)) {
      attributes.add("name = \"" + dice.pick(ODD_STEP_NAMES) + "\"");
    }
    return attributes.isEmpty() ? "" : "(" + String.join(", ", attributes) + ")";
  }

  private void step(int index, int count) {
    String method = methods.get(index);
    String stepName = stepNames.get(index);
    String type = types.get(index);
    List<String> attributes = new ArrayList<>();
    if (!stepName.equals(method)) {
      attributes.add("name = \"" + stepName + "\"");
    }
    List<String> dependsOn = new ArrayList<>();
    List<String> parameters = new ArrayList<>();
    dependencies(index, dependsOn, parameters);
    if (!dependsOn.isEmpty()) {
      attributes.add("dependsOn = {" + String.join(", ", dependsOn.stream()
          .map(d -> "\"" + d + "\"").toList()) + "}");
    }
    inputs(parameters);
    if (dice.chance(0.15)) {
      parameters.add("dev.braid.runtime.StepContext ctx" + parameters.size());
    }
    settings(attributes, index, count);
    String modifiers = mistake(Slip.METHOD, 0.06)
        ? dice.pick(List.of("private ", "static ", "<G> "))
        : dice.chance(0.05) ? dice.pick(List.of("public ", "final ", "protected ")) : "";
    String throwsClause = "";
    if (dice.chance(0.2)) {
      String thrown =
          mistake(Slip.THROWS, 0.4) ? dice.pick(BAD_THROWN) : dice.pick(GOOD_THROWN);
      oops |= thrown.equals("Oops");
      throwsClause = " throws " + thrown;
    }
    members.append("  @dev.braid.Step")
        .append(attributes.isEmpty() ? "" : "(" + String.join(", ", attributes) + ")")
        .append('\n')
        .append("  ").append(modifiers).append(type).append(' ').append(method).append('(')
        .append(String.join(", ", parameters)).append(')').append(throwsClause).append(" {")
        .append(type.equals("void") ? "" : " return " + defaultValue(type) + ";")
        .append(" }\n");
  }

  private void dependencies(int index, List<String> dependsOn, List<String> parameters) {
    int count = index == 0 ? 0 : dice.between(0, Math.min(3, index + 1));
    for (int i = 0; i < count; i++) {
      String dependency = stepNames.get(dice.between(0, index));
      if (!dependsOn.contains(dependency)) {
        dependsOn.add(dependency);
        boolean readable = !outputTypes.get(dependency).equals("void")
            || mistake(Slip.DEPENDENCY, 0.5);
        if (readable && dice.chance(0.85)) {
          parameters.add(dependencyParameter(dependency, parameters));
        }
      }
    }
    if (mistake(Slip.DEPENDENCY, 0.1)) {
      // This step or a later one, which may close a cycle.
      String later = stepNames.get(dice.between(index, stepNames.size()));
      dependsOn.add(later);
      if (dice.chance(0.7)) {
        parameters.add(dependencyParameter(later, parameters));
      }
    }
    if (mistake(Slip.DEPENDENCY, 0.08)) {
      dependsOn.add(dice.pick(stepNames) + "x");
    }
    if (mistake(Slip.DEPENDENCY, 0.05)) {
      // A parameter that reads a step outside dependsOn.
      parameters.add(dependencyParameter(dice.pick(stepNames), parameters));
    }
  }

  private String dependencyParameter(String dependency, List<String> parameters) {
    String output = outputTypes.get(dependency);
    String declared = output.equals("void") ? "java.lang.Object" : output;
    if (absentOutputs.get(dependency) && !mistake(Slip.DEPENDENCY, 0.3)) {
      declared = (dice.chance(0.7) ? "java.util.Optional<" : "dev.braid.runtime.StepOutcome<")
          + boxed(declared) + ">";
    } else {
      double form = dice.fraction();
      if (form < 0.1) {
        declared = "java.util.Optional<" + boxed(declared) + ">";
      } else if (form < 0.15) {
        declared = "dev.braid.runtime.StepOutcome<" + boxed(declared) + ">";
      } else if (form < 0.2) {
        declared = boxed(declared);
      } else if (mistake(Slip.DEPENDENCY, 0.15)) {
        declared = dice.pick(STORABLE_TYPES);
      }
    }
    boolean named = isIdentifier(dependency) && dice.chance(0.7)
        && uniqueParameter(dependency, parameters).equals(dependency);
    return named
        ? declared + " " + dependency
        : "@dev.braid.From(\"" + dependency + "\") " + declared + " dep" + parameters.size();
  }

  private void inputs(List<String> parameters) {
    int slots = parameters.size() + 2;
    boolean wide = dice.chance(0.03);
    int count = wide ? dice.between(120, 254) : dice.between(0, 4);
    for (int i = 0; i < count && slots < 254; i++) {
      String name = wide ? "w" + i
          : dice.chance(0.85) ? dice.pick(INPUT_NAMES) : dice.pick(ODD_INPUT_NAMES);
      String type = wide ? (dice.chance(0.1) ? "long" : "java.lang.String")
          : inputTypes.computeIfAbsent(name, n -> valueType(0.8));
      if (!wide && mistake(Slip.INPUT, 0.05)) {
        type = dice.pick(STORABLE_TYPES);
      }
      if (!wide && mistake(Slip.PRIVATE_TYPE, 0.04)) {
        type = "Secret";
        secret = true;
      }
      slots += type.equals("long") || type.equals("double") ? 2 : 1;
      boolean named = isIdentifier(name) && dice.chance(0.6)
          && uniqueParameter(name, parameters).equals(name);
      parameters.add(named
          ? "@dev.braid.Input " + type + " " + name
          : "@dev.braid.Input(\"" + name + "\") " + type + " in" + parameters.size());
      allInputs.putIfAbsent(name, type);
    }
  }

  private void settings(List<String> attributes, int index, int count) {
    if (dice.chance(0.05)) {
      attributes.add("timeout = \"" + duration() + "\"");
    }
    if (dice.chance(0.05)) {
      attributes.add(
          "retries = " + (mistake(Slip.SETTING, 0.5) ? -2 : dice.between(-1, 3)));
    }
    if (dice.chance(0.03)) {
      attributes.add("retryDelay = \"" + duration() + "\"");
    }
    if (dice.chance(0.03)) {
      attributes.add((dice.chance(0.5) ? "costBudget" : "tokenBudget") + " = "
          + (mistake(Slip.SETTING, 0.5) ? -2 : dice.between(0, 100)));
    }
    if (dice.chance(0.03)) {
      attributes.add("retryOn = {java.io.IOException.class}");
      if (mistake(Slip.SETTING, 0.5)) {
        attributes.add("abortOn = {java.io.IOException.class}");
      }
    }
    boolean last = index == count - 1;
    if (mayBeAbsent.get(index)) {
      if (dice.chance(0.5)) {
        attributes.add("optional = true");
      } else {
        attributes.add("when = \"" + condition() + "\"");
      }
    } else if (mistake(Slip.OUTPUT, 0.05)) {
      attributes.add(dice.chance(0.5) ? "optional = true" : "when = \"" + condition() + "\"");
    }
    if (last ? !mistake(Slip.OUTPUT, 0.2) : mistake(Slip.OUTPUT, 0.04)) {
      attributes.add("output = true");
    }
  }

  /** The name a {@code when} gives: a condition method written here, or a mistake. */
  private String condition() {
    if (mistake(Slip.CONDITION, 0.15)) {
      return dice.chance(0.5) ? "nothing" : dice.pick(stepNames);
    }
    String name = "cond" + conditions++;
    String modifiers = mistake(Slip.CONDITION, 0.1) ? dice.pick(List.of("private ", "<C> "))
        : dice.chance(0.1) ? "static " : "";
    String parameter = "";
    if (dice.chance(0.3)) {
      String type = inputTypes.computeIfAbsent("text", n -> "java.lang.String");
      allInputs.putIfAbsent("text", type);
      parameter = "@dev.braid.Input " + type + " text";
    }
    String thrown = mistake(Slip.THROWS, 0.1) ? " throws java.lang.Throwable"
        : dice.chance(0.1) ? " throws java.lang.Exception" : "";
    String returned = mistake(Slip.CONDITION, 0.1) ? "int"
        : dice.chance(0.8) ? "boolean" : "java.lang.Boolean";
    members.append("  ").append(modifiers).append(returned).append(' ').append(name)
        .append('(').append(parameter).append(')').append(thrown).append(" { return ")
        .append(returned.equals("int") ? "0" : "true").append("; }\n");
    methodNames.add(name);
    return name;
  }

  private String outputType() {
    if (dice.chance(0.08)) {
      return "void";
    }
    if (mistake(Slip.PRIVATE_TYPE, 0.05)) {
      secret = true;
      return dice.chance(0.5) ? "Secret" : "java.util.List<Secret>";
    }
    return valueType(0.5);
  }

  /** {@code String} with probability {@code plain}, else another type this pipeline may use. */
  private String valueType(double plain) {
    if (dice.chance(plain)) {
      return "java.lang.String";
    }
    if (!userTypes.isEmpty() && dice.chance(0.2)) {
      return dice.pick(userTypes);
    }
    return durable && !mistake(Slip.TYPE, 0.3) ? dice.pick(STORABLE_TYPES)
        : dice.pick(dice.chance(0.7) ? STORABLE_TYPES : OTHER_TYPES);
  }

  private String duration() {
    return mistake(Slip.SETTING, 0.5) ? dice.pick(BAD_DURATIONS) : dice.pick(GOOD_DURATIONS);
  }

  /**
   * Whether to make a mistake of kind {@code slip} here: with {@code probability} if this writer
   * makes every kind, four times as often if it makes only this one.
   */
  private boolean mistake(Slip slip, double probability) {
    return slips.contains(slip)
        && dice.chance(slips.size() == 1 ? Math.min(1, 4 * probability) : probability);
  }

  private String uniqueMethodName() {
    String name = dice.pick(METHOD_NAMES);
    while (!methodNames.add(name)) {
      name = name + methodNames.size();
    }
    return name;
  }

  private static String uniqueParameter(String name, List<String> parameters) {
    return parameters.stream().anyMatch(p -> p.endsWith(" " + name))
        ? name + parameters.size()
        : name;
  }

  private static String defaultValue(String type) {
    return switch (type) {
      case "int", "long", "double", "char", "byte" -> "(" + type + ") 0";
      case "boolean" -> "false";
      default -> "null";
    };
  }

  private static String boxed(String type) {
    return switch (type) {
      case "int" -> "java.lang.Integer";
      case "long" -> "java.lang.Long";
      case "double" -> "java.lang.Double";
      case "boolean" -> "java.lang.Boolean";
      case "char" -> "java.lang.Character";
      case "byte" -> "java.lang.Byte";
      default -> type;
    };
  }

  private static boolean isIdentifier(String name) {
    return SourceVersion.isName(name) && !name.contains(".");
  }
}
