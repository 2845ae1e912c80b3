package dev.braid.samples.ticket;

import dev.braid.runtime.ConversationState;
import dev.braid.runtime.PipelineResult;
import dev.braid.runtime.RunOptions;
import dev.braid.runtime.progress.ProgressLine;
import dev.braid.runtime.progress.ProgressLine.Rendering;
import dev.braid.runtime.RunStream;
import dev.braid.runtime.StreamChunk;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Triages two tickets end to end with the offline model: one the pipeline can answer, and one that
 * stops early to ask the customer for an order number. The draft is printed as it streams; then
 * each run's timeline and what its model calls used and cost. The executor comes from Micronaut,
 * which also builds the pipeline and its dependencies.
 */
public final class TicketTriageApp {
  static final List<Ticket> TICKETS = List.of(
      new Ticket("T-1001", "maria@example.com", "Router keeps dropping Wi-Fi",
          "My router from order #482913 disconnects every evening. What can I do?"),
      new Ticket("T-1002", "sam@example.com", "Refund please",
          "The camera I bought does not work and I want my money back."));

  private TicketTriageApp() {}

  /** Triages the sample tickets; writes each run's HTML timeline to {@code args[0]}, or {@code target/runs}. */
  public static void main(String[] args) throws IOException {
    Path reports = Path.of(args.length > 0 ? args[0] : "target/runs");
    try (ApplicationContext context = ApplicationContext.run()) {
      triage(context.getBean(TicketPipelineExecutor.class), System.out, Rendering.detect(), reports);
    }
  }

  /**
   * Runs every sample ticket through {@code executor}, prints what happened, with progress as
   * {@code rendering} says, and writes each run's HTML timeline into {@code reports}.
   */
  static void triage(TicketPipelineExecutor executor, PrintStream out, Rendering rendering,
      Path reports) throws IOException {
    Files.createDirectories(reports);
    for (Ticket ticket : TICKETS) {
      out.println("== Ticket " + ticket.id() + ": " + ticket.subject());
      PipelineResult<Reply> result;
      LiveLine live = new LiveLine(out, rendering);
      RunOptions options = RunOptions.builder().listener(ProgressLine.to(live::show)).build();
      try (RunStream<Reply> run = executor.stream(ticket, options)) {
        for (StreamChunk chunk : run) {
          live.clear();
          out.print(chunk.text());
          out.flush();
        }
        live.clear();
        out.println();
        result = run.result();
      }
      if (result.stoppedEarly()) {
        ConversationState<?> state = result.conversationState().orElseThrow();
        out.println("Not sent. Stopped at '" + result.stoppedAt().orElseThrow() + "': "
            + state.context());
      } else {
        out.println("Sent. Cited: " + String.join(", ", result.output().citedArticles()));
      }
      out.println();
      out.println(result.timeline());
      out.println();
      out.println(result.usageTable());
      Path report = reports.resolve(ticket.id() + ".html");
      Files.writeString(report, result.htmlTimeline());
      out.println("Timeline: " + report.toAbsolutePath().normalize().toUri());
      out.println();
    }
  }
}
