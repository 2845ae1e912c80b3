package dev.braid.samples.service;

import dev.braid.durable.DurableRuns;
import dev.braid.durable.RunStatus;
import dev.braid.durable.StoredRun;
import dev.braid.runtime.PipelineResult;
import dev.braid.samples.ticket.Reply;
import dev.braid.samples.ticket.Ticket;
import dev.braid.samples.ticket.TicketPipelineExecutor;
import dev.braid.samples.web.Messages.Accepted;
import dev.braid.samples.web.Messages.Problem;
import dev.braid.samples.web.Messages.Resume;
import dev.braid.samples.web.RunView;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import java.net.URI;
import java.util.Optional;

/**
 * Takes tickets and answers for their runs. Nothing here waits for a run: a ticket is stored and
 * queued, and the worker triages it while the caller polls {@code GET /runs/{id}}.
 */
@Controller
final class TicketController {
  private final DurableRuns runs;
  private final TicketPipelineExecutor tickets;

  TicketController(DurableRuns runs, TicketPipelineExecutor tickets) {
    this.runs = runs;
    this.tickets = tickets;
  }

  /** Queues a run for {@code ticket}: 202 with the run's id, or 400 if a field is missing. */
  @Post("/tickets")
  HttpResponse<?> submit(@Body Ticket ticket) {
    if (ticket.id() == null || ticket.customerEmail() == null || ticket.subject() == null
        || ticket.body() == null) {
      return HttpResponse.badRequest(new Problem(
          "A ticket needs an id, a customerEmail, a subject and a body"));
    }
    return accepted(tickets.submit(runs, ticket));
  }

  /** Where run {@code id} stands: its timeline, and its answer or question once it has one. */
  @Get("/runs/{id}")
  HttpResponse<?> run(String id) {
    Optional<StoredRun> run = runs.status(id);
    if (run.isEmpty()) {
      return notFound(id);
    }
    Reply answer = run.get().status() == RunStatus.SUCCEEDED
        ? runs.result(tickets.definition(), id).map(PipelineResult::output).orElse(null)
        : null;
    return HttpResponse.ok(RunView.of(run.get(), runs.steps(id), answer));
  }

  /**
   * Continues run {@code id}, which stopped to ask for the order number, with the ticket it ran on
   * and the customer's answer: 202, or 409 if the run is not waiting for an answer.
   */
  @Post("/runs/{id}/resume")
  HttpResponse<?> resume(String id, @Body Resume answer) {
    Optional<StoredRun> run = runs.status(id);
    if (run.isEmpty()) {
      return notFound(id);
    }
    if (run.get().status() != RunStatus.STOPPED_EARLY) {
      return notWaiting(id, run.get().status());
    }
    String orderNumber = answer.orderNumber();
    if (orderNumber == null || orderNumber.isBlank()) {
      return HttpResponse.badRequest(new Problem("Run " + id + " asks: " + run.get().question()
          + " Send the answer as {\"orderNumber\": \"...\"}"));
    }
    Optional<Ticket> asked = runs.result(tickets.definition(), id)
        .map(result -> (Ticket) result.inputs().getFirst());
    if (asked.isEmpty()) {
      return notWaiting(id, runs.status(id).orElseThrow().status());
    }
    try {
      runs.resume(tickets.definition(), id, asked.get().withOrderNumber(orderNumber));
    } catch (IllegalStateException e) {
      return HttpResponse.status(HttpStatus.CONFLICT).body(new Problem(e.getMessage()));
    }
    return accepted(id);
  }

  private static HttpResponse<Accepted> accepted(String id) {
    URI location = URI.create("/runs/" + id);
    return HttpResponse.accepted(location).body(new Accepted(id, RunStatus.QUEUED.name()));
  }

  private static HttpResponse<Problem> notFound(String id) {
    return HttpResponse.<Problem>notFound().body(new Problem("There is no run " + id));
  }

  private static HttpResponse<Problem> notWaiting(String id, RunStatus status) {
    return HttpResponse.status(HttpStatus.CONFLICT).body(new Problem("Run " + id + " is " + status
        + ", not waiting for an answer: only a run that stopped early to ask a question"
        + " (STOPPED_EARLY) can be resumed"));
  }
}
