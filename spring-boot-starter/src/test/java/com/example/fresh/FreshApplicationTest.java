package com.example.fresh;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.braid.runtime.StepExecutionException;
import dev.braid.runtime.StepTimeoutException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.Banner;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A new Spring Boot application with the starter and one {@code @Pipeline} class is injected with
 * its executor, with no other configuration; {@code application-timeout.yml} changes a step's
 * timeout; a misspelt property stops it with the fix.
 */
@ExtendWith(OutputCaptureExtension.class)
class FreshApplicationTest {

  @Test
  void injectsTheExecutorWithNoConfiguration() {
    try (ConfigurableApplicationContext context = start()) {
      assertThat(context.getBean(SummaryService.class).summarize("a long text"))
          .isEqualTo("Summary: a long text");
    }
  }

  @Test
  void aStepsTimeoutComesFromApplicationYml() {
    try (ConfigurableApplicationContext context = start("--spring.profiles.active=timeout")) {
      SummaryService service = context.getBean(SummaryService.class);
      StepExecutionException failure =
          assertThrows(StepExecutionException.class, () -> service.summarize("wait"));
      assertThat(failure.getCause()).isInstanceOf(StepTimeoutException.class);
      assertThat(((StepTimeoutException) failure.getCause()).timeout())
          .isEqualTo(Duration.ofMillis(100));
    }
  }

  @Test
  void aMisspeltPipelineStopsStartupWithTheClosestName(CapturedOutput output) {
    assertThrows(RuntimeException.class, () -> start("--braid.pipelines.SumaryPipeline.deadline=1m"));

    assertThat(output.toString()).contains("""
        Description:

        Property braid.pipelines.SumaryPipeline names no pipeline of the application; did you \
        mean 'SummaryPipeline'?

        Action:

        Write the name of a @Pipeline or @Router: its name attribute, or its class's simple \
        name.""");
  }

  private static ConfigurableApplicationContext start(String... arguments) {
    SpringApplication application = new SpringApplication(FreshApplication.class);
    application.setBannerMode(Banner.Mode.OFF);
    return application.run(arguments);
  }
}
