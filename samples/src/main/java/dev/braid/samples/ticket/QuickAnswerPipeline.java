package dev.braid.samples.ticket;

import static dev.braid.runtime.Microcents.CENT;

import dev.braid.Input;
import dev.braid.Pipeline;
import dev.braid.Step;
import dev.braid.runtime.StepContext;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Answers an account question from the knowledge base in one model call, without the full triage,
 * and adds a password-reset link only when the customer asks about their password: {@code
 * resetLink} is a conditional step, skipped otherwise, which {@code answer} reads as an {@code
 * Optional}.
 */
@Pipeline(timeout = "10s", deadline = "30s", costBudget = CENT)
public class QuickAnswerPipeline {
  private final LanguageModel model;
  private final KnowledgeBase knowledgeBase;

  public QuickAnswerPipeline(LanguageModel model, KnowledgeBase knowledgeBase) {
    this.model = model;
    this.knowledgeBase = knowledgeBase;
  }

  @Step
  List<Article> lookup(@Input Ticket ticket) throws InterruptedException {
    return knowledgeBase.search(Intent.ACCOUNT, "account");
  }

  /** The condition of {@code resetLink}: the customer wrote about their password. */
  boolean asksForReset(@Input Ticket ticket) {
    return ticket.text().toLowerCase(Locale.ROOT).contains("password");
  }

  @Step(dependsOn = "lookup", when = "asksForReset")
  String resetLink(@Input Ticket ticket) {
    return "https://help.example.com/reset?account=" + ticket.customerEmail();
  }

  @Step(dependsOn = {"lookup", "resetLink"})
  Reply answer(@Input Ticket ticket, List<Article> lookup, Optional<String> resetLink,
      StepContext context) throws InterruptedException {
    String sources = lookup.stream().map(Article::title).collect(Collectors.joining("; "));
    String text = context.call(model,
        new Prompt("draft", ticket.subject() + "\nSources: " + sources)).value();
    return new Reply(text + resetLink.map(link -> "\nReset it here: " + link).orElse(""),
        Intent.ACCOUNT, lookup.stream().map(Article::id).toList());
  }
}
