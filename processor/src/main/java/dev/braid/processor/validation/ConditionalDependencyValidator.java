package dev.braid.processor.validation;

import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.PipelineModel.DependencyRead;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Types;

/**
 * A parameter that reads a conditional step, of a step or of a condition method, must say what it
 * does when that step was skipped, by taking {@code Optional<T>} or {@code StepOutcome<T>} rather
 * than the bare value. The counterpart of {@link OptionalDependencyValidator}, which reports a
 * source that is optional as well, so that one parameter gets one message; reads of {@code void}
 * steps are left to {@link VoidDependencyValidator}.
 */
final class ConditionalDependencyValidator implements Validator {
  private final Types types;

  ConditionalDependencyValidator(Types types) {
    this.types = types;
  }

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    List<Finding> findings = new ArrayList<>();
    for (DependencyRead read : pipeline.dependencyReads()) {
      if (read.source().isConditional()
          && !read.source().isOptional()
          && !read.source().output().isVoid()
          && !read.form().wrapped()
          && read.parameter().type().getKind() != TypeKind.ERROR) {
        String value = TypeFormatter.format(Boxing.box(types, read.source().output().type()));
        findings.add(Finding.on(read.parameter().element(), "[Braid/ConditionalDependency] "
            + Prose.parameter(read.reader(), read.parameter()) + " has type "
            + TypeFormatter.format(read.parameter().type()) + ", but step "
            + read.source().name() + " runs only when "
            + Prose.quote(read.source().when().value())
            + " and has no value when it is skipped; declare the parameter as Optional<" + value
            + "> or StepOutcome<" + value + ">."));
      }
    }
    return findings;
  }
}
