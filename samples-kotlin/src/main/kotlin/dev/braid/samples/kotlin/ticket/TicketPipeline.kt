package dev.braid.samples.kotlin.ticket

import dev.braid.From
import dev.braid.Input
import dev.braid.Pipeline
import dev.braid.Step
import dev.braid.runtime.ConversationState
import dev.braid.runtime.Microcents.CENT
import dev.braid.runtime.StepContext

/**
 * Triages a support ticket: acknowledge it, extract what the customer said, classify why they
 * wrote, then look up the customer and search the knowledge base in parallel, draft a reply, and
 * check it. When a refund or delivery question comes without an order number, the check stops the
 * run and asks for one instead of guessing.
 *
 * Every model call goes through [StepContext.call], so each run reports what it used and cost, and
 * stops before it spends more than a cent. The draft streams its reply as it is written.
 *
 * Braid generates `TicketPipelineExecutor` from this class at compile time. Its collaborators have
 * defaults, so `TicketPipeline(model)` is a complete pipeline.
 */
@Pipeline(timeout = "30s", retries = 1, retryDelay = "200ms", deadline = "2m", costBudget = CENT)
class TicketPipeline(
    private val model: LanguageModel,
    private val customers: CustomerDirectory = CustomerDirectory(),
    private val knowledgeBase: KnowledgeBase = KnowledgeBase(),
    private val helpDesk: HelpDesk = HelpDesk(),
) {
    /** Returns nothing: `check` waits for it, but no step reads it. */
    @Step(timeout = "5s")
    fun acknowledge(@Input ticket: Ticket) {
        helpDesk.acknowledge(ticket)
    }

    @Step
    fun extract(@Input ticket: Ticket, context: StepContext): Entities {
        val answer = context.call(model, Prompt("extract", ticket.text)).value()
        val fields = FIELD.findAll(answer).associate { it.groupValues[1] to it.groupValues[2].trim() }
        return Entities(ticket.customerEmail, fields["order"]?.ifEmpty { null }, fields["product"] ?: "unknown")
    }

    @Step(dependsOn = ["extract"])
    fun classify(@Input ticket: Ticket, context: StepContext): Intent =
        Intent.valueOf(context.call(model, Prompt("classify", ticket.text)).value())

    /** Null when the CRM does not know the address: the reply then greets the customer without a name. */
    @Step(dependsOn = ["extract", "classify"], timeout = "5s", retries = 2)
    fun lookupCustomer(extract: Entities): Customer? = customers.find(extract.customerEmail)

    @Step(dependsOn = ["extract", "classify"], timeout = "5s")
    fun searchKnowledgeBase(extract: Entities, classify: Intent): List<Article> =
        knowledgeBase.search(classify, extract.product)

    /** Streams the reply as it is written: the greeting first, then the model's words. */
    @Step(dependsOn = ["classify", "lookupCustomer", "searchKnowledgeBase"], timeout = "60s")
    fun draft(
        @Input ticket: Ticket,
        classify: Intent,
        @From("lookupCustomer") customer: Customer?,
        @From("searchKnowledgeBase") articles: List<Article>,
        context: StepContext,
    ): Reply {
        val name = customer?.name ?: "there"
        val prompt = """
            |${ticket.subject}
            |Customer: $name (${customer?.tier ?: "unknown tier"})
            |Intent: $classify
            |Sources: ${articles.joinToString("; ") { it.title }}
            |Attempt: ${context.attempt()}
            """.trimMargin()
        val greeting = "Hi $name,\n"
        context.emit(greeting)
        val text = greeting + context.call(model, Prompt("draft", prompt)).value()
        return Reply(text, classify, articles.map { it.id })
    }

    @Step(dependsOn = ["extract", "draft", "acknowledge"])
    fun check(draft: Reply, extract: Entities): ConversationState<Reply> =
        if (draft.intent.needsOrder && extract.orderNumber == null) {
            ConversationState.incomplete(
                draft,
                "Ask the customer for their order number: a ${draft.intent.name.lowercase()} " +
                    "request cannot be handled without it.",
            )
        } else {
            ConversationState.complete(draft)
        }

    private companion object {
        val FIELD = Regex("""(\w+)=([^;]*)""")
    }
}
