package dev.braid.spring.boot.autoconfigure;

import static com.google.common.truth.Truth.assertThat;

import dev.braid.console.BraidConsole;
import dev.braid.durable.DurableDatabase;
import dev.braid.durable.DurableRuns;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.web.servlet.ServletRegistrationBean;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The Braid console mounted under /braid in a servlet application with durable runs. */
class ConsoleTest {
  @TempDir Path dir;

  private WebApplicationContextRunner context() {
    return new WebApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(BraidAutoConfiguration.class,
            BraidDurableAutoConfiguration.class, BraidConsoleAutoConfiguration.class))
        .withUserConfiguration(TestBeans.class)
        .withPropertyValues("braid.durable.dir=" + dir, "braid.durable.worker.enabled=false");
  }

  @Test
  void theConsoleServesTheRunsUnderBraidToLocalCallers() {
    context().run(context -> {
      DurableRuns runs = context.getBean(DurableRuns.class);
      LedgerPipelineExecutor ledger = context.getBean(LedgerPipelineExecutor.class);
      String id = ledger.submit(runs, "coffee");
      ConsoleServlet servlet = servlet(context.getBean("braidConsoleServlet",
          ServletRegistrationBean.class));

      MockHttpServletResponse list = call(servlet, "127.0.0.1", "/api/runs");
      MockHttpServletResponse run = call(servlet, "127.0.0.1", "/api/runs/" + id);
      MockHttpServletResponse remote = call(servlet, "10.1.2.3", "/api/runs");
      MockHttpServletResponse bare = call(servlet, "127.0.0.1", null);

      assertThat(list.getStatus()).isEqualTo(200);
      assertThat(list.getContentAsString()).contains("\"id\":\"" + id + "\"");
      assertThat(list.getContentAsString()).contains("\"pipelines\":[\"LedgerPipeline\"]");
      assertThat(run.getContentAsString()).contains("\"known\":true");
      assertThat(remote.getStatus()).isEqualTo(403);
      assertThat(bare.getStatus()).isEqualTo(308);
      assertThat(bare.getHeader("Location")).isEqualTo("/braid/");
    });
  }

  @Test
  void itIsReadOnlyUnlessActionsAreEnabled() {
    context().run(context -> {
      ConsoleServlet servlet = servlet(context.getBean("braidConsoleServlet",
          ServletRegistrationBean.class));
      MockHttpServletRequest request = request("127.0.0.1", "/api/runs/x/cancel");
      request.setMethod("POST");
      MockHttpServletResponse response = new MockHttpServletResponse();

      servlet.service(request, response);

      assertThat(response.getStatus()).isEqualTo(403);
      assertThat(response.getContentAsString()).contains("This console is read-only");
    });
  }

  @Test
  void aShortTokenFailsStartupNamingTheProperty() {
    context().withPropertyValues("braid.console.token=short").run(context -> {
      InvalidBraidPropertyException failure = (InvalidBraidPropertyException)
          PipelinePropertiesTest.rootCause(context.getStartupFailure());
      assertThat(failure.property()).isEqualTo("braid.console.token");
      assertThat(failure.getMessage()).contains("at least 16 characters");
    });
  }

  @Test
  void itCanBeLeftOutAndAnApplicationsOwnConsoleWins() {
    context().withPropertyValues("braid.console.enabled=false")
        .run(context -> assertThat(context.getBeansOfType(BraidConsole.class)).isEmpty());
    context().withBean("ownConsole", BraidConsole.class,
            () -> BraidConsole.builder(DurableRuns.create(DurableDatabase.h2(dir.resolve("own"))))
                .build())
        .run(context -> assertThat(context.getBeansOfType(BraidConsole.class).keySet())
            .containsExactly("ownConsole"));
  }

  private static ConsoleServlet servlet(ServletRegistrationBean<?> registration) {
    assertThat(registration.getUrlMappings()).containsExactly("/braid", "/braid/*");
    return (ConsoleServlet) registration.getServlet();
  }

  private static MockHttpServletResponse call(ConsoleServlet servlet, String from, String path)
      throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    servlet.service(request(from, path), response);
    return response;
  }

  private static MockHttpServletRequest request(String from, String path) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET",
        "/braid" + (path == null ? "" : path));
    request.setServletPath("/braid");
    request.setPathInfo(path);
    request.setRemoteAddr(from);
    return request;
  }
}
