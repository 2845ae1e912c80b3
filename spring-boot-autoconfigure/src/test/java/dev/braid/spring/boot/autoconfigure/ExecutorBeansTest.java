package dev.braid.spring.boot.autoconfigure;

import static com.google.common.truth.Truth.assertThat;

import dev.braid.runtime.PipelineConfig;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Every generated executor, and its pipeline or router class, is a bean; the user's own wins. */
class ExecutorBeansTest {
  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withConfiguration(AutoConfigurations.of(BraidAutoConfiguration.class))
      .withUserConfiguration(TestBeans.class);

  @Test
  void registersEachExecutorAndItsPipelineFromTheIndex() {
    context.run(context -> {
      assertThat(context.getBean(GreetingPipeline.class)).isNotNull();
      GreetingPipelineExecutor executor = context.getBean(GreetingPipelineExecutor.class);
      assertThat(executor.execute("Ada").output()).isEqualTo("Hello, Ada");
      assertThat(context.getBeanNamesForType(BlockingPipelineExecutor.class))
          .asList().containsExactly("blockingPipelineExecutor");
    });
  }

  @Test
  void registersARouterWithTheExecutorsOfItsRoutes() {
    context.run(context -> {
      TopicRouterExecutor router = context.getBean(TopicRouterExecutor.class);
      assertThat(router.execute("Grace").output()).isEqualTo("Hello, Grace");
      assertThat(context.getBean(TopicRouter.class)).isNotNull();
    });
  }

  @Test
  void theApplicationsOwnExecutorWins() {
    context.withUserConfiguration(OwnExecutor.class).run(context -> {
      assertThat(context.getBeanNamesForType(GreetingPipelineExecutor.class))
          .asList().containsExactly("ownExecutor");
      assertThat(context.getBean(GreetingPipelineExecutor.class).execute("Ada").output())
          .isEqualTo("Hi, Ada");
    });
  }

  @Test
  void theApplicationsOwnPipelineBeanIsTheOneExecutorsRun() {
    context.withUserConfiguration(OwnPipeline.class).run(context -> {
      assertThat(context.getBeanNamesForType(GreetingPipeline.class))
          .asList().containsExactly("ownPipeline");
      assertThat(context.getBean(GreetingPipelineExecutor.class).execute("Ada").output())
          .isEqualTo("Howdy, Ada");
    });
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnExecutor {
    @Bean
    GreetingPipelineExecutor ownExecutor() {
      return new GreetingPipelineExecutor(
          new GreetingPipeline(new Salutation("Hi")), PipelineConfig.empty());
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class OwnPipeline {
    @Bean
    GreetingPipeline ownPipeline() {
      return new GreetingPipeline(new Salutation("Howdy"));
    }
  }
}
