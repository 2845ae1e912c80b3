package dev.braid.processor.model;

import javax.lang.model.element.VariableElement;
import javax.lang.model.type.TypeMirror;

/**
 * One parameter of a step method and what it is bound to.
 *
 * @param element the parameter, where diagnostics about its binding point
 * @param name the parameter's name in source
 * @param type the parameter's declared type
 * @param nullness whether the parameter accepts null, as declared
 * @param binding where its value comes from
 */
public record ParameterModel(
    VariableElement element,
    String name,
    TypeMirror type,
    Nullness nullness,
    ParameterBinding binding) {}
