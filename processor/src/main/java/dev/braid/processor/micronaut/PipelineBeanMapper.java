package dev.braid.processor.micronaut;

import dev.braid.processor.model.BraidNames;
import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.inject.annotation.NamedAnnotationMapper;
import io.micronaut.inject.visitor.VisitorContext;
import java.lang.annotation.Annotation;
import java.util.List;

/**
 * Tells Micronaut's processor that a {@code @Pipeline} class is a {@code @Singleton} bean, so that
 * its generated executor, itself a singleton, can be injected with no extra annotation on the
 * pipeline. Mapped by name because Braid's annotations are not on Micronaut's processor path as
 * classes; Micronaut loads this mapper through {@code META-INF/services}.
 */
public final class PipelineBeanMapper implements NamedAnnotationMapper {
  static final String SINGLETON = "jakarta.inject.Singleton";

  @Override
  public String getName() {
    return BraidNames.PIPELINE;
  }

  @Override
  public List<AnnotationValue<?>> map(
      AnnotationValue<Annotation> annotation, VisitorContext visitorContext) {
    return List.of(AnnotationValue.builder(SINGLETON).build());
  }
}
