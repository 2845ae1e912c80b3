package dev.braid.samples.kotlin.ticket

import dev.braid.runtime.PipelineResult
import io.micronaut.context.ApplicationContext
import java.io.PrintStream

/** The sample tickets: one the pipeline can answer, and a refund request without an order number. */
val TICKETS = listOf(
    Ticket(
        "T-1001", "maria@example.com", "Router keeps dropping Wi-Fi",
        "My router from order #482913 disconnects every evening. What can I do?",
    ),
    Ticket(
        "T-1002", "sam@example.com", "Refund please",
        "The camera I bought does not work and I want my money back.",
    ),
)

/**
 * Triages the sample tickets end to end with the offline model, printing the queue each goes to
 * and its draft as it streams, then what happened, the run's timeline and what its model calls
 * used and cost.
 */
fun main() {
    applicationContext().use { context ->
        triage(
            context.getBean(TicketPipelineExecutor::class.java),
            context.getBean(RoutingPipelineExecutor::class.java),
            System.out,
        )
    }
}

/**
 * Starts a Micronaut context that builds the generated executors around [pipeline] and [routing].
 * Micronaut's processor runs in javac, over the executors kapt generated, so it writes their bean
 * definitions; the Kotlin classes it never sees are handed to the context as ready objects.
 */
fun applicationContext(
    pipeline: TicketPipeline = TicketPipeline(OfflineLanguageModel()),
    routing: RoutingPipeline = RoutingPipeline(OfflineLanguageModel()),
): ApplicationContext = ApplicationContext.builder().singletons(pipeline, routing).start()

/** Routes every sample ticket with [router], runs it through [executor] and prints what happened to [out]. */
fun triage(executor: TicketPipelineExecutor, router: RoutingPipelineExecutor, out: PrintStream) {
    for (ticket in TICKETS) {
        out.println("== Ticket ${ticket.id}: ${ticket.subject}")
        // No agent asked for a team, so the pipeline picks one, or none: output() is a Team?.
        val team = router.execute(ticket, null).output()
        out.println("Queue: ${team?.name?.lowercase()?.replace('_', ' ') ?: "shared"}")
        val result: PipelineResult<Reply> = executor.stream(ticket).use { run ->
            for (chunk in run) {
                out.print(chunk.text())
                out.flush()
            }
            out.println()
            run.result()
        }
        if (result.stoppedEarly()) {
            val state = result.conversationState().orElseThrow()
            out.println("Not sent. Stopped at '${result.stoppedAt().orElseThrow()}': ${state.context()}")
        } else {
            out.println("Sent. Cited: ${result.output().citedArticles.joinToString()}")
        }
        out.println()
        out.println(result.timeline())
        out.println()
        out.println(result.usageTable())
        out.println()
    }
}
