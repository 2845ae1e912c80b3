package dev.braid.spring.boot.autoconfigure;

import dev.braid.runtime.PipelineConfig;
import dev.braid.runtime.PriceTable;
import dev.braid.runtime.RunListener;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.io.ResourceLoader;

/**
 * Makes every executor Braid's processor generated a bean, with its {@code @Pipeline} or {@code
 * @Router} class, and configures each from {@link BraidProperties}, the application's {@code
 * PipelineConfig} bean for it, its {@link RunListener} beans and its {@link PriceTable}. Executors
 * are found through the entries the processor writes next to them, not by scanning classes. A
 * bean the application declares of an executor's, pipeline's or price table's type replaces the
 * one made here.
 */
@AutoConfiguration
@ConditionalOnClass(PipelineConfig.class)
@EnableConfigurationProperties(BraidProperties.class)
public final class BraidAutoConfiguration {

  /** Static, as a registry post-processor must be, so that it runs before other beans exist. */
  @Bean
  static ExecutorRegistrar braidExecutorRegistrar() {
    return new ExecutorRegistrar();
  }

  /** Braid's bundled prices, with those of {@code braid.prices} over them. */
  @Bean
  @ConditionalOnMissingBean
  PriceTable braidPriceTable(BraidProperties properties, ResourceLoader resources) {
    return PriceTables.from(properties.prices(), resources);
  }

  @Bean
  PipelineConfigs braidPipelineConfigs(BraidProperties properties,
      @Qualifier(ExecutorRegistrar.INDEX_BEAN) ExecutorIndex index, PriceTable prices,
      ObjectProvider<RunListener> listeners, ListableBeanFactory beans) {
    return new PipelineConfigs(
        PropertyOverrides.check(properties.pipelines(), index), prices, listeners, beans);
  }
}
