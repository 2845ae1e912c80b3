package dev.braid.processor.model;

import java.util.Optional;
import javax.lang.model.element.AnnotationValue;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.DeclaredType;
import javax.lang.model.type.TypeMirror;
import org.jspecify.annotations.Nullable;

/**
 * One class a {@code @Router} names in {@code routes} or as its {@code fallback}, and the pipeline
 * it is, if it is one.
 *
 * @param type the class as written; may be any type a class literal can name
 * @param written the class literal in the annotation, where diagnostics about it point
 * @param pipeline the model of the {@code @Pipeline} class, or null when it is no pipeline
 */
public record RouteTarget(TypeMirror type, AnnotationValue written, @Nullable PipelineModel pipeline) {

  /** The class, if the literal names a class or interface. */
  public Optional<TypeElement> element() {
    return type instanceof DeclaredType declared && declared.asElement() instanceof TypeElement e
        ? Optional.of(e)
        : Optional.empty();
  }

  /** Whether this and {@code other} name the same class. */
  public boolean sameClass(RouteTarget other) {
    return type.toString().equals(other.type.toString());
  }

  /**
   * What the pipeline hands back: the output step's output, if this is a pipeline whose output
   * step can be told; empty otherwise, which the pipeline's own rules report.
   */
  public Optional<StepOutput> output() {
    return pipeline != null && OutputSelection.of(pipeline) instanceof OutputSelection.Selected s
        ? Optional.of(pipeline.steps().get(s.step()).output())
        : Optional.empty();
  }
}
