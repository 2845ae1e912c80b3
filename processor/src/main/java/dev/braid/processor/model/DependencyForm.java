package dev.braid.processor.model;

import java.util.List;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;
import org.jspecify.annotations.Nullable;

/**
 * How a parameter receives the output of the step it reads: the value itself, or the value wrapped
 * in {@code Optional<X>} or {@code StepOutcome<X>}, which can also stand for an optional step that
 * failed. A parameter is a wrapper when its type nests {@code Optional} (or {@code StepOutcome})
 * one level deeper than the step's output does, so that a step returning {@code Optional<Profile>}
 * is still read as is by a parameter of that same type.
 *
 * @param kind whether and how the output is wrapped
 * @param argument the wrapper's type argument when written as a type ({@code Profile} in {@code
 *     Optional<Profile>}), which generated code reads the output as; null for a value read, a
 *     wildcard or a raw wrapper, where generated code reads the step's own boxed output type
 */
public record DependencyForm(Kind kind, @Nullable TypeMirror argument) {

  /** Whether and how a parameter wraps the output it reads. */
  public enum Kind {
    /** The parameter receives the output itself. */
    VALUE(""),
    /** {@code Optional<X>}: empty when the step failed or returned null. */
    OPTIONAL(BraidNames.OPTIONAL),
    /** {@code StepOutcome<X>}: the output, or the failure that left the step without one. */
    OUTCOME(BraidNames.STEP_OUTCOME);

    private final String wrapper;

    Kind(String wrapper) {
      this.wrapper = wrapper;
    }

    /** The wrapper's qualified name; empty for {@link #VALUE}. */
    public String wrapper() {
      return wrapper;
    }
  }

  /** Whether the parameter wraps the output in {@code Optional} or {@code StepOutcome}. */
  public boolean wrapped() {
    return kind != Kind.VALUE;
  }

  /** How a parameter of type {@code parameter} reads a step that returns {@code output}. */
  public static DependencyForm of(TypeMirror parameter, StepOutput output) {
    for (Kind kind : List.of(Kind.OPTIONAL, Kind.OUTCOME)) {
      if (depth(parameter, kind.wrapper()) > depth(output.type(), kind.wrapper())) {
        return new DependencyForm(kind, argument((DeclaredType) parameter));
      }
    }
    return new DependencyForm(Kind.VALUE, null);
  }

  /** How often {@code wrapper} nests at the top of {@code type}, through {@code ? extends}. */
  private static int depth(TypeMirror type, String wrapper) {
    int depth = 0;
    @Nullable TypeMirror current = type;
    while (current != null && BraidNames.isType(current, wrapper)) {
      depth++;
      List<? extends TypeMirror> arguments = ((DeclaredType) current).getTypeArguments();
      current = arguments.isEmpty() ? null : arguments.getFirst();
      if (current instanceof WildcardType wildcard) {
        current = wildcard.getExtendsBound();
      }
    }
    return depth;
  }

  private static @Nullable TypeMirror argument(DeclaredType wrapper) {
    List<? extends TypeMirror> arguments = wrapper.getTypeArguments();
    return arguments.isEmpty() || arguments.getFirst().getKind() == TypeKind.WILDCARD
        ? null
        : arguments.getFirst();
  }
}
