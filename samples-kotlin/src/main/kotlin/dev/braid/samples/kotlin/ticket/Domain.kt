package dev.braid.samples.kotlin.ticket

/** A support ticket as it arrives from the help desk. */
data class Ticket(val id: String, val customerEmail: String, val subject: String, val body: String) {
    /** The text the model reads. */
    val text: String
        get() = "$subject\n\n$body"
}

/** What the model pulled out of a ticket; the order number is often missing. */
data class Entities(val customerEmail: String, val orderNumber: String?, val product: String = "unknown")

/** Why the customer wrote, and whether an agent can act on it without an order number. */
enum class Intent(val needsOrder: Boolean) {
    REFUND(true),
    SHIPPING(true),
    TECHNICAL(false),
    ACCOUNT(false),
}

/** A customer record from the CRM. */
data class Customer(val id: String, val name: String, val tier: String)

/** A knowledge-base article that can back a reply. */
data class Article(val id: String, val title: String, val summary: String)

/** The reply a support agent reviews and sends. */
data class Reply(val text: String, val intent: Intent, val citedArticles: List<String> = emptyList())

/** What the ticket pipeline asks a model: a task, such as `"classify"`, and its text. */
data class Prompt(val task: String, val text: String)

/** A specialist team with a queue of its own; tickets that no team takes wait in the shared queue. */
enum class Team { BILLING, LOGISTICS, TECHNICAL_SUPPORT }
