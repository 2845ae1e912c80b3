package dev.braid.samples.spring;

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
import java.net.URI;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Takes tickets and answers for their runs. Nothing here waits for a run: a ticket is stored and
 * queued, and the worker triages it while the caller polls {@code GET /runs/{id}}. Both beans it
 * takes come from Braid's starter.
 */
@RestController
final class TicketController {
  private final DurableRuns runs;
  private final TicketPipelineExecutor tickets;

  TicketController(DurableRuns runs, TicketPipelineExecutor tickets) {
    this.runs = runs;
    this.tickets = tickets;
  }

  /** Queues a run for {@code ticket}: 202 with the run's id, or 400 if a field is missing. */
  @PostMapping("/tickets")
  ResponseEntity<?> submit(@RequestBody Ticket ticket) {
    if (ticket.id() == null || ticket.customerEmail() == null || ticket.subject() == null
        || ticket.body() == null) {
      return ResponseEntity.badRequest().body(new Problem(
          "A ticket needs an id, a customerEmail, a subject and a body"));
    }
    return accepted(tickets.submit(runs, ticket));
  }

  /** Where run {@code id} stands: its timeline, and its answer or question once it has one. */
  @GetMapping("/runs/{id}")
  ResponseEntity<?> run(@PathVariable("id") String id) {
    Optional<StoredRun> run = runs.status(id);
    if (run.isEmpty()) {
      return notFound(id);
    }
    Reply answer = run.get().status() == RunStatus.SUCCEEDED
        ? runs.result(tickets.definition(), id).map(PipelineResult::output).orElse(null)
        : null;
    return ResponseEntity.ok(RunView.of(run.get(), runs.steps(id), answer));
  }

  /**
   * Continues run {@code id}, which stopped to ask for the order number, with the ticket it ran on
   * and the customer's answer: 202, or 409 if the run is not waiting for an answer.
   */
  @PostMapping("/runs/{id}/resume")
  ResponseEntity<?> resume(@PathVariable("id") String id, @RequestBody Resume answer) {
    Optional<StoredRun> run = runs.status(id);
    if (run.isEmpty()) {
      return notFound(id);
    }
    if (run.get().status() != RunStatus.STOPPED_EARLY) {
      return notWaiting(id, run.get().status());
    }
    String orderNumber = answer.orderNumber();
    if (orderNumber == null || orderNumber.isBlank()) {
      return ResponseEntity.badRequest().body(new Problem("Run " + id + " asks: "
          + run.get().question() + " Send the answer as {\"orderNumber\": \"...\"}"));
    }
    Optional<Ticket> asked = runs.result(tickets.definition(), id)
        .map(result -> (Ticket) result.inputs().getFirst());
    if (asked.isEmpty()) {
      return notWaiting(id, runs.status(id).orElseThrow().status());
    }
    try {
      runs.resume(tickets.definition(), id, asked.get().withOrderNumber(orderNumber));
    } catch (IllegalStateException e) {
      return ResponseEntity.status(HttpStatus.CONFLICT).body(new Problem(e.getMessage()));
    }
    return accepted(id);
  }

  private static ResponseEntity<Accepted> accepted(String id) {
    return ResponseEntity.accepted().location(URI.create("/runs/" + id))
        .body(new Accepted(id, RunStatus.QUEUED.name()));
  }

  private static ResponseEntity<Problem> notFound(String id) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(new Problem("There is no run " + id));
  }

  private static ResponseEntity<Problem> notWaiting(String id, RunStatus status) {
    return ResponseEntity.status(HttpStatus.CONFLICT).body(new Problem("Run " + id + " is "
        + status + ", not waiting for an answer: only a run that stopped early to ask a question"
        + " (STOPPED_EARLY) can be resumed"));
  }
}
