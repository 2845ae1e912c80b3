package dev.braid.samples.service;

import static com.google.common.truth.Truth.assertThat;
import static com.google.common.truth.Truth.assertWithMessage;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.braid.durable.DurableRuns;
import dev.braid.durable.RunStatus;
import dev.braid.durable.SubmitOptions;
import dev.braid.samples.ticket.Ticket;
import dev.braid.samples.ticket.TicketPipelineExecutor;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ticket service's Braid console in a real browser: Playwright (playwright-core, from npm in
 * src/test/browser) drives Debian's headless Chromium through src/test/browser/console.mjs. It
 * opens the list, a failed run's error, the attempts of a run whose step failed twice (the
 * help-centre search is down for speaker questions, {@link KnowledgeBaseOutage}), answers the
 * order-number question of a waiting run and sees it complete, and cancels a queued run. Without Chromium, node or playwright-core the test
 * is skipped, unless {@code BRAID_REQUIRE_CHROMIUM} is set; .ci/run installs them. The
 * screenshots it takes are written to target/console-screenshots.
 */
class ConsoleBrowserTest {
  private static final String TOKEN = "ticket-service-console-token";
  private static final Path CHROMIUM = Path.of(
      System.getenv().getOrDefault("BRAID_CHROMIUM", "/usr/bin/chromium"));
  private static final Path SCRIPTS = Path.of("src/test/browser");

  @TempDir Path database;

  @Test
  void answersAWaitingRunAndCancelsAQueuedOneInTheBrowser() throws Exception {
    String node = requireBrowserTools();
    try (ApplicationContext context = ApplicationContext.run(Map.of(
        "micronaut.server.host", "127.0.0.1",
        "micronaut.server.port", -1,
        "braid.durable.dir", database.toString(),
        "braid.durable.worker.poll-interval", "20ms",
        "braid.console.token", TOKEN,
        KnowledgeBaseOutage.PRODUCT, "speaker",
        "braid.pipelines.TicketPipeline.steps.searchKnowledgeBase.retries", 1,
        "braid.pipelines.TicketPipeline.steps.searchKnowledgeBase.retry-delay", "10ms"),
        Application.ENVIRONMENT)) {
      EmbeddedServer server = context.getBean(EmbeddedServer.class);
      server.start();
      DurableRuns runs = context.getBean(DurableRuns.class);
      TicketPipelineExecutor tickets = context.getBean(TicketPipelineExecutor.class);
      // Inputs that do not read as a Ticket fail the run before its first step.
      String failed = runs.submit(tickets.definition().name(), "not a ticket");
      String outage = tickets.submit(runs, new Ticket("T-3003", "lee@example.com",
          "Speaker crackles", "My speaker from order #771204 crackles at any volume."));
      String waiting = tickets.submit(runs, new Ticket("T-3001", "sam@example.com",
          "Refund please", "The camera I bought does not work and I want my money back."));
      String queued = runs.submit(SubmitOptions.defaults().notBefore(Instant.now().plus(
          Duration.ofHours(1))), tickets.definition(), new Ticket("T-3002", "kim@example.com",
          "Later", "Please call me back tomorrow."));
      assertThat(runs.await(failed, Duration.ofSeconds(60)).status()).isEqualTo(RunStatus.FAILED);
      assertThat(runs.await(outage, Duration.ofSeconds(60)).status()).isEqualTo(RunStatus.FAILED);
      assertThat(runs.await(waiting, Duration.ofSeconds(60)).status())
          .isEqualTo(RunStatus.STOPPED_EARLY);
      Path screenshots = Files.createDirectories(Path.of("target/console-screenshots"));

      ProcessBuilder browser = new ProcessBuilder(node, "console.mjs")
          .directory(SCRIPTS.toFile())
          .redirectErrorStream(true);
      browser.environment().putAll(Map.of(
          "BASE", "http://127.0.0.1:" + server.getPort() + "/braid/",
          "TOKEN", TOKEN,
          "FAILED_ID", failed,
          "OUTAGE_ID", outage,
          "WAITING_ID", waiting,
          "QUEUED_ID", queued,
          "SCREENSHOTS", screenshots.toAbsolutePath().toString(),
          "CHROMIUM", CHROMIUM.toString()));
      Process process = browser.start();
      String output = new String(process.getInputStream().readAllBytes(),
          StandardCharsets.UTF_8);
      boolean exited = process.waitFor(3, TimeUnit.MINUTES);
      if (!exited) {
        process.destroyForcibly();
      }

      assertWithMessage("console.mjs said:\n%s", output).that(exited && process.exitValue() == 0)
          .isTrue();
      assertThat(runs.status(waiting).orElseThrow().status()).isEqualTo(RunStatus.SUCCEEDED);
      assertThat(runs.status(queued).orElseThrow().status()).isEqualTo(RunStatus.CANCELLED);
      assertThat(runs.status(waiting).orElseThrow().inputsJson()).contains("sam@example.com");
    }
  }

  /** The node binary, once Chromium, node and playwright-core are known to be there. */
  private static String requireBrowserTools() throws IOException, InterruptedException {
    String missing = null;
    String node = "node";
    if (!Files.isExecutable(CHROMIUM)) {
      missing = CHROMIUM + " is not installed (apt-get install chromium)";
    } else if (nodeMajorVersion(node) < 20) {
      missing = "node 20 or newer, which playwright-core needs, is not installed";
    } else if (!Files.isDirectory(SCRIPTS.resolve("node_modules/playwright-core"))) {
      missing = "playwright-core is not installed (npm ci --prefix samples/src/test/browser)";
    }
    if (System.getenv("BRAID_REQUIRE_CHROMIUM") != null) {
      assertWithMessage("The console's browser test needs it (BRAID_REQUIRE_CHROMIUM is set): %s",
          missing).that(missing).isNull();
    }
    String reason = "Skipping the console's browser test: " + missing;
    assumeTrue(missing == null, reason);
    return node;
  }

  /** The major version of {@code node}, or 0 if it does not run. */
  private static int nodeMajorVersion(String node) throws InterruptedException {
    try {
      Process process = new ProcessBuilder(node, "--version").redirectErrorStream(true).start();
      String version = new String(process.getInputStream().readAllBytes(),
          StandardCharsets.UTF_8).strip();
      if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0
          || !version.matches("v\\d+\\..*")) {
        return 0;
      }
      return Integer.parseInt(version.substring(1, version.indexOf('.')));
    } catch (IOException e) {
      return 0;
    }
  }
}
