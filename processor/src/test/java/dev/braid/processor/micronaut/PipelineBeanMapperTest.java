package dev.braid.processor.micronaut;

import static com.google.common.truth.Truth.assertThat;

import io.micronaut.core.annotation.AnnotationValue;
import io.micronaut.inject.annotation.AnnotationMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class PipelineBeanMapperTest {

  @Test
  void mapsPipelineToSingleton() {
    PipelineBeanMapper mapper = new PipelineBeanMapper();

    List<AnnotationValue<?>> mapped =
        mapper.map(AnnotationValue.builder("dev.braid.Pipeline").build(), null);

    assertThat(mapper.getName()).isEqualTo("dev.braid.Pipeline");
    assertThat(mapped.stream().map(AnnotationValue::getAnnotationName).toList())
        .containsExactly("jakarta.inject.Singleton");
  }

  @Test
  void isRegisteredForMicronautsServiceLoader() throws IOException {
    String registration;
    try (InputStream in = PipelineBeanMapper.class.getResourceAsStream(
        "/META-INF/services/" + AnnotationMapper.class.getName())) {
      registration = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    assertThat(registration.lines().toList()).contains(PipelineBeanMapper.class.getName());
  }
}
