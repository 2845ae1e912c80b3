package dev.braid.samples.service;

import dev.braid.samples.ticket.Reply;
import dev.braid.samples.ticket.Ticket;
import dev.braid.samples.web.Messages;
import dev.braid.samples.web.RunView;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.serde.annotation.SerdeImport;

/**
 * Starts the ticket service: an HTTP server on port 8080 ({@code micronaut.server.port} moves it)
 * and a worker that runs the queued tickets. Runs are stored in the embedded H2 database in {@code
 * target/braid}; the {@code braid.durable.*} properties choose another. The Braid console, under
 * {@code /braid/}, shows them and answers the ones waiting for an order number. The service runs until it
 * is stopped; a run in flight then goes back to the queue and continues at the next start.
 */
@SerdeImport(Ticket.class)
@SerdeImport(Reply.class)
@SerdeImport(RunView.class)
@SerdeImport(RunView.StepView.class)
@SerdeImport(Messages.Accepted.class)
@SerdeImport(Messages.Resume.class)
@SerdeImport(Messages.Problem.class)
public final class Application {
  /**
   * The environment the service runs in. The worker's pipelines are declared only there, so that
   * the samples' command-line app, which shares this classpath, starts no worker.
   */
  public static final String ENVIRONMENT = "ticket-service";

  private Application() {}

  public static void main(String[] args) {
    ApplicationContext context = Micronaut.build(args)
        .mainClass(Application.class)
        .environments(ENVIRONMENT)
        .start();
    String url = context.getBean(EmbeddedServer.class).getURL().toString();
    System.out.println("Ticket service on " + url + ": POST /tickets, GET /runs/{id}, POST"
        + " /runs/{id}/resume; the Braid console on " + url + "/braid/. Ctrl-C stops it.");
  }
}
