package dev.braid.samples.ticket;

import static com.google.common.truth.Truth.assertThat;

import dev.braid.runtime.progress.ProgressLine.Rendering;
import io.micronaut.context.ApplicationContext;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TicketTriageAppTest {

  @Test
  void micronautInjectsTheGeneratedExecutorAndThePipelinesDependencies() {
    try (ApplicationContext context = ApplicationContext.run()) {
      TicketPipelineExecutor executor = context.getBean(TicketPipelineExecutor.class);

      assertThat(context.getBean(TicketPipelineExecutor.class)).isSameInstanceAs(executor);
      assertThat(context.getBean(TicketPipeline.class)).isNotNull();
      assertThat(executor.execute(TicketTriageApp.TICKETS.get(0)).output().text())
          .startsWith("Hi Maria,");
    }
  }

  @TempDir Path reports;

  @Test
  void printsEachAnswerOrQuestionWithATimeline() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ApplicationContext context = ApplicationContext.run()) {
      TicketTriageApp.triage(context.getBean(TicketPipelineExecutor.class),
          new PrintStream(bytes, true, StandardCharsets.UTF_8), Rendering.IN_PLACE, reports);
    }
    String printed = bytes.toString(StandardCharsets.UTF_8);

    assertThat(printed).containsMatch(
        "== Ticket T-1001: Router keeps dropping Wi-Fi\\n(\\r[^\\n]*)?Hi Maria,");
    assertThat(printed).contains("\rTicketPipeline: 0/6 steps done · $0.00 spent");
    assertThat(printed).containsMatch("\\rTicketPipeline: 2/6 steps done · running "
        + "lookupCustomer, searchKnowledgeBase · \\$0\\.\\d+ spent");
    assertThat(printed).contains("Sent. Cited: KB-201, KB-202");
    assertThat(printed).contains("Stopped at 'check': Ask the customer for their order number");
    assertThat(printed).containsMatch("\\n  searchKnowledgeBase +\\s*█+");
    assertThat(printed).contains("TicketPipeline: ");
    assertThat(printed).contains("stopped early at check");
    assertThat(printed).containsMatch(
        "\\nstep +calls +input +cached +output +total +cost +latency +models\\n");
    assertThat(printed).containsMatch(
        "\\ndraft +1 +\\d+ +0 +\\d+ +\\d+ +\\$0\\.0\\d+ +\\d+ ms  gpt-4o-mini\\n");
    assertThat(printed).contains("Timeline: " + reports.resolve("T-1002.html").toUri());
    assertThat(Files.readString(reports.resolve("T-1002.html")))
        .contains("Stopped early</b> at <code>check</code>");
  }

  @Test
  void printedToALogProgressComesOneLineAfterAnotherWithNoCarriageReturn() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ApplicationContext context = ApplicationContext.run()) {
      TicketTriageApp.triage(context.getBean(TicketPipelineExecutor.class),
          new PrintStream(bytes, true, StandardCharsets.UTF_8), Rendering.LINE_BY_LINE, reports);
    }
    String printed = bytes.toString(StandardCharsets.UTF_8);

    assertThat(printed).doesNotContain("\r");
    assertThat(printed).contains(
        "== Ticket T-1001: Router keeps dropping Wi-Fi\nTicketPipeline: 0/6 steps done · $0.00 spent\n");
    assertThat(printed).containsMatch("\nTicketPipeline: 2/6 steps done · running "
        + "lookupCustomer, searchKnowledgeBase · \\$0\\.\\d+ spent\n");
    assertThat(printed).containsMatch("spent\nHi Maria,");
  }
}
