package dev.braid.processor.validation;

import dev.braid.processor.model.Nullness;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.PipelineModel.DependencyRead;
import dev.braid.processor.model.StepModel;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * A parameter declared non-null, of a step or a condition method, must not read a step declared to
 * return null: Kotlin checks its non-null parameters when the step is called, and a primitive
 * cannot hold null, so the run would fail. Only explicit nullness counts, Kotlin's or annotations',
 * so that unannotated Java compiles as before. Optional and conditional sources, whose bare reads
 * other rules report, and {@code void} ones are left out, so that a parameter gets one message.
 */
final class NullableDependencyValidator implements Validator {
  /** What Kotlin calls the Java types a reader is most likely to write differently. */
  private static final Map<String, String> KOTLIN_NAMES = Map.of(
      "java.lang.Object", "Any",
      "java.lang.Integer", "Int",
      "java.lang.Character", "Char");

  private final Types types;

  NullableDependencyValidator(Types types) {
    this.types = types;
  }

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    List<Finding> findings = new ArrayList<>();
    for (DependencyRead read : pipeline.dependencyReads()) {
      StepModel source = read.source();
      TypeMirror type = read.parameter().type();
      if (source.output().isNullable()
          && !source.output().isVoid()
          && !source.isOptional()
          && !source.isConditional()
          && !read.form().wrapped()
          && read.parameter().nullness() == Nullness.NON_NULL
          && type.getKind() != TypeKind.ERROR) {
        TypeMirror boxed = Boxing.box(types, type);
        String java = type instanceof PrimitiveType
            ? "@Nullable " + TypeFormatter.format(boxed)
            : "@Nullable";
        findings.add(Finding.on(read.parameter().element(), "[Braid/NullableDependency] "
            + Prose.parameter(read.reader(), read.parameter()) + " cannot be null, but step "
            + source.name() + " may return null; declare the parameter nullable ("
            + kotlin(boxed) + "? in Kotlin, " + java + " in Java) or read it as Optional<"
            + TypeFormatter.format(Boxing.box(types, source.output().type())) + ">."));
      }
    }
    return findings;
  }

  /** {@code type} as Kotlin code writes it, where its name differs from Java's. */
  private static String kotlin(TypeMirror type) {
    if (type instanceof DeclaredType declared
        && declared.asElement() instanceof TypeElement element) {
      String name = KOTLIN_NAMES.get(element.getQualifiedName().toString());
      if (name != null) {
        return name;
      }
    }
    return TypeFormatter.format(type);
  }
}
