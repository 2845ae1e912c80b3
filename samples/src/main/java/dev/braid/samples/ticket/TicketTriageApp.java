package dev.braid.samples.ticket;

import dev.braid.runtime.ConversationState;
import dev.braid.runtime.PipelineResult;
import io.micronaut.context.ApplicationContext;
import java.io.PrintStream;
import java.util.List;

/**
 * Triages two tickets end to end with the offline model: one the pipeline can answer, and one that
 * stops early to ask the customer for an order number. The executor comes from Micronaut, which
 * also builds the pipeline and its dependencies.
 */
public final class TicketTriageApp {
  static final List<Ticket> TICKETS = List.of(
      new Ticket("T-1001", "maria@example.com", "Router keeps dropping Wi-Fi",
          "My router from order #482913 disconnects every evening. What can I do?"),
      new Ticket("T-1002", "sam@example.com", "Refund please",
          "The camera I bought does not work and I want my money back."));

  private TicketTriageApp() {}

  public static void main(String[] args) {
    try (ApplicationContext context = ApplicationContext.run()) {
      triage(context.getBean(TicketPipelineExecutor.class), System.out);
    }
  }

  /** Runs every sample ticket through {@code executor} and prints what happened. */
  static void triage(TicketPipelineExecutor executor, PrintStream out) {
    for (Ticket ticket : TICKETS) {
      PipelineResult<Reply> result = executor.execute(ticket);
      out.println("== Ticket " + ticket.id() + ": " + ticket.subject());
      if (result.stoppedEarly()) {
        ConversationState<?> state = result.conversationState().orElseThrow();
        out.println("Stopped at '" + result.stoppedAt().orElseThrow() + "': " + state.context());
      } else {
        Reply reply = result.output();
        out.println(reply.text());
        out.println("Cited: " + String.join(", ", reply.citedArticles()));
      }
      out.println();
      out.println(result.timeline());
    }
  }
}
