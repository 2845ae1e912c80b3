package dev.braid.processor.validation;

import java.util.stream.Collectors;
import javax.lang.model.element.Element;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.TypeVariable;
import javax.lang.model.type.WildcardType;

/**
 * Renders types the way a reader wrote them, {@code List<Article>} rather than {@code
 * java.util.List<com.acme.Article>}, so messages stay short. Recurses only into type arguments,
 * whose nesting is as shallow as the source.
 */
final class TypeFormatter {
  private TypeFormatter() {}

  static String format(TypeMirror type) {
    if (type.getKind() == TypeKind.ERROR) {
      return type.toString();
    }
    return switch (type) {
      case DeclaredType declared -> declared(declared);
      case ArrayType array -> format(array.getComponentType()) + "[]";
      case WildcardType wildcard -> wildcard(wildcard);
      case TypeVariable variable -> variable.asElement().getSimpleName().toString();
      default -> type.toString();
    };
  }

  private static String declared(DeclaredType type) {
    StringBuilder name = new StringBuilder(type.asElement().getSimpleName());
    for (Element outer = type.asElement().getEnclosingElement();
        outer instanceof TypeElement enclosing;
        outer = enclosing.getEnclosingElement()) {
      name.insert(0, enclosing.getSimpleName() + ".");
    }
    if (!type.getTypeArguments().isEmpty()) {
      name.append(type.getTypeArguments().stream()
          .map(TypeFormatter::format)
          .collect(Collectors.joining(", ", "<", ">")));
    }
    return name.toString();
  }

  private static String wildcard(WildcardType wildcard) {
    if (wildcard.getExtendsBound() != null) {
      return "? extends " + format(wildcard.getExtendsBound());
    }
    if (wildcard.getSuperBound() != null) {
      return "? super " + format(wildcard.getSuperBound());
    }
    return "?";
  }
}
