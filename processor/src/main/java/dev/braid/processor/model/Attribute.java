package dev.braid.processor.model;

import javax.lang.model.element.AnnotationValue;
import org.jspecify.annotations.Nullable;

/**
 * One attribute of {@code @Pipeline} or {@code @Step}: its value (the default when not written) and,
 * when the user wrote it, the value's source so that a diagnostic can point at it.
 *
 * @param value the attribute's value
 * @param written the annotation value as written, or null when the default applies
 */
public record Attribute<T>(T value, @Nullable AnnotationValue written) {}
