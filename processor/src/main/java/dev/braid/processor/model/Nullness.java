package dev.braid.processor.model;

/**
 * Whether a step's output, a parameter or an input may be null, as its declaration says. Kotlin's
 * {@code T?} and {@code T} reach the processor as {@code @Nullable} and {@code @NotNull} on kapt's
 * stubs, so Kotlin code is always {@link #NULLABLE} or {@link #NON_NULL}; plain Java is {@link
 * #UNKNOWN}, which the processor treats as it always has: non-null in generated signatures, and
 * never an error.
 */
public enum Nullness {
  /** Declared nullable: {@code @Nullable} on the declaration or its type. */
  NULLABLE,
  /**
   * Declared non-null: {@code @NonNull}, {@code @NotNull} or {@code @Nonnull}, a primitive type, or
   * an unannotated type in {@code @NullMarked} code.
   */
  NON_NULL,
  /** Not declared either way: unannotated Java outside {@code @NullMarked} code. */
  UNKNOWN;

  public boolean isNullable() {
    return this == NULLABLE;
  }

  /**
   * The stricter of this and {@code other}, which is what a value handed to two parameters may be:
   * nullable only if both are, non-null if either says so.
   */
  public Nullness stricter(Nullness other) {
    if (this == NON_NULL || other == NON_NULL) {
      return NON_NULL;
    }
    return this == other ? this : UNKNOWN;
  }
}
