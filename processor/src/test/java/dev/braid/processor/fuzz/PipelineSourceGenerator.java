package dev.braid.processor.fuzz;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Writes the sources of one case: a few {@code @Pipeline} classes, each in a file of its own,
 * top-level or nested up to two levels deep, with odd class names, in a named package or the
 * unnamed one, sometimes beside records named like types that generated code uses, nested classes
 * whose executor names differ only in their underscores, or a class that already has an
 * executor's name; and now and then a {@code @Router} over pipelines that return the same type.
 * {@link PipelineClassWriter} writes each pipeline. Every file compiles without the processor.
 * The same seed always writes the same sources; a named package starts with a name made from the
 * seed, so that cases compiled together cannot clash.
 */
final class PipelineSourceGenerator {
  private static final List<String> PACKAGES = List.of("", "fz", "fz.deep_er", "fz._x");
  /** Class names, odd ones included, none of a type the sources write by its simple name. */
  private static final List<String> CLASS_NAMES = List.of("Doc", "Flow", "A_B", "Q_A", "Q",
      "_X", "X_", "$Odd", "Ünï", "Steps", "Inputs", "Pipeline", "Executor", "Run", "Step",
      "PipelineResult", "RunOptions", "Objects", "List", "Type", "Override", "Plan", "Outer",
      "Inner", "T", "Engine", "String", "Object", "Exception", "Class", "Iterable", "Void",
      "DocExecutor", "Flow_");
  /** Names of user records beside the pipelines, named like types generated code uses. */
  private static final List<String> USER_TYPE_NAMES = List.of("Steps", "Inputs", "PipelineResult",
      "RunOptions", "StepContext", "List", "Objects", "Override", "Generated", "Singleton",
      "Nullable", "Duration", "Type", "String", "Object", "Integer", "Boolean", "Void",
      "Iterable", "Exception", "StepOutputs", "PipelinePlan", "BatchRun", "CompletableFuture",
      "Steps_", "Inputs_");

  private final Dice dice;
  private final List<GeneratedUnit> units = new ArrayList<>();
  private final Set<String> topLevelNames = new HashSet<>();
  private final List<String> userTypes = new ArrayList<>();
  private final List<RouteCandidate> candidates = new ArrayList<>();
  private final String packageName;

  private PipelineSourceGenerator(long seed) {
    this.dice = new Dice(seed);
    String pack = dice.pick(PACKAGES);
    this.packageName = pack.isEmpty() ? "" : "s" + Long.toUnsignedString(seed) + "." + pack;
  }

  /** The sources of the case {@code seed}: user types first, then one file per pipeline. */
  static List<GeneratedUnit> generate(long seed) {
    return new PipelineSourceGenerator(seed).generate();
  }

  /** Whether the case's sources are in the unnamed package, where no other case may join them. */
  static boolean inUnnamedPackage(List<GeneratedUnit> units) {
    return !units.getFirst().typeName().contains(".");
  }

  /** A pipeline a router in another file may route to. */
  private record RouteCandidate(String qualifiedName, PipelineClassWriter.Written pipeline) {}

  private List<GeneratedUnit> generate() {
    if (dice.chance(0.4)) {
      for (int i = dice.between(1, 4); i > 0; i--) {
        String name = dice.pick(USER_TYPE_NAMES);
        if (topLevelNames.add(name)) {
          userTypes.add(name);
          units.add(new GeneratedUnit(
              qualified(name), header() + "record " + name + "(int count) {}\n", null));
        }
      }
    }
    if (dice.chance(0.1)) {
      underscorePair();
    } else {
      for (int i = dice.between(1, 3); i > 0; i--) {
        pipelineFile();
      }
    }
    if (!candidates.isEmpty() && dice.chance(0.3)) {
      routerFile();
    }
    return units;
  }

  /** Two nested pipelines whose enclosing and simple names differ only in an underscore. */
  private void underscorePair() {
    String[][] shapes = {{"Q", "A_B"}, {"Q_A", "B"}};
    for (String[] shape : shapes) {
      if (topLevelNames.add(shape[0])) {
        String qualified = qualified(shape[0]) + "." + shape[1];
        units.add(new GeneratedUnit(qualified(shape[0]), header() + "class " + shape[0] + " {\n"
            + pipelineClass(qualified, shape[1], "static ") + "}\n", qualified));
      }
    }
  }

