package dev.braid.processor.model;

import javax.lang.model.element.AnnotationValue;

/**
 * One entry of {@code @Step(dependsOn = ...)}, with the array element it came from so that a
 * diagnostic about a missing step or a cycle points at that exact entry.
 */
public record DependencyName(String name, AnnotationValue written) {}
