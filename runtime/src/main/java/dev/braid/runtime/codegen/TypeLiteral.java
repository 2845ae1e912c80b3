package dev.braid.runtime.codegen;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Captures a generic type, such as {@code List<Article>}, that a class literal cannot express.
 * Generated code subclasses it anonymously, {@code new TypeLiteral<List<Article>>() {}.type()},
 * so that a step's full output type survives erasure and JSON can be read back into it.
 *
 * @param <T> the captured type
 */
public abstract class TypeLiteral<T> {
  private final Type type;

  /**
   * Reads {@code T} from the anonymous subclass's generic superclass.
   *
   * @throws IllegalStateException if the subclass does not name {@code T}
   */
  protected TypeLiteral() {
    if (!(getClass().getGenericSuperclass() instanceof ParameterizedType captured)) {
      throw new IllegalStateException(getClass().getName()
          + " must name its type argument, as in new TypeLiteral<List<String>>() {}");
    }
    this.type = captured.getActualTypeArguments()[0];
  }

  /** The captured type. */
  public final Type type() {
    return type;
  }

  @Override
  public String toString() {
    return type.getTypeName();
  }
}
