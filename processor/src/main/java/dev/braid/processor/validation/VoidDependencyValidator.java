package dev.braid.processor.validation;

import dev.braid.processor.model.PipelineModel;
import dev.braid.processor.model.PipelineModel.DependencyRead;
import java.util.ArrayList;
import java.util.List;

/** A {@code void} step has no output, so a parameter cannot read it; it can only be waited for. */
final class VoidDependencyValidator implements Validator {

  @Override
  public List<Finding> validate(PipelineModel pipeline) {
    List<Finding> findings = new ArrayList<>();
    for (DependencyRead read : pipeline.dependencyReads()) {
      if (read.source().output().isVoid()) {
        findings.add(Finding.on(read.parameter().element(), "[Braid/VoidDependency] "
            + Prose.parameter(read.reader(), read.parameter()) + " reads step "
            + read.source().name()
            + ", which returns void; remove the parameter and keep "
            + Prose.quote(read.source().name()) + " in dependsOn to run after it."));
      }
    }
    return findings;
  }
}
