package dev.braid.processor.model;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import javax.lang.model.type.ArrayType;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.type.WildcardType;

/**
 * Every type a type mentions: itself, its type arguments, array components and wildcard bounds, at
 * any depth, left to right. Iterative, so deeply nested generics cannot overflow the stack.
 */
public final class TypeParts {
  private TypeParts() {}

  public static List<TypeMirror> of(TypeMirror root) {
    List<TypeMirror> parts = new ArrayList<>();
    Deque<TypeMirror> pending = new ArrayDeque<>();
    pending.push(root);
    while (!pending.isEmpty()) {
      TypeMirror type = pending.pop();
      parts.add(type);
      if (type instanceof DeclaredType declared) {
        declared.getTypeArguments().reversed().forEach(pending::push);
      } else if (type instanceof ArrayType array) {
        pending.push(array.getComponentType());
      } else if (type instanceof WildcardType wildcard) {
        if (wildcard.getSuperBound() != null) {
          pending.push(wildcard.getSuperBound());
        }
        if (wildcard.getExtendsBound() != null) {
          pending.push(wildcard.getExtendsBound());
        }
      }
    }
    return parts;
  }
}
