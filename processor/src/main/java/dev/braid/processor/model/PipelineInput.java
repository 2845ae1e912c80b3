package dev.braid.processor.model;

import javax.lang.model.type.TypeMirror;

/**
 * One distinct pipeline input, as it first appears in the class: one parameter of the generated
 * {@code execute(...)}.
 *
 * @param name the input's name
 * @param type the type of its first parameter; others must agree
 * @param firstStep the step whose parameter declared it first
 * @param firstParameter that parameter
 */
public record PipelineInput(
    String name, TypeMirror type, StepModel firstStep, ParameterModel firstParameter) {}
