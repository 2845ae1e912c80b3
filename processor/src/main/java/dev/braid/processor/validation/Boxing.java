package dev.braid.processor.validation;

import javax.lang.model.type.PrimitiveType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/** Boxes primitive types, the form in which a step's output reaches an {@code Optional}. */
final class Boxing {
  private Boxing() {}

  /** {@code Integer} for {@code int}; any other type as it is. */
  static TypeMirror box(Types types, TypeMirror type) {
    return type instanceof PrimitiveType primitive
        ? types.boxedClass(primitive).asType()
        : type;
  }
}
