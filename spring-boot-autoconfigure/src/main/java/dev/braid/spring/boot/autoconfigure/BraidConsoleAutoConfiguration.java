package dev.braid.spring.boot.autoconfigure;

import dev.braid.console.BraidConsole;
import dev.braid.durable.DurableRuns;
import dev.braid.durable.RunSchedules;
import jakarta.servlet.http.HttpServlet;
import java.util.List;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * The Braid console under {@code /braid}, in a servlet application that has braid-console and
 * {@link DurableRuns}: it shows the runs, draws the durable pipelines' graphs and answers their
 * questions. Read-only unless {@code braid.console.actions-enabled}. A {@link BraidConsole} bean
 * of the application's own wins.
 */
@AutoConfiguration(after = BraidDurableAutoConfiguration.class)
@ConditionalOnClass({BraidConsole.class, HttpServlet.class})
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnBean(DurableRuns.class)
@ConditionalOnProperty(prefix = ConsoleProperties.PREFIX, name = "enabled", matchIfMissing = true)
@EnableConfigurationProperties(ConsoleProperties.class)
public final class BraidConsoleAutoConfiguration {
  static final String PATH = "/braid";

  @Bean
  @ConditionalOnMissingBean
  BraidConsole braidConsole(DurableRuns runs, ConsoleProperties properties,
      ObjectProvider<RunSchedules> schedules, ObjectProvider<ExecutorIndex> index,
      ListableBeanFactory beans) {
    ExecutorIndex executors = index.getIfAvailable();
    BraidConsole.Builder builder = BraidConsole.builder(runs)
        .pipelines(executors == null ? List.of()
            : BraidDurableAutoConfiguration.durablePipelines(executors, beans))
        .actions(properties.actionsEnabled())
        .redact(properties.redact().toArray(String[]::new));
    try {
      builder.token(properties.token());
    } catch (IllegalArgumentException e) {
      throw new InvalidBraidPropertyException(ConsoleProperties.PREFIX + ".token",
          "is too short", e.getMessage(), e);
    }
    schedules.ifAvailable(builder::schedules);
    return builder.build();
  }

  @Bean
  @ConditionalOnMissingBean(name = "braidConsoleServlet")
  ServletRegistrationBean<ConsoleServlet> braidConsoleServlet(BraidConsole console,
      ConsoleProperties properties) {
    ServletRegistrationBean<ConsoleServlet> registration = new ServletRegistrationBean<>(
        new ConsoleServlet(console, properties.allowRemote()), PATH, PATH + "/*");
    registration.setName("braidConsole");
    return registration;
  }
}
