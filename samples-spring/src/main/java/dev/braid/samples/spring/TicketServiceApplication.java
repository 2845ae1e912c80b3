package dev.braid.samples.spring;

import dev.braid.samples.ticket.CustomerDirectory;
import dev.braid.samples.ticket.KnowledgeBase;
import dev.braid.samples.ticket.LanguageModel;
import dev.braid.samples.ticket.OfflineLanguageModel;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * Starts the ticket service: an HTTP server on port 8080 ({@code server.port} moves it) and a
 * worker that runs the queued tickets, stored in the embedded H2 database in {@code
 * target/braid-spring}. Braid's starter makes the pipeline's executor and the worker; this class
 * only supplies what the pipeline calls. The service runs until it is stopped; runs still in
 * flight after the shutdown grace period go back to the queue and continue at the next start.
 */
@SpringBootApplication
public class TicketServiceApplication {

  public static void main(String[] args) {
    SpringApplication.run(TicketServiceApplication.class, args);
  }

  /** A model that answers without a network; swap in a real client here. */
  @Bean
  LanguageModel languageModel() {
    return new OfflineLanguageModel();
  }

  @Bean
  CustomerDirectory customerDirectory() {
    return new CustomerDirectory();
  }

  @Bean
  KnowledgeBase knowledgeBase() {
    return new KnowledgeBase();
  }
}
