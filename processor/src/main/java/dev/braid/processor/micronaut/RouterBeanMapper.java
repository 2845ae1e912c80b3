package dev.braid.processor.micronaut;

import dev.braid.processor.model.BraidNames;
import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.inject.annotation.NamedAnnotationMapper;
import io.micronaut.inject.visitor.VisitorContext;
import java.lang.annotation.Annotation;
import java.util.List;

/**
 * Tells Micronaut's processor that a {@code @Router} class is a {@code @Singleton} bean, as {@link
 * PipelineBeanMapper} does for pipelines, so that the router's generated executor, which takes the
 * router and its routes' executors, can be injected with no extra annotation on the router.
 */
public final class RouterBeanMapper implements NamedAnnotationMapper {

  @Override
  public String getName() {
    return BraidNames.ROUTER;
  }

  @Override
  public List<AnnotationValue<?>> map(
      AnnotationValue<Annotation> annotation, VisitorContext visitorContext) {
    return List.of(AnnotationValue.builder(PipelineBeanMapper.SINGLETON).build());
  }
}
