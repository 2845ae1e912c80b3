package dev.braid.processor.validation;

import dev.braid.processor.model.AnnotationMirrors;
import dev.braid.processor.model.BraidNames;
import dev.braid.processor.model.PipelineModelFactory;
import java.util.List;
import javax.lang.model.element.Element;

/**
 * A {@code @Step} method outside a {@code @Pipeline} class belongs to no pipeline and would be
 * silently ignored; it is reported instead. Unlike the other rules it looks at single methods,
 * because such a method has no pipeline model.
 */
public final class StepOutsidePipelineValidator {

  /** The finding on {@code method}, annotated {@code @Step}, if its class is not a pipeline. */
  public List<Finding> validate(Element method) {
    Element owner = method.getEnclosingElement();
    if (PipelineModelFactory.isPipeline(owner)) {
      return List.of();
    }
    String message = "[Braid/StepOutsidePipeline] @Step method " + method.getSimpleName()
        + " is in " + owner.getSimpleName() + ", which is not a @Pipeline class; annotate "
        + owner.getSimpleName() + " with @Pipeline or move the method into a pipeline class.";
    return List.of(AnnotationMirrors.find(method, BraidNames.STEP)
        .map(step -> Finding.on(method, step, message))
        .orElseGet(() -> Finding.on(method, message)));
  }
}
