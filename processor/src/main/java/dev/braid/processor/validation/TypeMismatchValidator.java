package dev.braid.processor.validation;

import dev.braid.processor.model.BoundMethod;
import dev.braid.processor.model.DependencyForm;
import dev.braid.processor.model.ParameterModel;
import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.PipelineModel.DependencyRead;
import dev.braid.processor.model.StepModel;
import dev.braid.processor.model.StepOutput;
import dev.braid.processor.model.TypeParts;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import javax.lang.model.util.Types;

/**
 * A parameter that reads a step must accept that step's output as an assignment would: the same
 * type, a supertype, or a boxing or unboxing of it. A parameter of type {@code Optional<X>} or
 * {@code StepOutcome<X>} must accept the step's boxed output as its {@code X}. Checked here so
 * that the mistake is reported on the parameter, not as an error inside generated code.
 */
final class TypeMismatchValidator implements Validator {
  private final Types types;

  TypeMismatchValidator(Types types) {
    this.types = types;
  }

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    List<Finding> findings = new ArrayList<>();
    for (DependencyRead read : pipeline.dependencyReads()) {
      StepOutput output = read.source().output();
      if (output.isVoid() || hasError(read.parameter().type()) || hasError(output.type())) {
        continue;
      }
      DependencyForm form = read.form();
      if (!(form.wrapped() ? acceptsWrapped(read.parameter(), form, output) : accepts(read))) {
        findings.add(Finding.on(read.parameter().element(),
            message(read.reader(), read.parameter(), read.source(), form)));
      }
    }
    return findings;
  }

  private boolean accepts(DependencyRead read) {
    return types.isAssignable(read.source().output().type(), read.parameter().type());
  }

  /**
   * Whether generated code can hand the parameter {@code Wrapper<T>}, where {@code T} is the
   * wrapper's written argument or, for a wildcard or raw wrapper, the step's boxed output.
   */
  private boolean acceptsWrapped(ParameterModel parameter, DependencyForm form, StepOutput output) {
    TypeMirror boxed = Boxing.box(types, output.type());
    TypeMirror read = form.argument() == null ? boxed : form.argument();
    if (!types.isAssignable(boxed, read)) {
      return false;
    }
    TypeElement wrapper = (TypeElement) ((DeclaredType) parameter.type()).asElement();
    return types.isAssignable(types.getDeclaredType(wrapper, read), parameter.type());
  }

  private static boolean hasError(TypeMirror type) {
    return TypeParts.of(type).stream().anyMatch(part -> part.getKind() == TypeKind.ERROR);
  }

  private String message(
      BoundMethod reader, ParameterModel parameter, StepModel source, DependencyForm form) {
    TypeMirror outputType = source.output().type();
    String output = TypeFormatter.format(outputType);
    String returns = switch (source.output().kind()) {
      case CONVERSATION ->
          TypeFormatter.format(source.method().getReturnType()) + " with data " + output;
      case MODEL_REQUEST ->
          TypeFormatter.format(source.method().getReturnType()) + ", whose model answers " + output;
      default -> output;
    };
    String fix;
    if (form.wrapped()) {
      String wrapper = ((DeclaredType) parameter.type()).asElement().getSimpleName().toString();
      fix = wrapper + "<" + TypeFormatter.format(Boxing.box(types, outputType)) + "> or "
          + wrapper + " of a supertype";
    } else {
      fix = output + " or a supertype";
    }
    return "[Braid/TypeMismatch] " + Prose.parameter(reader, parameter) + " has type "
        + TypeFormatter.format(parameter.type()) + ", but step " + source.name() + " returns "
        + returns + "; change the parameter's type to " + fix + ".";
  }
}