  private void pipelineFile() {
    String top = uniqueTopLevelName();
    int depth = dice.chance(0.7) ? 0 : dice.between(1, 3);
    List<String> names = new ArrayList<>(List.of(top));
    for (int i = 0; i < depth; i++) {
      names.add(dice.pick(CLASS_NAMES) + i);
    }
    StringBuilder source = new StringBuilder(header());
    for (int i = 0; i < depth; i++) {
      source.append(i == 0 ? "" : "static ").append("class ").append(names.get(i)).append(" {\n");
    }
    String modifiers = depth == 0 ? (dice.chance(0.5) ? "public " : "")
        : dice.chance(0.05) ? "" : dice.chance(0.03) ? "private static " : "static ";
    String qualified = qualified(String.join(".", names));
    source.append(pipelineClass(qualified, names.getLast(), modifiers))
        .append("}\n".repeat(depth));
    units.add(new GeneratedUnit(qualified(top), source.toString(), qualified));
    if (dice.chance(0.03)) {
      // A class of the user's that already has the executor's name.
      String executor = String.join("_", names.stream().map(n -> n.replace("_", "__")).toList())
          + "Executor";
      if (topLevelNames.add(executor)) {
        units.add(new GeneratedUnit(
            qualified(executor), header() + "class " + executor + " {}\n", null));
      }
    }
  }

  private String pipelineClass(String qualified, String name, String modifiers) {
    PipelineClassWriter.Written written =
        PipelineClassWriter.write(dice, name, modifiers, userTypes);
    if (!modifiers.contains("private") && !written.inputs().containsValue("Secret")) {
      candidates.add(new RouteCandidate(qualified, written));
    }
    return written.source();
  }

  /**
   * A {@code @Router} over pipelines of this case that return the same type, whose route method
   * takes every input of every route; or, now and then, one with a mistake.
   */
  private void routerFile() {
    RouteCandidate first = dice.pick(candidates);
    List<RouteCandidate> routes = new ArrayList<>(List.of(first));
    Map<String, String> inputs = new LinkedHashMap<>(first.pipeline().inputs());
    for (RouteCandidate other : candidates) {
      if (other != first && other.pipeline().outputType().equals(first.pipeline().outputType())
          && other.pipeline().inputs().entrySet().stream().allMatch(
              input -> inputs.getOrDefault(input.getKey(), input.getValue())
                  .equals(input.getValue()))) {
        routes.add(other);
        inputs.putAll(other.pipeline().inputs());
      }
    }
    int slots = inputs.values().stream()
        .mapToInt(type -> type.equals("long") || type.equals("double") ? 2 : 1)
        .sum();
    if (slots > 250) {
      return;  // More than a route method can take.
    }
    boolean careless = dice.chance(0.3);
    if (careless && !inputs.isEmpty() && dice.chance(0.5)) {
      inputs.remove(inputs.keySet().iterator().next());
    }
    String name = uniqueTopLevelName() + "Router";
    topLevelNames.add(name);
    List<String> literals = routes.stream().map(route -> route.qualifiedName() + ".class").toList();
    String routeList = careless && dice.chance(0.3)
        ? String.join(", ", literals) + ", " + literals.getFirst()
        : String.join(", ", literals);
    List<String> parameters = new ArrayList<>();
    for (Map.Entry<String, String> input : inputs.entrySet()) {
      parameters.add("@dev.braid.Input(\"" + input.getKey() + "\") " + input.getValue() + " in"
          + parameters.size());
    }
    String source = header() + "@dev.braid.Router(routes = {" + routeList + "}"
        + (dice.chance(0.3) ? ", fallback = " + dice.pick(literals) : "") + ")\n"
        + "class " + name + " {\n"
        + "  " + (careless && dice.chance(0.2) ? "" : "@dev.braid.Route ")
        + "java.lang.Class<?> route(" + String.join(", ", parameters) + ") {\n"
        + "    return " + literals.getFirst() + ";\n"
        + "  }\n"
        + "}\n";
    units.add(new GeneratedUnit(qualified(name), source, qualified(name),
        routes.stream().map(RouteCandidate::qualifiedName).toList()));
  }

  private String uniqueTopLevelName() {
    String name = dice.pick(CLASS_NAMES);
    while (!topLevelNames.add(name)) {
      name = name + topLevelNames.size();
    }
    return name;
  }

  private String header() {
    return packageName.isEmpty() ? "" : "package " + packageName + ";\n\n";
  }

  private String qualified(String name) {
    return packageName.isEmpty() ? name : packageName + "." + name;
  }
}
