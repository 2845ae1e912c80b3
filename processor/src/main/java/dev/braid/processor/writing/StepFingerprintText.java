package dev.braid.processor.writing;

import dev.braid.processor.model.ParameterModel;
import dev.braid.processor.model.PipelineInput;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.StepModel;
import dev.braid.processor.model.StepOutput;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * Computes the fingerprint of each step of a durable pipeline, the hash of the canonical text that
 * the runtime's {@code StepFingerprints} documents: the step's name, its dependencies, its
 * parameter types, the type its output is stored as, and the pipeline's inputs. Types are written
 * as {@code java.lang.reflect.Type#getTypeName()} would: fully qualified, nested classes with
 * {@code $}, without annotations, so that a nullness annotation added to a type changes nothing.
 */
final class StepFingerprintText {
  private static final int HEX_DIGITS = 16;

  private StepFingerprintText() {}

  /** The fingerprint of every step, in plan order. */
  static List<String> fingerprints(PipelineModel pipeline) {
    List<String> inputs = pipeline.inputs().stream()
        .map(StepFingerprintText::input)
        .toList();
    return pipeline.steps().stream()
        .map(step -> hash(canonical(pipeline, step, inputs)))
        .toList();
  }

  static String canonical(PipelineModel pipeline, StepModel step, List<String> inputs) {
    String dependencies = pipeline.graph().dependencies(step.index()).stream()
        .map(index -> pipeline.steps().get(index).name())
        .sorted()
        .distinct()
        .collect(Collectors.joining(","));
    String parameters = step.parameters().stream()
        .map(ParameterModel::type)
        .map(StepFingerprintText::name)
        .collect(Collectors.joining(","));
    return "step " + step.name()
        + "\ndependsOn " + dependencies
        + "\nparameters " + parameters
        + "\noutput " + output(step.output())
        + "\ninputs " + String.join(",", inputs) + "\n";
  }

  private static String input(PipelineInput input) {
    return input.name() + ":" + stored(input.type());
  }

  /** The type a step's output is stored as, which {@link DurableMethods} declares for it. */
  private static String output(StepOutput output) {
    return output.isVoid() ? "java.lang.Void" : stored(output.type());
  }

  /** A type as a value of it is stored: boxed if primitive, as the types of a definition are. */
  private static String stored(TypeMirror type) {
    return type instanceof PrimitiveType primitive ? box(primitive) : name(type);
  }

  private static String box(PrimitiveType primitive) {
    return switch (primitive.getKind()) {
      case INT -> "java.lang.Integer";
      case CHAR -> "java.lang.Character";
      default -> {
        String kind = primitive.getKind().name().toLowerCase(java.util.Locale.ROOT);
        yield "java.lang." + Character.toUpperCase(kind.charAt(0)) + kind.substring(1);
      }
    };
  }

  /** {@code java.util.List<com.acme.Outer$Inner>}: no annotations, binary names of classes. */
  static String name(TypeMirror type) {
    return switch (type) {
      case DeclaredType declared -> declared(declared);
      case ArrayType array -> name(array.getComponentType()) + "[]";
      case WildcardType wildcard -> wildcard.getExtendsBound() != null
          ? "? extends " + name(wildcard.getExtendsBound())
          : wildcard.getSuperBound() != null ? "? super " + name(wildcard.getSuperBound()) : "?";
      case TypeVariable variable -> variable.asElement().getSimpleName().toString();
      default -> type.getKind() == TypeKind.VOID ? "void"
          : type.getKind().name().toLowerCase(java.util.Locale.ROOT);
    };
  }

  private static String declared(DeclaredType type) {
    StringBuilder name = new StringBuilder(binaryName((TypeElement) type.asElement()));
    if (!type.getTypeArguments().isEmpty()) {
      name.append(type.getTypeArguments().stream()
          .map(StepFingerprintText::name)
          .collect(Collectors.joining(", ", "<", ">")));
    }
    return name.toString();
  }

  private static String binaryName(TypeElement element) {
    Element outer = element.getEnclosingElement();
    return outer instanceof TypeElement enclosing
        ? binaryName(enclosing) + "$" + element.getSimpleName()
        : element.getQualifiedName().toString();
  }

  private static String hash(String canonical) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(canonical.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest).substring(0, HEX_DIGITS);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("Every Java platform has SHA-256", e);
    }
  }
}
