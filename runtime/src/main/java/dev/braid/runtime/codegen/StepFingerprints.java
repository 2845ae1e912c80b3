package dev.braid.runtime.codegen;

import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The fingerprint of each step of a pipeline and the version they add up to, which tell a durable
 * worker whether a checkpoint written by another build of the pipeline still fits the step: a
 * checkpoint whose fingerprint differs from the step's is not reused, and the step runs again.
 *
 * <p>A fingerprint is the first {@value #HEX_DIGITS} hex digits of the SHA-256 of a canonical
 * text, one line per part:
 *
 * <pre>
 * step &lt;name&gt;
 * dependsOn &lt;dependency names, comma-separated, sorted&gt;
 * parameters &lt;the step method's parameter types, in order&gt;
 * output &lt;the type its output is stored as&gt;
 * inputs &lt;name:type of each pipeline input, in order&gt;
 * </pre>
 *
 * <p>Types are written fully qualified with their type arguments and without annotations, nested
 * classes with {@code $}, as {@link Type#getTypeName()} writes them. The processor writes the
 * fingerprints of a {@code @Pipeline(durable = true)} class into its executor; a plan written by
 * hand gets them from {@link #compute}, whose {@code parameters} line is empty since a hand-written
 * step declares none. Immutable.
 */
public final class StepFingerprints {
  /** Hex digits kept of a SHA-256: 64 bits, far beyond any pipeline's number of builds. */
  public static final int HEX_DIGITS = 16;

  private StepFingerprints() {}

  /** The fingerprint of a canonical text: the first {@value #HEX_DIGITS} hex digits of its hash. */
  public static String hash(String canonical) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HEX_DIGITS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }

  /**
   * The fingerprints of a generated executor, written as comma-separated chunks so that no string
   * constant nears the class file's limit; in plan order.
   */
  public static List<String> split(String... chunks) {
    List<String> fingerprints = new ArrayList<>();
    for (String chunk : chunks) {
      fingerprints.addAll(Arrays.asList(chunk.split(",")));
    }
    return List.copyOf(fingerprints);
  }

  /** The fingerprints of a plan written by hand, from its declared types; in plan order. */
  public static List<String> compute(PipelinePlan plan, List<? extends Type> inputTypes,
      List<? extends Type> stepTypes) {
    List<String> inputs = new ArrayList<>();
    for (int i = 0; i < plan.inputs().size(); i++) {
      inputs.add(plan.inputs().get(i) + ":" + inputTypes.get(i).getTypeName());
    }
    List<String> fingerprints = new ArrayList<>();
    for (StepPlan step : plan.steps()) {
      List<String> dependencies = Arrays.stream(step.dependencyIndexes())
          .mapToObj(index -> plan.steps().get(index).name())
          .toList();
      fingerprints.add(hash(canonical(step.name(), dependencies, List.of(),
          stepTypes.get(step.index()).getTypeName(), inputs)));
    }
    return List.copyOf(fingerprints);
  }

  /**
   * The canonical text of one step, as documented above; the processor writes the same text.
   *
   * @param inputs {@code name:type} of each pipeline input, in order
   */
  public static String canonical(String step, List<String> dependencies, List<String> parameters,
      String output, List<String> inputs) {
    return "step " + step
        + "\ndependsOn " + dependencies.stream().sorted().distinct()
            .collect(Collectors.joining(","))
        + "\nparameters " + String.join(",", parameters)
        + "\noutput " + output
        + "\ninputs " + String.join(",", inputs) + "\n";
  }

  /**
   * The version of a pipeline: the first {@value #HEX_DIGITS} hex digits of the SHA-256 of its
   * name and its steps' fingerprints in plan order. Two builds whose steps have the same
   * fingerprints have the same version.
   */
  public static String version(String pipeline, List<String> fingerprints) {
    return hash("pipeline " + pipeline + "\n" + String.join("\n", fingerprints) + "\n");
  }
}
