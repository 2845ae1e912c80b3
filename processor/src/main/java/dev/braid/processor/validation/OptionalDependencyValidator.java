package dev.braid.processor.validation;

import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.PipelineModel.DependencyRead;
import java.util.ArrayList;
import java.util.List;
import javax.lang.model.type.TypeKind;
import javax.lang.model.util.Types;

/**
 * A parameter, of a step or a condition method, that reads an optional step must say what it does
 * when that step failed, by taking {@code Optional<T>} or {@code StepOutcome<T>} rather than the
 * bare value, which the step may not have. Reads of {@code void} steps are left to {@link
 * VoidDependencyValidator}.
 */
final class OptionalDependencyValidator implements Validator {
  private final Types types;

  OptionalDependencyValidator(Types types) {
    this.types = types;
  }

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    List<Finding> findings = new ArrayList<>();
    for (DependencyRead read : pipeline.dependencyReads()) {
      if (read.source().isOptional()
          && !read.source().output().isVoid()
          && !read.form().wrapped()
          && read.parameter().type().getKind() != TypeKind.ERROR) {
        String value = TypeFormatter.format(Boxing.box(types, read.source().output().type()));
        findings.add(Finding.on(read.parameter().element(), "[Braid/OptionalDependency] "
            + Prose.parameter(read.reader(), read.parameter()) + " has type "
            + TypeFormatter.format(read.parameter().type()) + ", but step "
            + read.source().name() + " is optional and has no value when it fails; declare the "
            + "parameter as Optional<" + value + "> or StepOutcome<" + value + ">."));
      }
    }
    return findings;
  }
}
