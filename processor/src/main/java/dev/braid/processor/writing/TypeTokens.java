package dev.braid.processor.writing;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.TypeName;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;

/**
 * Writes a declared type as an expression of {@code java.lang.reflect.Type}, so that the full type,
 * type arguments included, is known at run time: a class literal where one can express it, boxed
 * for a primitive ({@code Integer.class} for {@code int}), else an anonymous subclass of the
 * runtime's {@code TypeLiteral}, whose generic superclass keeps the type through erasure.
 */
final class TypeTokens {
  private TypeTokens() {}

  /**
   * {@code Entities.class}, {@code Integer.class}, {@code int[].class}, or {@code new
   * TypeLiteral<List<Article>>() {}.type()}.
   */
  static CodeBlock of(TypeMirror type) {
    return isClass(type)
        ? CodeBlock.of("$T.class", literal(type).box())
        : CodeBlock.of("new $T<$T>() {}.type()", RuntimeTypes.TYPE_LITERAL, TypeName.get(type));
  }

  /**
   * Whether a class literal expresses {@code type} in full: a primitive, or a class or array of
   * them without type arguments, its enclosing classes' included. A cast to such a type is
   * checked.
   */
  static boolean isClass(TypeMirror type) {
    return switch (type) {
      case ArrayType array -> isClass(array.getComponentType());
      case DeclaredType declared -> declared.getKind() == TypeKind.DECLARED
          && declared.getTypeArguments().isEmpty()
          && (declared.getEnclosingType().getKind() == TypeKind.NONE
              || isClass(declared.getEnclosingType()));
      default -> type.getKind().isPrimitive();
    };
  }

  /** The type as a class literal writes it: no type annotations, primitives as they are. */
  private static TypeName literal(TypeMirror type) {
    return switch (type) {
      case ArrayType array -> ArrayTypeName.of(literal(array.getComponentType()));
      case DeclaredType declared -> ClassName.get((TypeElement) declared.asElement());
      default -> TypeName.get(type).withoutAnnotations();
    };
  }
}
