package dev.braid.samples.ticket;

import dev.braid.Input;
import dev.braid.Route;
import dev.braid.Router;
import dev.braid.runtime.StepContext;

/**
 * Sends account questions to the one-call {@link QuickAnswerPipeline} and everything else to the
 * full {@link TicketPipeline}, deciding with one model call. If that call fails, the router falls
 * back to the full triage. Braid generates {@code SupportRouterExecutor}, whose result carries the
 * route's model call and the chosen pipeline's run, nested in its {@code run} step.
 */
@Router(routes = {TicketPipeline.class, QuickAnswerPipeline.class}, fallback = TicketPipeline.class)
public class SupportRouter {
  private final LanguageModel model;

  public SupportRouter(LanguageModel model) {
    this.model = model;
  }

  @Route
  Class<?> route(@Input Ticket ticket, StepContext context) throws InterruptedException {
    Intent intent = Intent.valueOf(context.call(model, new Prompt("classify", ticket.text())).value());
    return intent == Intent.ACCOUNT ? QuickAnswerPipeline.class : TicketPipeline.class;
  }
}
