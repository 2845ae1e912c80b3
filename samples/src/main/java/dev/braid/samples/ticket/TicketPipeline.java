package dev.braid.samples.ticket;

import static dev.braid.runtime.Microcents.CENT;

import dev.braid.From;
import dev.braid.Input;
import dev.braid.Pipeline;
import dev.braid.Step;
import dev.braid.runtime.CallOptions;
import dev.braid.runtime.ConversationState;
import dev.braid.runtime.StepContext;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Triages a support ticket: extract what the customer said, classify why they wrote, then look up
 * the customer and search the knowledge base in parallel, draft a reply, and check it. When a
 * refund or delivery question comes without an order number, the check stops the run and asks for
 * one instead of guessing.
 *
 * <p>Every model call goes through {@link StepContext#call}, so each run reports what it used and
 * cost, and stops before it spends more than a cent. The draft streams its reply as it is written.
 *
 * <p>It is durable: {@code submit} queues a run for a worker to run later, possibly in another
 * process, so every input and step output is a record, an enum or a list of records, which the
 * processor checks can be stored as JSON and read back.
 *
 * <p>Braid generates {@code TicketPipelineExecutor} from this class at compile time.
 */
@Pipeline(timeout = "30s", retries = 1, retryDelay = "200ms", deadline = "2m", costBudget = CENT,
    durable = true)
public class TicketPipeline {
  private static final Pattern FIELD = Pattern.compile("(\\w+)=([^;]*)");
  /** Extraction is a short answer, so its call gets a tighter timeout and more tries of its own. */
  private static final CallOptions QUICK_CALL =
      CallOptions.builder().timeout(Duration.ofSeconds(10)).retries(3).build();

  private final LanguageModel model;
  private final CustomerDirectory customers;
  private final KnowledgeBase knowledgeBase;

  public TicketPipeline(LanguageModel model, CustomerDirectory customers, KnowledgeBase knowledgeBase) {
    this.model = model;
    this.customers = customers;
    this.knowledgeBase = knowledgeBase;
  }

  @Step
  Entities extract(@Input Ticket ticket, StepContext context) throws InterruptedException {
    String answer = context.call(model, new Prompt("extract", ticket.text()), QUICK_CALL).value();
    Matcher fields = FIELD.matcher(answer);
    String order = null;
    String product = "unknown";
    while (fields.find()) {
      String value = fields.group(2).trim();
      switch (fields.group(1)) {
        case "order" -> order = value.isEmpty() ? null : value;
        case "product" -> product = value;
        default -> { }
      }
    }
    return new Entities(ticket.customerEmail(), order, product);
  }

  @Step(dependsOn = "extract")
  Intent classify(@Input Ticket ticket, StepContext context) throws InterruptedException {
    return Intent.valueOf(context.call(model, new Prompt("classify", ticket.text())).value());
  }

  /** Optional: when the CRM is down, the reply goes out without the customer's name. */
  @Step(dependsOn = {"extract", "classify"}, timeout = "5s", retries = 2, optional = true)
  Customer lookupCustomer(Entities extract) throws InterruptedException {
    return customers.find(extract.customerEmail());
  }

  @Step(dependsOn = {"extract", "classify"}, timeout = "5s")
  List<Article> searchKnowledgeBase(Entities extract, Intent classify) throws InterruptedException {
    return knowledgeBase.search(classify, extract.product());
  }

  /** Streams the reply as it is written: the greeting first, then the model's words. */
  @Step(dependsOn = {"classify", "lookupCustomer", "searchKnowledgeBase"}, timeout = "60s")
  Reply draft(
      @Input Ticket ticket,
      Intent classify,
      @From("lookupCustomer") Optional<Customer> customer,
      @From("searchKnowledgeBase") List<Article> articles,
      StepContext context) throws InterruptedException {
    String sources = articles.stream().map(Article::title).collect(Collectors.joining("; "));
    String name = customer.map(Customer::name).orElse("there");
    String prompt = ticket.subject() + "\nCustomer: " + name + " ("
        + customer.map(Customer::tier).orElse("unknown tier") + ")\nIntent: " + classify
        + "\nSources: " + sources + "\nAttempt: " + context.attempt();
    String greeting = "Hi " + name + ",\n";
    context.emit(greeting);
    String text = greeting + context.call(model, new Prompt("draft", prompt)).value();
    return new Reply(text, classify, articles.stream().map(Article::id).toList());
  }

  @Step(dependsOn = {"extract", "draft"})
  ConversationState<Reply> check(Reply draft, Entities extract) {
    if (draft.intent().needsOrder() && extract.orderNumber() == null) {
      return ConversationState.incomplete(draft,
          "Ask the customer for their order number: a " + draft.intent().name().toLowerCase()
              + " request cannot be handled without it.",
          Map.of("missing", List.of("orderNumber"), "intent", draft.intent().name()));
    }
    return ConversationState.complete(draft);
  }
}
