package dev.braid.processor.model;

import javax.lang.model.type.TypeMirror;

/**
 * One distinct pipeline input, as it first appears in the class: one parameter of the generated
 * {@code execute(...)}.
 *
 * @param name the input's name
 * @param type the type of its first parameter; others must agree
 * @param firstReader the step or condition method whose parameter declared it first
 * @param firstParameter that parameter
 */
public record PipelineInput(
    String name, TypeMirror type, BoundMethod firstReader, ParameterModel firstParameter) {}
